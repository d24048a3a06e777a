/**
 * One round trip for a count-and-decide (ADR 0013, amended): a function that takes the key's advisory lock and then
 * reads the block, records the hits and counts. A VOLATILE PL/pgSQL function takes a new snapshot for each statement
 * in READ COMMITTED, so the count after the lock sees every hit committed by the holder before; called outside a
 * transaction the lock ends with the statement, once its hits are committed. PGlite runs it the same way.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function sandi_hit_and_count(
      lock_name text, block_keys text[], skip_when_blocked boolean,
      hit_counters text[], hit_keys text[], hit_at timestamptz,
      counted_counter text, counted_key text, counted_since timestamptz, counted_at_most integer)
    returns table (block_counter text, block_until timestamptz, prior bigint, added bigint)
    language plpgsql volatile as $fn$
    #variable_conflict use_column
    begin
      perform pg_advisory_xact_lock(hashtextextended(lock_name, 0));
      return query
        with blocked as (
          select b.counter, b.until from throttle_block b where b.key = any(block_keys) and b.until > hit_at
          order by b.until desc, b.counter limit 1
        ), recorded as (
          insert into throttle_hit (counter, key, at)
          select v.counter, v.key, hit_at from unnest(hit_counters, hit_keys) as v (counter, key)
          where not (skip_when_blocked and exists (select 1 from blocked))
          returning throttle_hit.counter, throttle_hit.key
        )
        select
          (select x.counter from blocked x),
          (select x.until from blocked x),
          (select count(*) from (
            select 1 from throttle_hit h
            where h.counter = counted_counter and h.key = counted_key and h.at >= counted_since
            limit counted_at_most
          ) as earlier),
          (select count(*) from recorded r where r.counter = counted_counter and r.key = counted_key);
    end
    $fn$`.execute(db);
}
