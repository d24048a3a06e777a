/** The reference servers: bare Fastify with a hello route, one Argon2id verify, or the identify step's SQL replayed. */
import { readFileSync } from "node:fs";
import { verify } from "@node-rs/argon2";
import Fastify, { type FastifyInstance } from "fastify";
import { createArgon2idHasher } from "../src/lib/crypto/argon2id.js";
import { connectPGlite, connectPostgres, type DatabaseHandle } from "../src/store/connect.js";
import { type CapturedStep, replayStep } from "./sql-capture.js";

/** A started reference server: its Fastify app and what to close after it. */
export interface BareServer {
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Where a store lives: a PGlite data directory or a PostgreSQL URL. */
export type StoreLocation =
  | { readonly engine: "pglite"; readonly dataDirectory: string }
  | { readonly engine: "postgres"; readonly url: string };

/** Opens the store as `sandi serve` would (PGlite on its data directory, or a pool of 10 on PostgreSQL). */
export async function openStore(
  store: StoreLocation,
  options: Parameters<typeof connectPostgres>[1] = {},
): Promise<DatabaseHandle> {
  return store.engine === "pglite"
    ? connectPGlite(store.dataDirectory, options)
    : connectPostgres(store.url, { ...options, maxConnections: 10 });
}

/** `baseline`: the cheapest answer Fastify gives on this machine. */
export function createHelloServer(): BareServer {
  const app = Fastify();
  app.get("/", () => ({ hello: "world" }));
  return { app, close: () => app.close() };
}

/** `hash ceiling`: one Argon2id verify per request against a hash made with Sandi's own parameters. */
export async function createHashServer(): Promise<BareServer> {
  const stored = await createArgon2idHasher({ maxInFlight: 1, maxWaiting: 0 }).hash("Ceiling-Password-2026");
  const app = Fastify();
  app.get("/", async () => ({ matched: await verify(stored, "Wrong-Password-2026") }));
  return { app, close: () => app.close() };
}

/** `storage ceiling`: the identify step's captured statements, replayed in one transaction per request. */
export async function createStorageServer(store: StoreLocation, captureFile: string): Promise<BareServer> {
  const step = JSON.parse(readFileSync(captureFile, "utf8")) as CapturedStep;
  const handle = await openStore(store);
  const app = Fastify({ trustProxy: ["127.0.0.1"] });
  app.post("/", async (request, reply) => {
    await replayStep(handle.db, step, request.ip);
    return reply.status(204).send();
  });
  return {
    app,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** The idle-memory reference: bare Fastify with an open PGlite database on its own data directory. */
export async function createIdlePGliteServer(dataDirectory: string): Promise<BareServer> {
  const handle = await connectPGlite(dataDirectory);
  await handle.db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
  const app = Fastify();
  app.get("/", () => ({ hello: "world" }));
  return {
    app,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
