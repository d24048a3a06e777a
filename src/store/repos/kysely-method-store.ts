/** Users' verified methods in `verified_method`, kept apart from the directory's contact data. */
import type { Kysely, Selectable } from "kysely";
import type { MethodStore, VerifiedMethod } from "../../domain/ports.js";
import type { Database, VerifiedMethodTable } from "../database.js";
import { asMethodId } from "./row-values.js";

/** Maps a `verified_method` row to the domain's VerifiedMethod. */
export function verifiedMethodRowToMethod(row: Selectable<VerifiedMethodTable>): VerifiedMethod {
  return {
    id: row.id,
    userRef: row.user_ref,
    method: asMethodId(row.method, "verified_method.method"),
    value: row.value,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** A MethodStore over `db` (the pool, or a transaction). */
export function createKyselyMethodStore(db: Kysely<Database>): MethodStore {
  return {
    /** The user's methods, oldest first. */
    async listForUser(userRef) {
      const rows = await db
        .selectFrom("verified_method")
        .selectAll()
        .where("user_ref", "=", userRef)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(verifiedMethodRowToMethod);
    },

    /** Inserts the method as given; a duplicate id throws. */
    async add(method) {
      await db
        .insertInto("verified_method")
        .values({
          id: method.id,
          user_ref: method.userRef,
          method: method.method,
          value: method.value,
          label: method.label,
          created_at: method.createdAt,
          last_used_at: method.lastUsedAt,
        })
        .execute();
    },

    /** Records that the method was just used. */
    async markUsed(id, now) {
      await db.updateTable("verified_method").set({ last_used_at: now }).where("id", "=", id).execute();
    },
  };
}
