/** Reset flows in `reset_flow`, saved with optimistic versions so a double submit loses cleanly. */
import type { Insertable, Kysely, Selectable } from "kysely";
import type { GateStep, ResetFlow } from "../../domain/flows/reset/reset-flow.js";
import { isTerminal, RESET_TRANSITIONS, type ResetState } from "../../domain/flows/reset/reset-states.js";
import { METHOD_STEP_IDS, type StepData } from "../../domain/methods/method-port.js";
import type { FlowStore } from "../../domain/ports.js";
import { isReasonCode, type ReasonCode } from "../../domain/reasons.js";
import type { Database, ResetFlowTable } from "../database.js";
import { asLanguage, asMethodId, asNullable, asOneOf, UnexpectedColumnValueError } from "./row-values.js";

const RESET_STATES = Object.keys(RESET_TRANSITIONS) as ResetState[];
const TERMINAL_STATES = RESET_STATES.filter(isTerminal);
const ACTIONS: readonly ResetFlow["action"][] = ["reset", "unlock"];
const GATE_STEPS: readonly GateStep[] = METHOD_STEP_IDS;

function asReasonCode(value: string): ReasonCode {
  if (!isReasonCode(value)) throw new UnexpectedColumnValueError("reset_flow.inert_reason", value);
  return value;
}

/** Maps a `reset_flow` row to the domain's ResetFlow. */
export function resetFlowRowToFlow(row: Selectable<ResetFlowTable>): ResetFlow {
  return {
    id: row.id,
    secretHash: new Uint8Array(row.secret_hash),
    supportCode: row.support_code,
    state: asOneOf(RESET_STATES, row.state, "reset_flow.state"),
    action: asOneOf(ACTIONS, row.action, "reset_flow.action"),
    typedUserId: row.typed_user_id,
    userRef: row.user_ref,
    inertReason: asNullable(row.inert_reason, asReasonCode),
    methodsPassed: row.methods_passed.map((method) => asMethodId(method, "reset_flow.methods_passed")),
    currentMethod: asNullable(row.current_method, (method) => asMethodId(method, "reset_flow.current_method")),
    gateStep: asNullable(row.gate_step, (step) => asOneOf(GATE_STEPS, step, "reset_flow.gate_step")),
    passwordSubmissions: row.password_submissions,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    lang: asLanguage(row.lang, "reset_flow.lang"),
    ip: row.ip,
    version: row.version,
    ...(row.writing_since === null ? {} : { writingSince: row.writing_since }),
    ...(row.step_data === null || row.step_data === undefined ? {} : { stepData: row.step_data as StepData }),
  };
}

/** The columns a save may change: everything but the id, the handle's hash and the version. */
function mutableColumns(flow: ResetFlow): Omit<Insertable<ResetFlowTable>, "id" | "secret_hash" | "version"> {
  return {
    support_code: flow.supportCode,
    state: flow.state,
    action: flow.action,
    typed_user_id: flow.typedUserId,
    user_ref: flow.userRef,
    inert_reason: flow.inertReason,
    methods_passed: JSON.stringify(flow.methodsPassed),
    current_method: flow.currentMethod,
    gate_step: flow.gateStep,
    password_submissions: flow.passwordSubmissions,
    issued_at: flow.issuedAt,
    expires_at: flow.expiresAt,
    ended_at: flow.endedAt,
    end_reason: flow.endReason,
    lang: flow.lang,
    ip: flow.ip,
    writing_since: flow.state === "writing" ? (flow.writingSince ?? null) : null,
    step_data: flow.stepData === undefined || flow.stepData === null ? null : JSON.stringify(flow.stepData),
  };
}

/** A FlowStore over `db` (the pool, or a transaction). */
export function createKyselyFlowStore(db: Kysely<Database>): FlowStore {
  return {
    /** Inserts the flow as given, its version included; a duplicate id throws. */
    async create(flow) {
      await db
        .insertInto("reset_flow")
        .values({ id: flow.id, secret_hash: flow.secretHash, version: flow.version, ...mutableColumns(flow) })
        .execute();
    },

    /** The stored flow, or null; expired flows are returned too (the guard decides). */
    async findById(id) {
      const row = await db.selectFrom("reset_flow").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? resetFlowRowToFlow(row) : null;
    },

    /** One conditional UPDATE: of two saves from the same version, exactly one sees true. */
    async saveIfVersion(flow, expectedVersion) {
      const result = await db
        .updateTable("reset_flow")
        .set({ ...mutableColumns(flow), version: expectedVersion + 1 })
        .where("id", "=", flow.id)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** Cancels the user's unexpired flows in a non-terminal state (bumping their versions, so a save in flight loses). */
    async cancelOpenFlowsOfUser(userRef, exceptFlowId, reason, now) {
      let query = db
        .updateTable("reset_flow")
        .set((eb) => ({ state: "cancelled", ended_at: now, end_reason: reason, version: eb("version", "+", 1) }))
        .where("user_ref", "=", userRef)
        .where("state", "not in", TERMINAL_STATES)
        .where("expires_at", ">", now);
      if (exceptFlowId !== null) query = query.where("id", "!=", exceptFlowId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** One indexed lookup (`reset_flow_support_code`); expired and ended flows are found too. */
    async findBySupportCode(supportCode) {
      const row = await db
        .selectFrom("reset_flow")
        .selectAll()
        .where("support_code", "=", supportCode)
        .orderBy("issued_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? resetFlowRowToFlow(row) : null;
    },

    /** Newest first, over the user's flows (`reset_flow_user`). */
    async listRecentOfUser(userRef, limit) {
      const rows = await db
        .selectFrom("reset_flow")
        .selectAll()
        .where("user_ref", "=", userRef)
        .orderBy("issued_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(resetFlowRowToFlow);
    },
  };
}
