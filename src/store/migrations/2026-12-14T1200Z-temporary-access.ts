/**
 * Temporary access (SPEC §10, §18): `account.temporary_password_at` marks an admin-set temporary password not used
 * yet (it expires after 72 h; any sign-in with it or any new password clears the mark), and `temporary_access_pass`
 * holds the helpdesk's one-time passes: only an Argon2id hash of each, who issued it, when it ends, and how it ended
 * (`used`, `expired`, `replaced`, `revoked`). At most one pass per account is open (`ended_at` null) at a time.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account").addColumn("temporary_password_at", "timestamptz").execute();
  await db.schema
    .createTable("temporary_access_pass")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_ref", "text", (c) => c.notNull().references("account.ref").onDelete("cascade"))
    .addColumn("pass_hash", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull())
    .addColumn("issued_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ended_at", "timestamptz")
    .addColumn("end_reason", "text")
    .execute();
  await db.schema.createIndex("temporary_access_pass_user").on("temporary_access_pass").column("user_ref").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("temporary_access_pass").execute();
  await db.schema.alterTable("account").dropColumn("temporary_password_at").execute();
}
