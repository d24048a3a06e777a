/** Temporary access passes in `temporary_access_pass` (SPEC §18): hashes only; spent by a conditional update. */
import type { Kysely, Selectable } from "kysely";
import { ACCESS_PASS_ENDS, type AccessPass, type AccessPassStore } from "../../domain/access-pass/access-pass-ports.js";
import type { Database, TemporaryAccessPassTable } from "../database.js";
import { asNullable, asOneOf } from "./row-values.js";

function rowToPass(row: Selectable<TemporaryAccessPassTable>): AccessPass {
  return {
    id: row.id,
    userRef: row.user_ref,
    passHash: row.pass_hash,
    issuedBy: row.issued_by,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
    endReason: asNullable(row.end_reason, (reason) =>
      asOneOf(ACCESS_PASS_ENDS, reason, "temporary_access_pass.end_reason"),
    ),
  };
}

/** An AccessPassStore over `db` (the pool, or a transaction). */
export function createKyselyAccessPassStore(db: Kysely<Database>): AccessPassStore {
  return {
    async issue(pass, now) {
      const replaced = await db
        .updateTable("temporary_access_pass")
        .set({ ended_at: now, end_reason: "replaced" })
        .where("user_ref", "=", pass.userRef)
        .where("ended_at", "is", null)
        .executeTakeFirst();
      await db
        .insertInto("temporary_access_pass")
        .values({
          id: pass.id,
          user_ref: pass.userRef,
          pass_hash: pass.passHash,
          issued_by: pass.issuedBy,
          issued_at: pass.issuedAt,
          expires_at: pass.expiresAt,
          ended_at: null,
          end_reason: null,
        })
        .execute();
      return replaced.numUpdatedRows > 0n;
    },

    async findOpen(userRef) {
      const row = await db
        .selectFrom("temporary_access_pass")
        .selectAll()
        .where("user_ref", "=", userRef)
        .where("ended_at", "is", null)
        .orderBy("issued_at", "desc")
        .executeTakeFirst();
      return row === undefined ? null : rowToPass(row);
    },

    /** One UPDATE … WHERE ended_at IS NULL: of two racing sign-ins with the same pass exactly one ends it. */
    async end(id, reason, now) {
      const ended = await db
        .updateTable("temporary_access_pass")
        .set({ ended_at: now, end_reason: reason })
        .where("id", "=", id)
        .where("ended_at", "is", null)
        .executeTakeFirst();
      return ended.numUpdatedRows > 0n;
    },
  };
}
