/** Recovery codes in `recovery_code`: a lookup id and a keyed hash of the secret per code, spent once. */
import { type Kysely, sql } from "kysely";
import type { RecoveryCodeStore } from "../../domain/registration/registration-ports.js";
import type { Database } from "../database.js";

export function createKyselyRecoveryCodeStore(db: Kysely<Database>): RecoveryCodeStore {
  return {
    async addSet(methodId, codes) {
      if (codes.length === 0) return;
      await db
        .insertInto("recovery_code")
        .values(
          codes.map((code) => ({
            method_id: methodId,
            lookup: code.lookup,
            secret_hash: code.secretHash,
            key_id: code.keyId,
            used_at: null,
          })),
        )
        .execute();
    },

    async findUnspent(userRef, lookup) {
      const row = await db
        .selectFrom("recovery_code as r")
        .innerJoin("verified_method as m", "m.id", "r.method_id")
        .select(["r.method_id", "r.lookup", "r.secret_hash", "r.key_id"])
        .where("m.user_ref", "=", userRef)
        .where("r.lookup", "=", lookup)
        .where("r.used_at", "is", null)
        .executeTakeFirst();
      return row === undefined
        ? null
        : {
            methodId: row.method_id,
            lookup: row.lookup,
            secretHash: new Uint8Array(row.secret_hash),
            keyId: row.key_id,
          };
    },

    async spend(methodId, lookup, now) {
      const result = await db
        .updateTable("recovery_code")
        .set({ used_at: now })
        .where("method_id", "=", methodId)
        .where("lookup", "=", lookup)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      // The row's counter counts spent codes, so a method list shows "N codes left" without reading the codes.
      await db
        .updateTable("verified_method")
        .set({ counter: sql<number>`counter + 1` })
        .where("id", "=", methodId)
        .execute();
      return true;
    },

    async countLeft(methodId) {
      const row = await db
        .selectFrom("recovery_code")
        .select((eb) => eb.fn.countAll<string | number>().as("left"))
        .where("method_id", "=", methodId)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.left);
    },
  };
}
