/**
 * `reset_flow.step_data`: what the current gate step shows of itself (the drawn security questions, a passkey
 * ceremony's request options, gate 2's masked target), saved when the gate opens so every page of the step shows the
 * same thing. Public data only; null outside a gate.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("reset_flow").addColumn("step_data", "jsonb").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("reset_flow").dropColumn("step_data").execute();
}
