/**
 * The one lookup of who holds an admin role, with the addresses and language a message to them needs. Whom to tell
 * is each domain's rule: the helpdesk's tiers (SPEC §6.9) in domain/helpdesk/, the security-hold alert and §9.4's
 * notice in domain/not-me/, O1's alert in phone-budget-alert.ts; they all ask this port.
 */
import type { AdminRole, Language } from "./users.js";

/** An account holding at least one of the roles asked for. */
export interface RoleHolder {
  readonly ref: string;
  /** The directory reference of the account, for a directory Sandi must ask for the entry (the helpdesk's read). */
  readonly directoryId: string;
  readonly entryId: string;
  /** The built-in directory's user ID; null for an entry Sandi reads from another directory. */
  readonly userId: string | null;
  /** Every admin role the account holds, in name order. */
  readonly roles: readonly AdminRole[];
  readonly preferredLanguage: Language | null;
  /** The built-in directory's address, as stored; null for none or another directory. */
  readonly email: string | null;
  /** Verified email methods, oldest first. */
  readonly verifiedEmails: readonly string[];
}

/** Which holders to list. */
export interface RoleHolderQuery {
  /** Any of these; none asked, none found. */
  readonly roles: readonly AdminRole[];
  /** Accounts left out (the user an alert is about). */
  readonly exceptRefs?: readonly string[];
  readonly limit: number;
}

/** Who holds admin roles: over the pool, or inside a transaction (TransactionStores). */
export interface RoleHolderStore {
  /**
   * Accounts holding any of `roles`, each once, except `exceptRefs` and disabled built-in users (they cannot sign in
   * to act on a message): Global admins first, then by ref, at most `limit`. One statement that needs nothing of a
   * directory Sandi reaches over the network, so it may run inside the transaction that queues the message.
   */
  holdersOf(query: RoleHolderQuery): Promise<RoleHolder[]>;
}
