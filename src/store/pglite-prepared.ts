/**
 * PGlite's statements as named prepared statements, as ADR 0023 does for PostgreSQL (ADR 0024). PGlite's own `query`
 * sends every statement unnamed, in six calls into its WebAssembly (parse, describe, bind, describe, execute, sync):
 * each statement is parsed and planned again, on the main thread. Here a parameterised text is parsed and described
 * once under a name, and each later run is one call: bind, describe, execute and sync together. Measured on a select
 * with a subquery: about 500 µs through `query`, 240 µs so.
 *
 * Only `query` with parameters is changed, in and out of transactions (the transaction's `query` as well); `exec`,
 * statements without parameters and options other than `rowMode` go through PGlite as before. At most
 * `PREPARED_PER_INSTANCE` texts are named (queries with a varying number of values would otherwise grow the memory);
 * the rest run through PGlite's own `query`. A statement made stale by a schema change (0A000 "cached plan …", or
 * 26000 when it is gone) is named again and run once more outside a transaction; inside one the error goes to the
 * caller, whose transaction it has already aborted, and the next use prepares afresh.
 *
 * It uses PGlite's public protocol API (`execProtocol`, `protocol.serialize`, `parse.parseResults`) and its exclusive
 * sections (`_runExclusiveQuery`, `_runExclusiveTransaction`), as its own `query` does.
 */
import { type PGlite, parse, protocol, type Transaction } from "@electric-sql/pglite";
import { isStaleStatement } from "./prepared-statements.js";

/** How many statement texts one PGlite instance keeps prepared. */
export const PREPARED_PER_INSTANCE = 200;

type QueryOptions = Parameters<PGlite["query"]>[2];
type Results = Awaited<ReturnType<PGlite["query"]>>;

interface Named {
  readonly name: string;
  /** The parameters' type OIDs, which pick each value's serializer, as PGlite's `query` does. */
  readonly parameterTypes: readonly number[];
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** A value of a type PGlite has no serializer for: its text form, as PGlite's `query` sends it. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return value.toString();
  return JSON.stringify(value);
}

/** Options this path honours: none, or only the row mode. */
function isPlain(options: QueryOptions): boolean {
  return options === undefined || Object.keys(options).every((key) => key === "rowMode");
}

class StatementCache {
  readonly #named = new Map<string, Named>();
  #given = 0;

  constructor(
    private readonly pglite: PGlite,
    private readonly limit: number,
  ) {}

  /** Whether `text` runs named: it is, or there is room for it. */
  takes(text: string): boolean {
    return this.#named.has(text) || this.#given < this.limit;
  }

  /** Runs a named statement; call inside PGlite's exclusive query section. */
  async run(text: string, values: readonly unknown[], options: QueryOptions, inTransaction: boolean): Promise<Results> {
    try {
      return await this.#runOnce(text, values, options, inTransaction);
    } catch (error) {
      if (!isStaleStatement(error)) throw error;
      this.#named.delete(text);
      if (inTransaction) throw error;
      return this.#runOnce(text, values, options, inTransaction);
    }
  }

  async #runOnce(text: string, values: readonly unknown[], options: QueryOptions, inTransaction: boolean) {
    const named = this.#named.get(text) ?? (await this.#prepare(text));
    const { serialize } = protocol;
    const serialised = values.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pglite.serializers[named.parameterTypes[index] ?? 0];
      if (serializer !== undefined) return serializer(value);
      return textOf(value);
    });
    const bound = joined([
      serialize.bind({ statement: named.name, values: serialised }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const { messages } = await this.pglite.execProtocol(bound, { syncToFs: false });
    // Outside a transaction the change is made durable at once, as PGlite's `query` does.
    if (!inTransaction) await this.pglite.syncToFs();
    const [result] = parse.parseResults(messages, this.pglite.parsers, options);
    if (result === undefined) throw new Error("PGlite returned no result for a named statement");
    return result;
  }

  async #prepare(text: string): Promise<Named> {
    this.#given += 1;
    const name = `s${String(this.#given)}`;
    const { serialize } = protocol;
    const described = await this.pglite.execProtocol(
      joined([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
      { syncToFs: false },
    );
    const named = { name, parameterTypes: parse.parseDescribeStatementResults(described.messages) };
    this.#named.set(text, named);
    return named;
  }
}

/** One cache per instance: its statements live in the instance's session, whoever wraps it (a pooled test database). */
const caches = new WeakMap<PGlite, StatementCache>();

/** `pglite` with `query` (and each transaction's `query`) running parameterised statements named. */
export function preparingPGlite(pglite: PGlite, limit = PREPARED_PER_INSTANCE): PGlite {
  const cache = caches.get(pglite) ?? new StatementCache(pglite, limit);
  caches.set(pglite, cache);
  const usesCache = (text: string, values: unknown[] | undefined, options: QueryOptions): values is unknown[] =>
    values !== undefined && values.length > 0 && isPlain(options) && cache.takes(text);
  const query = (text: string, values?: unknown[], options?: QueryOptions) =>
    usesCache(text, values, options)
      ? pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(() => cache.run(text, values, options, false)))
      : pglite.query(text, values, options);
  const inTransaction = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get: (target, key): unknown =>
        key === "query"
          ? (text: string, values?: unknown[], options?: QueryOptions) =>
              usesCache(text, values, options)
                ? pglite._runExclusiveQuery(() => cache.run(text, values, options, true))
                : target.query(text, values, options)
          : Reflect.get(target, key, target),
    });
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    pglite.transaction((tx) => callback(inTransaction(tx)));
  return new Proxy(pglite, {
    get: (target, key): unknown => {
      if (key === "query") return query;
      if (key === "transaction") return transaction;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
