/**
 * Who reads a helpdesk request (SPEC §6.9): Helpdesk and Password admins; if there are none, User admins; if none,
 * Global admins; at most 100. An admin counts when the directory has their entry, enabled, with an email address.
 * When no admin qualifies, the policy's fallback address (form mode's `helpdesk.target`, shown nowhere) is used.
 */
import type { Directory } from "../ports.js";
import type { RoleHolder, RoleHolderStore } from "../role-holders.js";
import type { AdminRole, Language } from "../users.js";

/** SPEC §6.9's order: the first tier with anyone in it gets the message. */
export const HELPDESK_RECIPIENT_TIERS: readonly (readonly AdminRole[])[] = [
  ["helpdesk_admin", "password_admin"],
  ["user_admin"],
  ["global_admin"],
];

/** SPEC §6.9: at most 100 recipients. */
export const MAX_HELPDESK_RECIPIENTS = 100;

/** One recipient: an address and the language the email is written in. */
export interface HelpdeskRecipient {
  readonly email: string;
  readonly lang: Language;
}

export interface RecipientDeps {
  /** Read over the pool, before the directory is asked for addresses. */
  readonly roleHolders: RoleHolderStore;
  /** Directory reads, outside any transaction (LDAP crosses the network). */
  readonly directory: Pick<Directory, "id" | "findEntryById">;
}

/** The holders' enabled directory entries with an address, each address once, in the admin's language or `fallbackLang`. */
async function reachable(
  deps: RecipientDeps,
  holders: readonly RoleHolder[],
  fallbackLang: Language,
): Promise<HelpdeskRecipient[]> {
  const recipients = new Map<string, HelpdeskRecipient>();
  for (const holder of holders) {
    if (holder.directoryId !== deps.directory.id) continue;
    const entry = await deps.directory.findEntryById(holder.entryId);
    if (entry === null || !entry.enabled || entry.email === null) continue;
    const email = entry.email.toLowerCase();
    if (!recipients.has(email)) recipients.set(email, { email, lang: holder.preferredLanguage ?? fallbackLang });
  }
  return [...recipients.values()];
}

/**
 * The recipients of a helpdesk request: the first tier with a reachable admin, else `fallbackAddress` (in the
 * organisation's language), else none.
 */
export async function helpdeskRecipients(
  deps: RecipientDeps,
  options: { readonly fallbackLang: Language; readonly fallbackAddress: string | null },
): Promise<HelpdeskRecipient[]> {
  for (const roles of HELPDESK_RECIPIENT_TIERS) {
    const holders = await deps.roleHolders.holdersOf({ roles, limit: MAX_HELPDESK_RECIPIENTS });
    const found = await reachable(deps, holders, options.fallbackLang);
    if (found.length > 0) return found.slice(0, MAX_HELPDESK_RECIPIENTS);
  }
  return options.fallbackAddress === null ? [] : [{ email: options.fallbackAddress, lang: options.fallbackLang }];
}
