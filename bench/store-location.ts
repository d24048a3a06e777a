/** Where a bench store lives, and how the bench opens it: as `sandi serve` would. */
import { connectPGlite, connectPostgres, type ConnectOptions, type DatabaseHandle } from "../src/store/connect.js";

/** A PGlite data directory or a PostgreSQL URL. */
export type StoreLocation =
  | { readonly engine: "pglite"; readonly dataDirectory: string }
  | { readonly engine: "postgres"; readonly url: string };

/** PGlite on its data directory, or a pool of 10 on PostgreSQL (the defaults of `sandi serve`). */
export async function openStore(
  store: StoreLocation,
  options: ConnectOptions & { preparedStatements?: boolean } = {},
): Promise<DatabaseHandle> {
  return store.engine === "pglite"
    ? connectPGlite(store.dataDirectory, options)
    : connectPostgres(store.url, { ...options, maxConnections: 10 });
}

/** The location as one command-line argument. */
export function whereOf(store: StoreLocation): string {
  return store.engine === "pglite" ? store.dataDirectory : store.url;
}

/** The location from `ENGINE WHERE` arguments. */
export function storeOf(engine: string | undefined, where: string | undefined): StoreLocation {
  if (where === undefined) throw new Error("missing store location");
  if (engine === "pglite") return { engine, dataDirectory: where };
  if (engine === "postgres") return { engine, url: where };
  throw new Error(`unknown store ${String(engine)}`);
}
