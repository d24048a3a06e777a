/**
 * Password expiry (SPEC §3 `password.maxAgeDays`, §15.5 reminders). `expiry_reminder` records, per account, the last
 * reminder sent for its current password (its change time and the threshold in days), so a second run on one day, a
 * restart or a second instance sends nothing again, and a new password starts over. One row per account at most.
 *
 * A built-in password's age is `directory_user.password_changed_at`, which every password write has set since the
 * foundation. A row that has a hash but no change time (written by hand, or by a tool outside Sandi) gets its
 * entry's `created_at`: the password is at least that old, so a maximum age counts from the earliest time it can have
 * been set rather than never expiring it.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("expiry_reminder")
    .addColumn("user_ref", "text", (c) => c.primaryKey().references("account.ref").onDelete("cascade"))
    .addColumn("password_changed_at", "timestamptz", (c) => c.notNull())
    .addColumn("threshold_days", "integer", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`update directory_user set password_changed_at = created_at
    where password_hash is not null and password_changed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("expiry_reminder").execute();
}
