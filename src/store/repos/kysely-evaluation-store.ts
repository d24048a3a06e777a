/** Evaluation mode's store (domain/policies/evaluation): `policy_evaluation` and its `policy_evaluation_decision`. */
import { type Kysely, type Selectable, sql } from "kysely";
import type {
  DecisionStep,
  EvaluationEnd,
  EvaluationStore,
  PolicyEvaluation,
} from "../../domain/policies/evaluation/evaluation-ports.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../domain/policies/sspr-policy.js";
import type { Database, PolicyEvaluationTable } from "../database.js";
import { asNullable, asOneOf } from "./row-values.js";
import { mergeOverDefaults } from "./kysely-policy-store.js";

const ENDS = ["stopped", "adopted", "expired"] as const satisfies readonly EvaluationEnd[];
const STEPS = ["identify", "recheck"] as const satisfies readonly DecisionStep[];

function rowToEvaluation(row: Selectable<PolicyEvaluationTable>): PolicyEvaluation {
  return {
    id: row.id,
    // As a policy version: settings added since the draft was saved get their defaults.
    draft: mergeOverDefaults(DEFAULT_POLICY, row.draft) as SsprPolicy,
    startedBy: row.started_by,
    startedAt: row.started_at,
    endsAt: row.ends_at,
    stoppedBy: row.stopped_by,
    stoppedAt: row.stopped_at,
    endReason: asNullable(row.end_reason, (reason) => asOneOf(ENDS, reason, "policy_evaluation.end_reason")),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "23505";
}

/** An EvaluationStore over `db`. */
export function createKyselyEvaluationStore(db: Kysely<Database>): EvaluationStore {
  return {
    async start(evaluation) {
      try {
        await db
          .insertInto("policy_evaluation")
          .values({
            id: evaluation.id,
            draft: JSON.stringify(evaluation.draft),
            started_by: evaluation.startedBy,
            started_at: evaluation.startedAt,
            ends_at: evaluation.endsAt,
          })
          .execute();
        return "started";
      } catch (error) {
        if (isUniqueViolation(error)) return "running";
        throw error;
      }
    },

    async open() {
      const row = await db
        .selectFrom("policy_evaluation")
        .selectAll()
        .where("stopped_at", "is", null)
        .executeTakeFirst();
      return row === undefined ? null : rowToEvaluation(row);
    },

    async latest() {
      const row = await db
        .selectFrom("policy_evaluation")
        .selectAll()
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : rowToEvaluation(row);
    },

    async close(id, end) {
      const result = await db
        .updateTable("policy_evaluation")
        .set({ stopped_by: end.by, stopped_at: end.at, end_reason: end.reason })
        .where("id", "=", id)
        .where("stopped_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async record(decisions) {
      if (decisions.length === 0) return;
      await db
        .insertInto("policy_evaluation_decision")
        .values(
          decisions.map((decision) => ({
            evaluation_id: decision.evaluationId,
            flow_id: decision.flowId,
            step: decision.step,
            live_reason: decision.liveReason,
            draft_reason: decision.draftReason,
            at: decision.at,
          })),
        )
        .execute();
    },

    async countDecisions(evaluationId) {
      const rows = await db
        .selectFrom("policy_evaluation_decision")
        .select(["step", "live_reason", "draft_reason"])
        .select(sql<string>`count(*)`.as("decisions"))
        .select(sql<string>`count(distinct flow_id)`.as("flows"))
        .where("evaluation_id", "=", evaluationId)
        .groupBy(["step", "live_reason", "draft_reason"])
        .orderBy("step")
        .orderBy("live_reason")
        .orderBy("draft_reason")
        .execute();
      return rows.map((row) => ({
        step: asOneOf(STEPS, row.step, "policy_evaluation_decision.step"),
        liveReason: row.live_reason,
        draftReason: row.draft_reason,
        decisions: Number(row.decisions),
        flows: Number(row.flows),
      }));
    },
  };
}
