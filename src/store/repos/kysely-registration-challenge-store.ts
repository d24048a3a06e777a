/** Unfinished verifications and step-ups in `registration_challenge`, one per session and purpose at a time. */
import type { Kysely, Selectable } from "kysely";
import { METHOD_IDS } from "../../domain/methods.js";
import type {
  RegistrationChallenge,
  RegistrationChallengeStore,
} from "../../domain/registration/registration-ports.js";
import type { Database, RegistrationChallengeTable } from "../database.js";
import { asOneOf } from "./row-values.js";

const PURPOSES = ["enrol", "step_up", "verify_caller"] as const;

function rowToChallenge(row: Selectable<RegistrationChallengeTable>): RegistrationChallenge {
  return {
    id: row.id,
    userRef: row.user_ref,
    sessionId: row.session_id,
    purpose: asOneOf(PURPOSES, row.purpose, "registration_challenge.purpose"),
    method: asOneOf(METHOD_IDS, row.method, "registration_challenge.method"),
    target: row.target,
    replacesId: row.replaces_id,
    codeHmac: row.code_hmac === null ? null : new Uint8Array(row.code_hmac),
    keyId: row.key_id,
    payload: (row.payload ?? {}) as Readonly<Record<string, unknown>>,
    attempts: row.attempts,
    sends: row.sends,
    codeExpiresAt: row.code_expires_at,
    dropAt: row.drop_at,
    consumedAt: row.consumed_at,
    createdAt: row.created_at,
  };
}

export function createKyselyRegistrationChallengeStore(db: Kysely<Database>): RegistrationChallengeStore {
  return {
    async create(challenge) {
      await db
        .deleteFrom("registration_challenge")
        .where("session_id", "=", challenge.sessionId)
        .where("purpose", "=", challenge.purpose)
        .where("consumed_at", "is", null)
        .execute();
      await db
        .insertInto("registration_challenge")
        .values({
          id: challenge.id,
          user_ref: challenge.userRef,
          session_id: challenge.sessionId,
          purpose: challenge.purpose,
          method: challenge.method,
          target: challenge.target,
          replaces_id: challenge.replacesId,
          code_hmac: challenge.codeHmac,
          key_id: challenge.keyId,
          payload: JSON.stringify(challenge.payload),
          attempts: challenge.attempts,
          sends: challenge.sends,
          code_expires_at: challenge.codeExpiresAt,
          drop_at: challenge.dropAt,
          consumed_at: challenge.consumedAt,
          created_at: challenge.createdAt,
        })
        .execute();
    },

    async findLive(sessionId, id, now) {
      const row = await db
        .selectFrom("registration_challenge")
        .selectAll()
        .where("id", "=", id)
        .where("session_id", "=", sessionId)
        .where("consumed_at", "is", null)
        .where("drop_at", ">", now)
        .executeTakeFirst();
      return row === undefined ? null : rowToChallenge(row);
    },

    async resend(id, code) {
      await db
        .updateTable("registration_challenge")
        .set((eb) => ({
          code_hmac: code.hmac,
          key_id: code.keyId,
          code_expires_at: code.expiresAt,
          attempts: 0,
          sends: eb("sends", "+", 1),
        }))
        .where("id", "=", id)
        .execute();
    },

    async setPayload(id, payload) {
      await db
        .updateTable("registration_challenge")
        .set({ payload: JSON.stringify(payload) })
        .where("id", "=", id)
        .execute();
    },

    async countAttempt(id, maxAttempts) {
      const result = await db
        .updateTable("registration_challenge")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("id", "=", id)
        .where("attempts", "<", maxAttempts)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async consume(id, now) {
      const result = await db
        .updateTable("registration_challenge")
        .set({ consumed_at: now })
        .where("id", "=", id)
        .where("consumed_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteDropped(now, limit) {
      const result = await db
        .deleteFrom("registration_challenge")
        .where("id", "in", (eb) =>
          eb.selectFrom("registration_challenge").select("id").where("drop_at", "<=", now).limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
