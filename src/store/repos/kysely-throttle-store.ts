/** SPEC §8's rolling-window counters and blocks as rows in `throttle_hit` and `throttle_block`, shared by every instance. */
import { type Kysely, sql } from "kysely";
import type { ActiveBlock, CounterId, HitAndCount, ThrottleStore } from "../../domain/ports.js";
import type { Database } from "../database.js";
import { asOneOf } from "./row-values.js";

const COUNTER_IDS: readonly CounterId[] = [
  "A1",
  "A2",
  "A3",
  "A4",
  "I1",
  "I1-org",
  "I1-pow",
  "I2",
  "I3",
  "R1",
  "R2",
  "R3",
  "O1",
  "P1",
  "H1",
  "H2",
  "T1",
  "T2",
  "C1",
];

interface HitAndCountRow {
  readonly block_counter: string | null;
  readonly block_until: Date | null;
  readonly prior: number | string | bigint;
  readonly added: number | string | bigint;
}

function blockOf(row: HitAndCountRow): ActiveBlock | null {
  if (row.block_counter === null || row.block_until === null) return null;
  return { counter: asOneOf(COUNTER_IDS, row.block_counter, "throttle_block.counter"), until: row.block_until };
}

/**
 * The statement of `hitAndCount`. The block is read from the statement's snapshot, the insert runs whatever the
 * select reads, and `prior` does not see the rows inserted here (one snapshot per statement), so they are added.
 */
function hitAndCountQuery(input: HitAndCount) {
  const { now, counted } = input;
  const keys = input.blockKeys.length > 0 ? sql.join(input.blockKeys.map((key) => sql`${key}`)) : sql`null`;
  const hits = sql.join(input.hits.map((hit) => sql`(${hit.counter}, ${hit.key})`));
  const onlyWhen = input.skipHitsWhenBlocked ? sql`not exists (select 1 from blocked)` : sql`true`;
  return sql<HitAndCountRow>`
    with blocked as (
      select counter, until from throttle_block where key in (${keys}) and until > ${now}
      order by until desc, counter limit 1
    ), recorded as (
      insert into throttle_hit (counter, key, at)
      select v.counter, v.key, ${now}::timestamptz from (values ${hits}) as v (counter, key) where ${onlyWhen}
      returning counter, key
    )
    select
      (select counter from blocked) as block_counter,
      (select until from blocked) as block_until,
      (select count(*) from (
        select 1 from throttle_hit where counter = ${counted.counter} and key = ${counted.key} and at >= ${counted.since}
        limit ${counted.atMost}
      ) as earlier) as prior,
      (select count(*) from recorded where counter = ${counted.counter} and key = ${counted.key}) as added`;
}

/** `hitAndCount` after the key's lock, in one call of the function of migration 2026-12-14T0800Z. */
function serialisedHitAndCountQuery(lock: { counter: CounterId; key: string }, input: HitAndCount) {
  const { now, counted } = input;
  const textArray = (values: readonly string[]) => sql`${values}::text[]`;
  return sql<HitAndCountRow>`select * from sandi_hit_and_count(
    ${lockName(lock.counter, lock.key)}, ${textArray(input.blockKeys)}, ${input.skipHitsWhenBlocked},
    ${textArray(input.hits.map((hit) => hit.counter))}, ${textArray(input.hits.map((hit) => hit.key))}, ${now},
    ${counted.counter}, ${counted.key}, ${counted.since}, ${counted.atMost})`;
}

/** The advisory lock's name of (counter, key); `serialise` and the function hash it the same way. */
function lockName(counter: CounterId, key: string): string {
  return `throttle:${counter}:${key}`;
}

function countOf(rows: readonly HitAndCountRow[]): { block: ActiveBlock | null; count: number } {
  const row = rows[0];
  if (row === undefined) throw new Error("hitAndCount returned no row");
  return { block: blockOf(row), count: Number(row.prior) + Number(row.added) };
}

/** A ThrottleStore over `db` (the pool, or a transaction). */
export function createKyselyThrottleStore(db: Kysely<Database>): ThrottleStore {
  return {
    /**
     * A transaction-scoped advisory lock on a 64-bit hash of (counter, key): released at commit or rollback, so a
     * waiter's next statement sees the holder's committed hits (READ COMMITTED takes a snapshot per statement). A hash
     * collision only makes two keys wait on each other, never count together. On PGlite, serial anyway, it is free.
     */
    async serialise(counter, key) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${lockName(counter, key)}, 0))`.execute(db);
    },

    /** Inserts one hit row; concurrent hits never overwrite each other. */
    async hit(counter, key, now) {
      await db.insertInto("throttle_hit").values({ counter, key, at: now }).execute();
    },

    async hitAndCount(input) {
      const { rows } = await hitAndCountQuery(input).execute(db);
      return countOf(rows);
    },

    async serialisedHitAndCount(lock, input) {
      const { rows } = await serialisedHitAndCountQuery(lock, input).execute(db);
      return countOf(rows);
    },

    /** Hits at or after `since`; with `atMost`, the scan stops after that many rows of the (counter, key, at) index. */
    async count(counter, key, since, atMost) {
      let hits = db
        .selectFrom("throttle_hit")
        .select(sql<number>`1`.as("one"))
        .where("counter", "=", counter)
        .where("key", "=", key)
        .where("at", ">=", since);
      if (atMost !== undefined) hits = hits.limit(atMost);
      const { total } = await db
        .selectFrom(hits.as("hit"))
        .select((eb) => eb.fn.countAll<string>().as("total"))
        .executeTakeFirstOrThrow();
      return Number(total);
    },

    /** The newest hit's time, or null when there is none. */
    async lastHit(counter, key) {
      const { last } = await db
        .selectFrom("throttle_hit")
        .select((eb) => eb.fn.max<Date | null>("at").as("last"))
        .where("counter", "=", counter)
        .where("key", "=", key)
        .executeTakeFirstOrThrow();
      return last;
    },

    /** Upserts the block; an existing later `until` wins, so a shorter block never cuts a longer one short. */
    async block(counter, key, until) {
      await db
        .insertInto("throttle_block")
        .values({ counter, key, until })
        .onConflict((conflict) =>
          conflict
            .columns(["counter", "key"])
            .doUpdateSet({ until: sql<Date>`greatest(throttle_block.until, excluded.until)` }),
        )
        .execute();
    },

    /** The block with the latest `until` after `now` on any of `keys`, or null. */
    async activeBlock(keys, now) {
      if (keys.length === 0) return null;
      const row = await db
        .selectFrom("throttle_block")
        .select(["counter", "until"])
        .where("key", "in", keys)
        .where("until", ">", now)
        .orderBy("until", "desc")
        .orderBy("counter")
        .limit(1)
        .executeTakeFirst();
      return row ? { counter: asOneOf(COUNTER_IDS, row.counter, "throttle_block.counter"), until: row.until } : null;
    },

    /** Deletes the newest `count` hits of `counter` for `key`, if any, in one statement. */
    async removeNewestHit(counter, key, count = 1) {
      const newest = db
        .selectFrom("throttle_hit")
        .select("id")
        .where("counter", "=", counter)
        .where("key", "=", key)
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(count);
      await db.deleteFrom("throttle_hit").where("id", "in", newest).execute();
    },

    /** Deletes the hits and blocks of `counters` for `key`; other counters and keys are untouched. */
    async clear(counters, key) {
      if (counters.length === 0) return;
      // One statement: the hits go in a data-modifying CTE, the blocks in the statement itself.
      await db
        .with("hits", (cte) => cte.deleteFrom("throttle_hit").where("counter", "in", counters).where("key", "=", key))
        .deleteFrom("throttle_block")
        .where("counter", "in", counters)
        .where("key", "=", key)
        .execute();
    },
  };
}
