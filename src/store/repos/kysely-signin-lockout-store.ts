/** SPEC §8.3's sign-in smart-lockout records in `signin_lockout`, one row per typed ID. */
import { type Kysely, type Selectable, sql } from "kysely";
import type { SignInLockout, SignInLockoutStore } from "../../domain/ports.js";
import type { Database, SignInLockoutTable } from "../database.js";

/** Maps a `signin_lockout` row to the domain's SignInLockout. */
export function signInLockoutRowToLockout(row: Selectable<SignInLockoutTable>): SignInLockout {
  return {
    key: row.key,
    failures: row.failures,
    lockLevel: row.lock_level,
    lockedUntil: row.locked_until,
    lastFailureAt: row.last_failure_at,
    recentWrong: [...row.recent_wrong],
  };
}

/** A SignInLockoutStore over `db` (the pool, or a transaction). */
export function createKyselySignInLockoutStore(db: Kysely<Database>): SignInLockoutStore {
  return {
    /**
     * The record of `key`, or null when it has none. Inside a transaction the key stays locked until it ends, so
     * parallel sign-in attempts on PostgreSQL count one after another instead of overwriting each other. The lock is
     * an advisory one on the key, not the row's FOR UPDATE alone: while an ID has no row there is nothing to lock, and
     * two first failures would both read "none" and both save a count of one.
     */
    async find(key) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`signin-lockout:${key}`}, 0))`.execute(db);
      const row = await db
        .selectFrom("signin_lockout")
        .selectAll()
        .where("key", "=", key)
        .forUpdate()
        .executeTakeFirst();
      return row ? signInLockoutRowToLockout(row) : null;
    },

    /** Upserts the whole record: the last save wins. */
    async save(lockout) {
      const columns = {
        failures: lockout.failures,
        lock_level: lockout.lockLevel,
        locked_until: lockout.lockedUntil,
        last_failure_at: lockout.lastFailureAt,
        recent_wrong: JSON.stringify(lockout.recentWrong),
      };
      await db
        .insertInto("signin_lockout")
        .values({ key: lockout.key, ...columns })
        .onConflict((conflict) => conflict.column("key").doUpdateSet(columns))
        .execute();
    },

    /** Deletes the record, wrong-password HMACs included (SPEC §8.3: erased when the counter resets). */
    async clear(key) {
      await db.deleteFrom("signin_lockout").where("key", "=", key).execute();
    },
  };
}
