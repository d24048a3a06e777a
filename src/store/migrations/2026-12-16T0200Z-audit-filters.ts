/**
 * Indexes for the audit page's filters (`/admin/audit`, the admin API's audit read): newest first by `seq` within an
 * activity or an actor, and a time range. The target user already has `audit_event_target`.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_event_activity").on("audit_event").columns(["activity", "seq"]).execute();
  await db.schema.createIndex("audit_event_actor").on("audit_event").columns(["actor_user_id", "seq"]).execute();
  await db.schema.createIndex("audit_event_time").on("audit_event").column("time").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_event_time").execute();
  await db.schema.dropIndex("audit_event_actor").execute();
  await db.schema.dropIndex("audit_event_activity").execute();
}
