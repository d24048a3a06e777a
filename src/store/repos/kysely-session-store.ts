/** Sign-in sessions in `session`: split-token ids with only the secret's hash stored, revoked rather than deleted. */
import type { Kysely, Selectable } from "kysely";
import type { Session, SessionStore } from "../../domain/ports.js";
import type { Database, SessionTable } from "../database.js";
import { asOneOf } from "./row-values.js";

const SIGN_IN_KINDS: readonly Session["signedInWith"][] = ["password", "passkey", "access_pass"];

/** Maps a `session` row to the domain's Session. */
export function sessionRowToSession(row: Selectable<SessionTable>): Session {
  return {
    id: row.id,
    secretHash: new Uint8Array(row.secret_hash),
    userRef: row.user_ref,
    signedInWith: asOneOf(SIGN_IN_KINDS, row.signed_in_with, "session.signed_in_with"),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    client: row.client,
    steppedUpAt: row.stepped_up_at,
    secondFactorAt: row.second_factor_at,
  };
}

/** A SessionStore over `db` (the pool, or a transaction). */
export function createKyselySessionStore(db: Kysely<Database>): SessionStore {
  return {
    /** Inserts the session as given. */
    async create(session) {
      await db
        .insertInto("session")
        .values({
          id: session.id,
          secret_hash: session.secretHash,
          user_ref: session.userRef,
          signed_in_with: session.signedInWith,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          revoked_at: null,
          ip: session.ip,
          client: session.client,
          stepped_up_at: session.steppedUpAt ?? null,
          second_factor_at: session.secondFactorAt ?? null,
        })
        .execute();
    },

    /** The session unless it is revoked; expiry is the caller's check (it holds the clock). */
    async findLive(id) {
      const row = await db
        .selectFrom("session")
        .selectAll()
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return row ? sessionRowToSession(row) : null;
    },

    /** Records activity on a live session; a revoked one stays untouched. */
    async touch(id, now) {
      await db
        .updateTable("session")
        .set({ last_seen_at: now })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
    },

    /** Revokes the session; revoking twice keeps the first time. */
    async revoke(id, now) {
      await db
        .updateTable("session")
        .set({ revoked_at: now })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
    },

    /** Newest sign-in first. */
    async listLive(userRef, now) {
      const rows = await db
        .selectFrom("session")
        .selectAll()
        .where("user_ref", "=", userRef)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now)
        .orderBy("created_at", "desc")
        .execute();
      return rows.map(sessionRowToSession);
    },

    /** Revokes the user's live sessions of the given kinds (but `exceptId`) and counts them; other kinds stay live. */
    async revokeForUser(userRef, kinds, now, exceptId) {
      if (kinds.length === 0) return 0;
      let query = db
        .updateTable("session")
        .set({ revoked_at: now })
        .where("user_ref", "=", userRef)
        .where("signed_in_with", "in", kinds)
        .where("revoked_at", "is", null);
      if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** A second factor is also a step-up; a step-up by password or a new method leaves `second_factor_at` alone. */
    async markSteppedUp(id, now, proof) {
      const changes =
        proof?.secondFactor === true ? { stepped_up_at: now, second_factor_at: now } : { stepped_up_at: now };
      await db.updateTable("session").set(changes).where("id", "=", id).execute();
    },
  };
}
