/**
 * Migrated PGlite databases for tests, fast. Loading a PGlite costs about a second and migrating one several, and
 * most HTTP tests build a fresh app on a fresh database for every test. So:
 *
 * - the migrated template's dump is kept on disk (`.sandi-test/`), keyed by the migrations and PGlite's version, so
 *   only the first test process of a run migrates; the others load the dump;
 * - a closed handle's PGlite is emptied (its filled tables emptied, sequences restarted) and kept for the next open in
 *   the same test process, instead of being closed and a new one loaded. A PGlite whose schema a test changed is
 *   closed instead, so the next open starts from the template again.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import { PGLITE_ACQUIRE_TIMEOUT_MILLISECONDS } from "../../src/store/connect.js";
import type { Database } from "../../src/store/database.js";
import { migrateToLatest } from "../../src/store/migrate.js";
import { QueuedPGliteDialect } from "../../src/store/pglite-queue-dialect.js";
import { preparingPGlite } from "../../src/store/pglite-prepared.js";
import type { TestDatabaseHandle } from "./test-databases.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const MIGRATIONS = join(ROOT, "src/store/migrations");
const CACHE = join(ROOT, ".sandi-test");

/** The tables the migrations themselves fill: kept when a PGlite is emptied. */
const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

/** Names the template after what makes it: every migration file's bytes and PGlite's version. */
function templateFileName(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(MIGRATIONS).toSorted()) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  hash.update(readFileSync(join(ROOT, "node_modules/@electric-sql/pglite/package.json")));
  return join(CACHE, `pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function migrateTemplate(): Promise<Blob> {
  const pglite = new PGlite();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  try {
    await migrateToLatest(db);
    return await pglite.dumpDataDir("none");
  } finally {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  }
}

/** The template from disk, or migrated and written there (renamed into place, so parallel writers never tear it). */
async function loadTemplate(): Promise<Blob> {
  const file = templateFileName();
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const dump = await migrateTemplate();
    mkdirSync(CACHE, { recursive: true });
    const partial = `${file}.${String(process.pid)}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  }
}

let template: Promise<Blob> | undefined;
/** The template's table and migration counts: a PGlite that no longer has them is not used again. */
let templateShape: string | undefined;
const idle: PGlite[] = [];

async function shapeOf(pglite: PGlite): Promise<string> {
  const { rows } = await pglite.query<{ shape: string }>(
    `select (select count(*) from pg_tables where schemaname = 'public') || ':' ||
            (select count(*) from kysely_migration) as shape`,
  );
  return rows[0]?.shape ?? "";
}

/** Every table but the migrations' own, read once: every pooled PGlite has the template's tables. */
let dataTables: Promise<string[]> | undefined;

async function listDataTables(pglite: PGlite): Promise<string[]> {
  const { rows } = await pglite.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  return rows.map((row) => row.name).filter((name) => !MIGRATION_TABLES.has(name));
}

/** Hand-backs emptied by DELETE between two TRUNCATEs of a PGlite (see `empty`). */
const DELETES_BETWEEN_TRUNCATES = 40;
const deletesSinceTruncate = new WeakMap<PGlite, number>();

/**
 * Empties every table but the migrations' own and restarts every sequence, as the template has them. Only the tables
 * that hold a row are emptied, and by DELETE with triggers off (session_replication_role = replica: no foreign-key
 * checks, and the audit table's refusal triggers stay as they are): a TRUNCATE makes new files for each table and its
 * indexes and was most of the cost of handing a PGlite back. Every DELETES_BETWEEN_TRUNCATES hand-backs the tables
 * are truncated instead, so the dead rows the deletes leave do not pile up over a worker's hundreds of tests. A
 * sequence is restarted by setval wherever it moved, as TRUNCATE ... RESTART IDENTITY would have.
 */
async function empty(pglite: PGlite): Promise<void> {
  dataTables ??= listDataTables(pglite);
  const tables = await dataTables;
  const { rows } = await pglite.query<{ name: string }>(
    tables.map((name) => `select '${name}' as name where exists (select 1 from "${name}")`).join(" union all "),
  );
  const filled = rows.map((row) => `"${row.name}"`);
  const deletes = deletesSinceTruncate.get(pglite) ?? 0;
  if (filled.length > 0 && deletes >= DELETES_BETWEEN_TRUNCATES) {
    await pglite.exec(`
      alter table audit_event disable trigger user;
      truncate table ${filled.join(", ")} restart identity cascade;
      alter table audit_event enable trigger user;
    `);
    deletesSinceTruncate.set(pglite, 0);
  } else if (filled.length > 0) {
    await pglite.exec(`
      set session_replication_role = replica;
      ${filled.map((name) => `delete from ${name};`).join("\n")}
      reset session_replication_role;
    `);
    deletesSinceTruncate.set(pglite, deletes + 1);
  }
  await pglite.query(
    `select setval(format('%I.%I', schemaname, sequencename), start_value, false)
       from pg_sequences where schemaname = 'public' and last_value is not null`,
  );
}

async function takePGlite(): Promise<PGlite> {
  const reused = idle.pop();
  if (reused !== undefined) return reused;
  template ??= loadTemplate();
  const pglite = new PGlite({ loadDataDir: await template });
  await pglite.waitReady;
  templateShape ??= await shapeOf(pglite);
  return pglite;
}

/** Keeps `pglite` for the next open when it is as the template left it, once emptied; closes it otherwise. */
async function giveBack(pglite: PGlite, dialect: QueuedPGliteDialect): Promise<void> {
  // A statement still running from the closed handle finishes first, so none lands in the next test's data.
  for (let waited = 0; dialect.busy && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 10));
  try {
    if (!dialect.busy && (await shapeOf(pglite)) === templateShape) {
      await empty(pglite);
      idle.push(pglite);
      return;
    }
  } catch {
    // A PGlite in a state the emptying cannot handle is closed below, not used again.
  }
  if (!pglite.closed) await pglite.close();
}

/** A migrated, empty PGlite database; `close` (and `drop`) hands it back for the next test of this process. */
export async function openPooledPGlite(): Promise<TestDatabaseHandle> {
  const pglite = await takePGlite();
  const dialect = new QueuedPGliteDialect({
    // As connectPGlite opens it: statements named (pglite-prepared.ts), one cache per pooled instance.
    pglite: preparingPGlite(pglite),
    acquireTimeoutMilliseconds: PGLITE_ACQUIRE_TIMEOUT_MILLISECONDS,
    keepPGliteOpen: true,
  });
  const db = new Kysely<Database>({ dialect });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await db.destroy();
      await giveBack(pglite, dialect);
    })());
  return { db, engine: "pglite", waitingForConnection: () => dialect.waiting, close, drop: close };
}
