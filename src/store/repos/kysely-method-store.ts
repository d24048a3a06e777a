/** Users' verified methods in `verified_method`, kept apart from the directory's contact data. */
import { type Kysely, type Selectable, sql } from "kysely";
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
    verifiedAt: row.verified_at,
    secret: row.secret === null ? null : new Uint8Array(row.secret),
    credentialId: row.credential_id,
    counter: Number(row.counter),
    extension: row.extension,
    details: (row.details ?? null) as Readonly<Record<string, unknown>> | null,
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

    async findForUser(userRef, id) {
      const row = await db
        .selectFrom("verified_method")
        .selectAll()
        .where("user_ref", "=", userRef)
        .where("id", "=", id)
        .executeTakeFirst();
      return row === undefined ? null : verifiedMethodRowToMethod(row);
    },

    async findByCredentialId(credentialId) {
      const row = await db
        .selectFrom("verified_method")
        .selectAll()
        .where("credential_id", "=", credentialId)
        .executeTakeFirst();
      return row === undefined ? null : verifiedMethodRowToMethod(row);
    },

    /** Inserts the method as given; a duplicate id (or passkey credential id) throws. */
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
          verified_at: method.verifiedAt ?? method.createdAt,
          secret: method.secret ?? null,
          credential_id: method.credentialId ?? null,
          counter: method.counter ?? 0,
          extension: method.extension ?? null,
          details: method.details === undefined || method.details === null ? null : JSON.stringify(method.details),
        })
        .execute();
    },

    async remove(userRef, id) {
      const result = await db
        .deleteFrom("verified_method")
        .where("user_ref", "=", userRef)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Records that the method was just used. */
    async markUsed(id, now) {
      await db.updateTable("verified_method").set({ last_used_at: now }).where("id", "=", id).execute();
    },

    async advanceCounter(id, value) {
      const result = await db
        .updateTable("verified_method")
        .set({ counter: value })
        .where("id", "=", id)
        .where(sql<boolean>`counter < ${value}`)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setLabel(userRef, id, label) {
      const result = await db
        .updateTable("verified_method")
        .set({ label })
        .where("user_ref", "=", userRef)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
