/** The method history in `method_event` (NIST SP 800-63B rev 4's record of every authenticator bound). */
import type { Kysely } from "kysely";
import { METHOD_IDS } from "../../domain/methods.js";
import { METHOD_ACTIONS, type MethodHistoryStore } from "../../domain/registration/registration-ports.js";
import type { Database } from "../database.js";
import { asOneOf } from "./row-values.js";

export function createKyselyMethodHistory(db: Kysely<Database>): MethodHistoryStore {
  return {
    async append(events) {
      if (events.length === 0) return;
      await db
        .insertInto("method_event")
        .values(
          events.map((event) => ({
            id: event.id,
            user_ref: event.userRef,
            method_ref: event.methodRef,
            method: event.method,
            action: event.action,
            masked: event.masked,
            actor: event.actor,
            ip: event.ip,
            client: event.client,
            at: event.at,
          })),
        )
        .execute();
    },

    async listForUser(userRef, limit) {
      const rows = await db
        .selectFrom("method_event")
        .selectAll()
        .where("user_ref", "=", userRef)
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        userRef: row.user_ref,
        methodRef: row.method_ref,
        method: asOneOf(METHOD_IDS, row.method, "method_event.method"),
        action: asOneOf(METHOD_ACTIONS, row.action, "method_event.action"),
        masked: row.masked,
        actor: row.actor,
        ip: row.ip,
        client: row.client,
        at: row.at,
      }));
    },
  };
}
