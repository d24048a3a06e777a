/** The bare references: Fastify with a hello route, alone or beside an open PGlite database (idle memory). */
import { PGlite } from "@electric-sql/pglite";
import Fastify, { type FastifyInstance } from "fastify";

/** A started reference server: its Fastify app and what to close after it. */
export interface BareServer {
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** `baseline`: the cheapest answer Fastify gives on this machine. */
export function createHelloServer(): BareServer {
  const app = Fastify();
  app.get("/", () => ({ hello: "world" }));
  return { app, close: () => app.close() };
}

/** The idle-memory reference: the hello server beside a PGlite database on its own data directory. */
export async function createIdlePGliteServer(dataDirectory: string): Promise<BareServer> {
  const pglite = new PGlite({ dataDir: dataDirectory });
  await pglite.query("select 1");
  const { app } = createHelloServer();
  return {
    app,
    close: async () => {
      await app.close();
      await pglite.close();
    },
  };
}
