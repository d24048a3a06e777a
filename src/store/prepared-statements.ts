/**
 * Kysely's statements on PostgreSQL as named prepared statements, so the server parses and plans each statement once
 * per connection instead of on every call (ADR 0023). Kysely sends every statement through pg unnamed; a reset step
 * runs about a dozen, and on the code step PostgreSQL spent two thirds of its statement time parsing and planning
 * them again.
 *
 * A statement's name is a hash of its text, so the same text always has the same name on a connection. Only
 * statements with parameters are named: BEGIN, COMMIT and the migrations' DDL run as before. Each connection names
 * at most `PREPARED_PER_CONNECTION` texts (queries built with a varying number of values, such as `in (...)` lists,
 * could otherwise grow the server's memory without bound); texts beyond that run unnamed.
 *
 * A named statement can go stale: another instance's migration changed a table under a prepared `select *` (the
 * server answers 0A000 "cached plan must not change result type") or a pooler dropped it (26000). Both fail before
 * the statement does anything, so outside a transaction it is prepared again under a new name and run once more;
 * inside one the transaction is already aborted and the error goes to the caller, and the next use prepares afresh.
 * Only the stale text gets a new name: the connection's other statements stay prepared. (Its old name is not freed on
 * the server, where it may still exist, so it keeps counting toward the limit.)
 */
import { createHash } from "node:crypto";
import type { PostgresPool } from "kysely";
import type pg from "pg";

/** How many statement texts one connection keeps prepared. */
export const PREPARED_PER_CONNECTION = 200;

interface ConnectionState {
  /** Each named text's current name (looked up, not hashed again on every call). */
  readonly names: Map<string, string>;
  /** Names given on this connection, stale ones included: they may hold server memory too. */
  named: number;
  /** Bumped when a statement went stale, so its text is named afresh, unlike any name given before. */
  generation: number;
  inTransaction: boolean;
}

/** A named statement the server can no longer run as prepared: made stale by a schema change, or gone (ADR 0023). */
export function isStaleStatement(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === "26000") return true;
  return code === "0A000" && typeof message === "string" && message.includes("cached plan");
}

/** BEGIN / START TRANSACTION opens a transaction, COMMIT / ROLLBACK (not ROLLBACK TO a savepoint) ends it. */
function transactionEffect(text: string): "opens" | "ends" | null {
  const start = text.trimStart().slice(0, 24).toLowerCase();
  if (start.startsWith("begin") || start.startsWith("start transaction")) return "opens";
  if (start.startsWith("commit") || (start.startsWith("rollback") && !start.startsWith("rollback to"))) return "ends";
  return null;
}

function statementName(text: string, generation: number): string {
  return `k${generation}_${createHash("sha1").update(text).digest("base64url")}`;
}

/** `client.query` that names parameterised statements (see the module comment). */
function preparingQuery(client: pg.PoolClient, state: ConnectionState, limit: number): pg.PoolClient["query"] {
  const run = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const named = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    let name = state.names.get(text);
    if (name === undefined) {
      if (state.named >= limit) return run(text, values);
      name = statementName(text, state.generation);
      state.names.set(text, name);
      state.named += 1;
    }
    return run({ name, text, values });
  };
  const query = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    try {
      return await named(text, values);
    } catch (error) {
      if (!isStaleStatement(error)) throw error;
      state.generation += 1;
      state.names.delete(text);
      if (state.inTransaction) throw error;
      return named(text, values);
    }
  };
  const tracked = async (text: string, values: unknown[] | undefined): Promise<pg.QueryResult> => {
    const effect = transactionEffect(text);
    if (effect === "opens") state.inTransaction = true;
    try {
      return values !== undefined && values.length > 0 ? await query(text, values) : await run(text, values);
    } finally {
      if (effect === "ends") state.inTransaction = false;
    }
  };
  // A cursor (Kysely's stream) or a callback gets pg's own call, which answers synchronously.
  return ((...args: unknown[]) => {
    const [text, values, callback] = args;
    const plain = typeof text === "string" && callback === undefined && (values === undefined || Array.isArray(values));
    return plain ? tracked(text, values as unknown[] | undefined) : run(...args);
  }) as pg.PoolClient["query"];
}

/** A pool whose clients run parameterised statements as named prepared statements. */
export function preparingPool(pool: pg.Pool, limit = PREPARED_PER_CONNECTION): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let proxy = wrapped.get(client);
      if (proxy === undefined) {
        const query = preparingQuery(
          client,
          { names: new Map(), named: 0, generation: 0, inTransaction: false },
          limit,
        );
        proxy = new Proxy(client, {
          get: (target, key): unknown => (key === "query" ? query : Reflect.get(target, key, target)),
        });
        wrapped.set(client, proxy);
      }
      return proxy;
    },
    end: () => pool.end(),
    options: pool.options,
  };
}
