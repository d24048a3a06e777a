/**
 * An index on `outbox_message (user_ref, created_at)`: "Diagnose this user" (SPEC §13.1 check 12) reads the newest
 * messages to one user, which would otherwise scan the whole outbox.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("outbox_message_user").on("outbox_message").columns(["user_ref", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_message_user").execute();
}
