/** The ceilings: bare Fastify doing one Argon2id verify, or replaying the identify step's SQL, per request. */
import { readFileSync } from "node:fs";
import { verify } from "@node-rs/argon2";
import Fastify from "fastify";
import { createArgon2idHasher } from "../src/lib/crypto/argon2id.js";
import type { BareServer } from "./bare-servers.js";
import { type CapturedStep, replayStep } from "./sql-capture.js";
import { openStore, type StoreLocation } from "./store-location.js";

/** `hash ceiling`: one Argon2id verify per request against a hash made by Sandi's own hasher (same parameters). */
export async function createHashServer(): Promise<BareServer> {
  const stored = await createArgon2idHasher({ maxInFlight: 1, maxWaiting: 0 }).hash("Ceiling-Password-2026");
  const app = Fastify();
  app.get("/", async () => ({ matched: await verify(stored, "Wrong-Password-2026") }));
  return { app, close: () => app.close() };
}

/** `storage ceiling`: the identify step's captured statements, replayed in one transaction per request. */
export async function createStorageServer(store: StoreLocation, captureFile: string): Promise<BareServer> {
  const step = JSON.parse(readFileSync(captureFile, "utf8")) as CapturedStep;
  // The yardstick stays what it was before Sandi prepared its statements (ADR 0023, 0024): a client sending each
  // statement unnamed, as pg and PGlite's `query` do by default. Replayed prepared, the ceiling would rise with the
  // change it is meant to measure.
  const handle = await openStore(store, { preparedStatements: false });
  // The client IP comes from X-Forwarded-For as in Sandi, so each replay counts a fresh I1 key.
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
