/**
 * Evaluation mode (issue 12 item 4): `policy_evaluation` holds a draft policy that runs beside the live one for 1–30
 * days (at most one without a stop time, by a partial unique index), and `policy_evaluation_decision` what the live
 * policy and the draft decided at each eligibility check of a reset flow (reason codes only; nothing about the
 * person but the flow id). The flow id has no foreign key: flows are purged sooner than an evaluation's report.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("policy_evaluation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("draft", "jsonb", (c) => c.notNull())
    .addColumn("started_by", "text", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("stopped_by", "text")
    .addColumn("stopped_at", "timestamptz")
    .addColumn("end_reason", "text")
    .execute();
  // At most one evaluation without a stop time: a unique index on a constant over the open rows only.
  await sql`create unique index policy_evaluation_one_open on policy_evaluation ((true)) where stopped_at is null`.execute(
    db,
  );
  await db.schema
    .createTable("policy_evaluation_decision")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("evaluation_id", "text", (c) => c.notNull().references("policy_evaluation.id").onDelete("cascade"))
    .addColumn("flow_id", "text", (c) => c.notNull())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("live_reason", "text")
    .addColumn("draft_reason", "text")
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_evaluation_decision_by_evaluation")
    .on("policy_evaluation_decision")
    .columns(["evaluation_id", "at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("policy_evaluation_decision").execute();
  await db.schema.dropTable("policy_evaluation").execute();
}
