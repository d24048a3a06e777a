/**
 * `not_me_link`: the one-time "This wasn't me" links of SPEC §9.3. Each row is one link of one security notice: only
 * the SHA-256 of its 32-byte token (the token itself lives in the email alone), the account it may put on hold, the
 * event the notice told of (`about`, `about_at`), when it expires (7 days) and when it was used, and the support
 * code the incident is known by at the helpdesk. Rows go with their account.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("not_me_link")
    .addColumn("token_hash", "bytea", (c) => c.primaryKey())
    .addColumn("user_ref", "text", (c) => c.notNull().references("account.ref").onDelete("cascade"))
    .addColumn("about", "text", (c) => c.notNull())
    .addColumn("about_at", "timestamptz", (c) => c.notNull())
    .addColumn("support_code", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("not_me_link_user").on("not_me_link").column("user_ref").execute();
  await db.schema.createIndex("not_me_link_support_code").on("not_me_link").column("support_code").execute();
  await db.schema.createIndex("not_me_link_expires").on("not_me_link").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("not_me_link").execute();
}
