/** The expiry reminder job's reads and records over the built-in directory's tables (SPEC §15.5). */
import { type Kysely, sql } from "kysely";
import type {
  ExpiryReminderCandidate,
  ExpiryReminderStore,
} from "../../domain/password-expiry/expiry-reminder-ports.js";
import type { Language } from "../../domain/users.js";
import type { Database } from "../database.js";

function languageOf(value: string | null): Language | null {
  return value === "en" || value === "id" ? value : null;
}

/** The store over `db` (the pool, or the transaction the reminder is queued in). */
export function createKyselyExpiryReminders(db: Kysely<Database>): ExpiryReminderStore {
  return {
    async candidates(window) {
      const rows = await db
        .selectFrom("directory_user")
        .innerJoin("account", "account.ref", "directory_user.ref")
        .leftJoin("expiry_reminder", "expiry_reminder.user_ref", "account.ref")
        .select([
          "account.ref",
          "directory_user.user_id",
          "directory_user.email",
          "account.preferred_lang",
          "directory_user.password_changed_at",
          "expiry_reminder.password_changed_at as sent_for",
          "expiry_reminder.threshold_days",
        ])
        .select(
          sql<string[]>`array(select v.value from verified_method v
            where v.user_ref = account.ref and v.method = 'email' order by v.value)`.as("verified_emails"),
        )
        .where("directory_user.password_hash", "is not", null)
        .where("directory_user.password_changed_at", ">=", window.changedFrom)
        .where("directory_user.password_changed_at", "<", window.changedUntil)
        .where("directory_user.enabled", "=", true)
        .where("account.admin_locked_at", "is", null)
        .where("account.security_hold_at", "is", null)
        .where("account.temporary_password_at", "is", null)
        .where("account.must_change_password", "=", false)
        .orderBy("account.ref")
        .execute();
      return rows.map(
        (row): ExpiryReminderCandidate => ({
          ref: row.ref,
          userId: row.user_id,
          email: row.email,
          preferredLanguage: languageOf(row.preferred_lang),
          // The where clause above keeps only rows with a change time.
          passwordChangedAt: row.password_changed_at as Date,
          verifiedEmails: row.verified_emails,
          sent:
            row.sent_for === null || row.threshold_days === null
              ? null
              : { passwordChangedAt: row.sent_for, thresholdDays: row.threshold_days },
        }),
      );
    },

    async record(reminder) {
      const values = {
        password_changed_at: reminder.passwordChangedAt,
        threshold_days: reminder.thresholdDays,
        sent_at: reminder.sentAt,
      };
      await db
        .insertInto("expiry_reminder")
        .values({ user_ref: reminder.userRef, ...values })
        .onConflict((conflict) => conflict.column("user_ref").doUpdateSet(values))
        .execute();
    },
  };
}
