/** One-time code challenges in `challenge`: count, compare, consume, each a single statement that races safely. */
import type { Kysely, Selectable } from "kysely";
import type { Challenge, ChallengeStore } from "../../domain/ports.js";
import type { ChallengeTable, Database } from "../database.js";
import { asMethodId } from "./row-values.js";

/** Maps a `challenge` row to the domain's Challenge. */
export function challengeRowToChallenge(row: Selectable<ChallengeTable>): Challenge {
  return {
    id: row.id,
    flowId: row.flow_id,
    gate: row.gate,
    method: asMethodId(row.method, "challenge.method"),
    codeHmac: row.code_hmac === null ? null : new Uint8Array(row.code_hmac),
    targetRef: row.target_ref,
    keyId: row.key_id,
    attempts: row.attempts,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
    voidedAt: row.voided_at,
    createdAt: row.created_at,
  };
}

/** A ChallengeStore over `db`. Call takeAttempt on the pool, outside the caller's transaction (STYLE §3). */
export function createKyselyChallengeStore(db: Kysely<Database>): ChallengeStore {
  /** The newest unvoided challenge of a flow's gate. */
  async function findCurrent(flowId: string, gate: number): Promise<Challenge | null> {
    const row = await db
      .selectFrom("challenge")
      .selectAll()
      .where("flow_id", "=", flowId)
      .where("gate", "=", gate)
      .where("voided_at", "is", null)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? challengeRowToChallenge(row) : null;
  }

  return {
    /** Inserts the challenge as given. */
    async create(challenge) {
      await db
        .insertInto("challenge")
        .values({
          id: challenge.id,
          flow_id: challenge.flowId,
          gate: challenge.gate,
          method: challenge.method,
          code_hmac: challenge.codeHmac,
          target_ref: challenge.targetRef,
          key_id: challenge.keyId,
          attempts: challenge.attempts,
          expires_at: challenge.expiresAt,
          consumed_at: challenge.consumedAt,
          voided_at: challenge.voidedAt,
          created_at: challenge.createdAt,
        })
        .execute();
    },

    /** The newest unvoided challenge of the gate (consumed or not), or null. */
    findCurrent,

    /** Every challenge the gate ever had, voided ones included: each was a send. */
    async countSends(flowId, gate) {
      const { sends } = await db
        .selectFrom("challenge")
        .select((eb) => eb.fn.countAll<string>().as("sends"))
        .where("flow_id", "=", flowId)
        .where("gate", "=", gate)
        .executeTakeFirstOrThrow();
      return Number(sends);
    },

    /** One guarded UPDATE, so parallel guesses never push the count past `maxAttempts`. */
    async takeAttempt({ flowId, gate, maxAttempts, now }) {
      const current = db
        .selectFrom("challenge")
        .select("id")
        .where("flow_id", "=", flowId)
        .where("gate", "=", gate)
        .where("voided_at", "is", null)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1);
      const row = await db
        .updateTable("challenge")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("id", "=", current)
        .where("consumed_at", "is", null)
        .where("expires_at", ">", now)
        .where("attempts", "<", maxAttempts)
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) return { taken: challengeRowToChallenge(row) };
      // Nothing counted: read why (the rare path; the hot one is the single update above).
      const found = await findCurrent(flowId, gate);
      if (found === null || found.consumedAt !== null) return { refused: "missing" };
      return { refused: found.expiresAt.getTime() <= now.getTime() ? "expired" : "exhausted" };
    },

    /** Marks the challenge used. However many callers race, only one of them sees true. */
    async consume(challengeId, now) {
      const result = await db
        .updateTable("challenge")
        .set({ consumed_at: now })
        .where("id", "=", challengeId)
        .where("consumed_at", "is", null)
        .where("voided_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** Voids the gate's unspent challenges; consumed ones keep their record. */
    async voidForGate(flowId, gate, now) {
      await db
        .updateTable("challenge")
        .set({ voided_at: now })
        .where("flow_id", "=", flowId)
        .where("gate", "=", gate)
        .where("consumed_at", "is", null)
        .where("voided_at", "is", null)
        .execute();
    },

    /** Voids the unspent challenges of every flow serving the user. */
    async voidForUser(userRef, now) {
      await db
        .updateTable("challenge")
        .set({ voided_at: now })
        .where("flow_id", "in", (eb) => eb.selectFrom("reset_flow").select("id").where("user_ref", "=", userRef))
        .where("consumed_at", "is", null)
        .where("voided_at", "is", null)
        .execute();
    },
  };
}
