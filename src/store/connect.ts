/** Opens the database: embedded PGlite (a data directory, or memory for tests) or PostgreSQL over pg. */
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type KyselyConfig, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database.js";
import { acquireDataDirectoryLock, type DataDirectoryLock } from "./data-directory-lock.js";
import { QueuedPGliteDialect } from "./pglite-queue-dialect.js";
import { preparingPool } from "./prepared-statements.js";
import { preparingPGlite } from "./pglite-prepared.js";

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: "pglite" | "postgres";
  /** Statements (PGlite) or clients (PostgreSQL) waiting for a connection now: how far the database is behind. */
  waitingForConnection(): number;
  /** Closes the connection(s) and releases the data-directory lock. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Kysely's log hook, used by the benchmark to capture the SQL a step runs. */
  readonly log?: KyselyConfig["log"];
}

/**
 * How long a statement waits for PGlite's one connection before it fails; far above any real queue (a full second
 * of backlog is already an overload) and far below a request timeout, so a self-deadlock shows as an error.
 */
export const PGLITE_ACQUIRE_TIMEOUT_MILLISECONDS = 10_000;

// PGlite and pg return bigint columns as strings; timestamps come back as Date from both.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

/** PGlite on a data directory (locked against a second process) or, with `null`, in memory. */
export async function connectPGlite(
  dataDirectory: string | null,
  options: ConnectOptions & {
    loadDataDir?: Blob;
    acquireTimeoutMilliseconds?: number;
    preparedStatements?: boolean;
  } = {},
): Promise<DatabaseHandle> {
  const lock: DataDirectoryLock | null = dataDirectory === null ? null : acquireDataDirectoryLock(dataDirectory);
  try {
    const pglite = new PGlite({
      ...(dataDirectory === null ? {} : { dataDir: `${dataDirectory}/pgdata` }),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    await pglite.waitReady;
    const dialect = new QueuedPGliteDialect({
      pglite: options.preparedStatements === false ? pglite : preparingPGlite(pglite),
      acquireTimeoutMilliseconds: options.acquireTimeoutMilliseconds ?? PGLITE_ACQUIRE_TIMEOUT_MILLISECONDS,
    });
    const db = new Kysely<Database>({ dialect, ...(options.log ? { log: options.log } : {}) });
    return {
      db,
      engine: "pglite",
      waitingForConnection: () => dialect.waiting,
      close: async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * A pg pool on a PostgreSQL server. Statements run as named prepared statements (prepared-statements.ts) unless
 * `preparedStatements` is false, for a pooler that cannot keep them (PgBouncer before 1.21 in transaction mode).
 */
export function connectPostgres(
  url: string,
  options: ConnectOptions & { maxConnections?: number; preparedStatements?: boolean } = {},
): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports the fault.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: options.preparedStatements === false ? pool : preparingPool(pool) }),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, engine: "postgres", waitingForConnection: () => pool.waitingCount, close: () => db.destroy() };
}
