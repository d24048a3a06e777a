/** The foundation's tables: organisation, keys, built-in directory, policy, sessions, flows, codes, throttles, outbox, audit. */
import { type Kysely, sql } from "kysely";

async function createDirectoryTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("default_lang", "text", (c) => c.notNull())
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("secret_key")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("key", "bytea", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("directory_user")
    .addColumn("ref", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().unique())
    .addColumn("email", "text")
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("admin_locked_at", "timestamptz")
    .addColumn("security_hold_at", "timestamptz")
    .addColumn("password_hash", "text")
    .addColumn("password_changed_at", "timestamptz")
    .addColumn("must_change_password", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("preferred_lang", "text")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("password_history")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("user_ref", "text", (c) => c.notNull().references("directory_user.ref").onDelete("cascade"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_history_user").on("password_history").columns(["user_ref", "id"]).execute();
  await db.schema
    .createTable("directory_group")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("group_member")
    .addColumn("group_name", "text", (c) => c.notNull().references("directory_group.name").onDelete("cascade"))
    .addColumn("user_ref", "text", (c) => c.notNull().references("directory_user.ref").onDelete("cascade"))
    .addPrimaryKeyConstraint("group_member_pk", ["group_name", "user_ref"])
    .execute();
  await db.schema
    .createTable("admin_role")
    .addColumn("user_ref", "text", (c) => c.notNull().references("directory_user.ref").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("granted_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("admin_role_pk", ["user_ref", "role"])
    .execute();
  await db.schema
    .createTable("verified_method")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_ref", "text", (c) => c.notNull().references("directory_user.ref").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("verified_method_user").on("verified_method").column("user_ref").execute();
}

async function createPolicyAndSessionTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sspr_policy")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("user_ref", "text", (c) => c.notNull().references("directory_user.ref").onDelete("cascade"))
    .addColumn("signed_in_with", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user").on("session").column("user_ref").execute();
  await db.schema
    .createTable("signin_lockout")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("lock_level", "integer", (c) => c.notNull())
    .addColumn("locked_until", "timestamptz")
    .addColumn("last_failure_at", "timestamptz")
    .addColumn("recent_wrong", "jsonb", (c) => c.notNull())
    .execute();
}

async function createFlowTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reset_flow")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("support_code", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("typed_user_id", "text", (c) => c.notNull())
    .addColumn("user_ref", "text")
    .addColumn("inert_reason", "text")
    .addColumn("methods_passed", "jsonb", (c) => c.notNull())
    .addColumn("current_method", "text")
    .addColumn("gate_step", "text")
    .addColumn("password_submissions", "integer", (c) => c.notNull())
    .addColumn("issued_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ended_at", "timestamptz")
    .addColumn("end_reason", "text")
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reset_flow_user").on("reset_flow").column("user_ref").execute();
  await db.schema.createIndex("reset_flow_support_code").on("reset_flow").column("support_code").execute();
  await db.schema
    .createTable("challenge")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("flow_id", "text", (c) => c.notNull().references("reset_flow.id").onDelete("cascade"))
    .addColumn("gate", "integer", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("code_hmac", "bytea")
    .addColumn("target_ref", "text")
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("consumed_at", "timestamptz")
    .addColumn("voided_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("challenge_flow_gate").on("challenge").columns(["flow_id", "gate"]).execute();
  await db.schema
    .createTable("spent_captcha")
    .addColumn("signature", "text", (c) => c.primaryKey())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
}

async function createThrottleOutboxAuditTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("throttle_hit")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("counter", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("throttle_hit_lookup").on("throttle_hit").columns(["counter", "key", "at"]).execute();
  await db.schema
    .createTable("throttle_block")
    .addColumn("counter", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("until", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("throttle_block_pk", ["counter", "key"])
    .execute();
  await db.schema.createIndex("throttle_block_key").on("throttle_block").column("key").execute();
  await db.schema
    .createTable("outbox_message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("data", "jsonb")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull())
    .addColumn("lease_until", "timestamptz")
    .addColumn("not_after", "timestamptz", (c) => c.notNull())
    .addColumn("user_ref", "text")
    .addColumn("flow_id", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox_message").columns(["status", "next_attempt_at"]).execute();
  await db.schema
    .createTable("dev_mailbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("audit_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("seq", "bigserial", (c) => c.notNull().unique())
    .addColumn("time", "timestamptz", (c) => c.notNull())
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_user_id", "text")
    .addColumn("target_ref", "text")
    .addColumn("target_user_id", "text")
    .addColumn("flow_id", "text")
    .addColumn("support_code", "text")
    .addColumn("ip", "text")
    .addColumn("client", "text")
    .addColumn("method", "text")
    .addColumn("masked_target", "text")
    .addColumn("lang", "text")
    .addColumn("instance", "text", (c) => c.notNull())
    .addColumn("changes", "jsonb")
    .execute();
  await db.schema.createIndex("audit_event_target").on("audit_event").columns(["target_user_id", "seq"]).execute();
  await db.schema
    .createTable("worker_heartbeat")
    .addColumn("instance", "text", (c) => c.primaryKey())
    .addColumn("beat_at", "timestamptz", (c) => c.notNull())
    .execute();
  // Append-only: the audit table refuses updates and deletes except the retention purge, which arrives later.
  await sql`create function audit_event_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_event is append-only'; end $$`.execute(db);
  await sql`create trigger audit_event_no_update before update on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await createDirectoryTables(db);
  await createPolicyAndSessionTables(db);
  await createFlowTables(db);
  await createThrottleOutboxAuditTables(db);
}
