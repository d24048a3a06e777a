/**
 * The built-in directory's password rows: the current hash and its history, read in one statement and replaced in
 * one statement. A reset's new-password step is bound by round trips to the database, not by these rows' size
 * (docs/benchmarks.md), so each operation is a single statement rather than a short transaction of several.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.js";

/** The entry's current hash (null when it has none, or no such entry). */
export async function findPasswordHash(db: Kysely<Database>, entryId: string): Promise<string | null> {
  const row = await db
    .selectFrom("directory_user")
    .select("password_hash")
    .where("ref", "=", entryId)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

/** The current hash and the newest `depth` history hashes, newest first, in one statement. */
export async function findPasswordAndHistory(
  db: Kysely<Database>,
  entryId: string,
  depth: number,
): Promise<{ current: string | null; history: string[] }> {
  const { rows } = await sql<{ password_hash: string | null; history: string[] | null }>`
    select password_hash, array(
      select h.password_hash from password_history h where h.user_ref = ${entryId}
      order by h.id desc limit ${Math.max(0, depth)}
    ) as history
    from directory_user where ref = ${entryId}`.execute(db);
  const row = rows[0];
  return { current: row?.password_hash ?? null, history: row?.history ?? [] };
}

/**
 * Makes `passwordHash` current in one statement: the row is locked first (two writes for one entry queue instead of
 * interleaving), the previous hash moves into the history, and the history keeps only the newest `historyDepth`.
 * The statement's parts share one snapshot, so the trim counts the hash it moves in rather than seeing it; when two
 * writes for one entry race, the second's trim cannot see the first's moved hash, and the history holds one more than
 * the depth until the next write (a stricter history, never a shorter one).
 */
export async function storePasswordHash(
  db: Kysely<Database>,
  write: { entryId: string; passwordHash: string; historyDepth: number; now: Date },
): Promise<void> {
  const { entryId, passwordHash, now } = write;
  const depth = Math.max(0, write.historyDepth);
  const { rows } = await sql<{ ref: string }>`
    with previous as (
      select password_hash from directory_user where ref = ${entryId} for update
    ), moved as (
      insert into password_history (user_ref, password_hash, created_at)
      select ${entryId}, password_hash, ${now} from previous where password_hash is not null and ${depth}::int > 0
      returning id
    ), trimmed as (
      delete from password_history where user_ref = ${entryId} and id not in (
        select id from password_history where user_ref = ${entryId} order by id desc
        limit greatest(0, ${depth}::int - (select count(*) from moved))
      )
    )
    update directory_user set password_hash = ${passwordHash}, password_changed_at = ${now}
    where ref = ${entryId} and exists (select 1 from previous)
    returning ref`.execute(db);
  if (rows.length === 0) throw new Error(`storePasswordHash: no entry ${entryId}`);
}
