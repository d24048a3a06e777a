/**
 * `api_token`: the admin API's bearer tokens (ADR 0020). Only the SHA-256 of the secret is kept; the token carries
 * one role, an optional group scope and an expiry, and is revoked rather than deleted so the audit can name it.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("scope_group", "text", (c) => c.references("directory_group.name").onDelete("cascade"))
    .addColumn("owner_ref", "text", (c) => c.references("directory_user.ref").onDelete("cascade"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .addColumn("last_used_ip", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_token").execute();
}
