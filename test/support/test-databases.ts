/**
 * Databases for store tests on both engines: PGlite clones of one migrated template per worker, and throwaway
 * PostgreSQL databases (`sandi_test_<pid>_<random>`) created and dropped on the server each test run names.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { connectPostgres, type DatabaseHandle } from "../../src/store/connect.js";
import { migrateToLatest } from "../../src/store/migrate.js";
import { openPooledPGlite } from "./pglite-pool.js";

/** An open, migrated test database; `drop` closes it and deletes it. */
export type TestDatabaseHandle = DatabaseHandle & { drop(): Promise<void> };

/** One engine to run store tests on. */
export interface TestDatabase {
  readonly name: "pglite" | "postgres";
  open(): Promise<TestDatabaseHandle>;
}

const POSTGRES_ADMIN_URL = process.env.SANDI_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const IN_CI = process.env.CI === "true" || process.env.CI === "1";
const SKIP_POSTGRES = process.env.SANDI_TEST_SKIP_POSTGRES === "1";

function shout(lines: readonly string[]): string {
  const bar = "!".repeat(78);
  return `\n${bar}\n${lines.map((line) => `!!! ${line}`).join("\n")}\n${bar}\n`;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function probePostgres(): Promise<string | null> {
  try {
    await withAdminClient((client) => client.query("select 1"));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "unknown error";
  }
}

// Probed once per test file; testDatabases() must answer synchronously, at collection time.
const postgresFault = await probePostgres();

// ---- PGlite: pglite-pool.ts (a migrated template kept on disk; emptied PGlites used again within a process).

// ---- PostgreSQL: a database per open(), dropped afterwards.

function closeOnce(handle: DatabaseHandle): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= handle.close());
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(name: string): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [name],
    );
    await client.query(`drop database if exists "${name}" with (force)`);
  });
}

async function createPostgresDatabase(): Promise<string> {
  const name = `sandi_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  return name;
}

async function openPostgresTestDatabase(): Promise<TestDatabaseHandle> {
  const name = await createPostgresDatabase();
  const handle = connectPostgres(databaseUrl(name), { maxConnections: 12 });
  const close = closeOnce(handle);
  const drop = async (): Promise<void> => {
    await close();
    await dropPostgresDatabase(name);
  };
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await drop();
    throw error;
  }
  return { ...handle, close, drop };
}

/**
 * A PostgreSQL database of its own, for tests that run two app instances on one database. With `schema: "empty"`
 * nothing is migrated, so the instances' own start-up migrates it.
 */
export async function openPostgresDatabase(
  options: { schema?: "migrated" | "empty" } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = await createPostgresDatabase();
  const url = databaseUrl(name);
  if (options.schema !== "empty") {
    const handle = connectPostgres(url, { maxConnections: 1 });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
  }
  return { url, drop: () => dropPostgresDatabase(name) };
}

/**
 * The engines to run store tests on: PGlite always, PostgreSQL unless it is unreachable and the developer opted
 * out with SANDI_TEST_SKIP_POSTGRES=1 (never in CI). An unreachable server otherwise fails the run, loudly.
 */
export function testDatabases(): TestDatabase[] {
  const pglite: TestDatabase = { name: "pglite", open: openPooledPGlite };
  const postgres: TestDatabase = { name: "postgres", open: openPostgresTestDatabase };
  if (postgresFault === null) return [pglite, postgres];
  const where = `PostgreSQL at ${POSTGRES_ADMIN_URL.replace(/\/\/[^@/]*@/, "//***@")} is unreachable: ${postgresFault}`;
  if (IN_CI || !SKIP_POSTGRES)
    throw new Error(
      shout([
        where,
        "The store contracts must run on PostgreSQL too. Start it (npm test runs test/support/provision.ts),",
        "set SANDI_TEST_POSTGRES_URL, or, outside CI only, set SANDI_TEST_SKIP_POSTGRES=1 to run PGlite alone.",
      ]),
    );
  process.stderr.write(
    shout([where, "SANDI_TEST_SKIP_POSTGRES=1: the PostgreSQL half of the store tests is NOT RUN."]),
  );
  return [pglite];
}
