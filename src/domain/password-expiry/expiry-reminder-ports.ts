/** What the expiry reminder job reads and records (SPEC §15.5): the built-in accounts near expiry, and what was sent. */
import type { Language } from "../users.js";

/** The last reminder sent to an account: for which password (its change time), at which threshold in days. */
export interface SentReminder {
  readonly passwordChangedAt: Date;
  readonly thresholdDays: number;
}

/** A built-in account whose password may be near expiry, with where its reminder goes. */
export interface ExpiryReminderCandidate {
  readonly ref: string;
  readonly userId: string;
  /** The directory's address (`mail`), or null. */
  readonly email: string | null;
  readonly preferredLanguage: Language | null;
  readonly passwordChangedAt: Date;
  /** The user's verified email methods' addresses. */
  readonly verifiedEmails: readonly string[];
  /** The last reminder recorded for this account (for this or an earlier password), or null. */
  readonly sent: SentReminder | null;
}

export interface ExpiryReminderStore {
  /**
   * Built-in accounts whose password was set in [changedFrom, changedUntil): enabled, not admin-locked, not on
   * security hold, no admin's temporary password standing, not already marked must-change (that page comes first
   * anyway). Ordered by ref.
   */
  candidates(window: { readonly changedFrom: Date; readonly changedUntil: Date }): Promise<ExpiryReminderCandidate[]>;
  /** Records the reminder sent for the account's current password, replacing the one before. */
  record(reminder: { userRef: string; passwordChangedAt: Date; thresholdDays: number; sentAt: Date }): Promise<void>;
}
