/**
 * One bench server in its own process, so autocannon keeps the runner's: `hello`, `hash`, `idle-pglite DIR`,
 * `storage ENGINE WHERE CAPTURE.json`, or `sandi ENGINE WHERE off|default WORKDIR`. The runner drives it over IPC.
 */
import "./argon2-counter.js";
import { argon2Operations } from "./argon2-counter.js";
import {
  type BareServer,
  createHashServer,
  createHelloServer,
  createIdlePGliteServer,
  createStorageServer,
  type StoreLocation,
} from "./bare-servers.js";
import { type Handlers, serveCommands } from "./ipc.js";
import { createSandiServer } from "./sandi-server.js";

function storeOf(engine: string | undefined, where: string | undefined): StoreLocation {
  if (where === undefined) throw new Error("missing store location");
  if (engine === "pglite") return { engine, dataDirectory: where };
  if (engine === "postgres") return { engine, url: where };
  throw new Error(`unknown store ${String(engine)}`);
}

async function startServer(args: readonly string[]): Promise<BareServer & { handlers: Handlers }> {
  const [mode, engine, where, extra, workDirectory] = args;
  const none: Handlers = {};
  switch (mode) {
    case "hello":
      return { ...createHelloServer(), handlers: none };
    case "hash":
      return {
        ...(await createHashServer()),
        handlers: { counters: () => Promise.resolve({ argon2: argon2Operations().total }) },
      };
    case "idle-pglite":
      return { ...(await createIdlePGliteServer(engine ?? "")), handlers: none };
    case "storage":
      return { ...(await createStorageServer(storeOf(engine, where), extra ?? "")), handlers: none };
    case "sandi": {
      const floors = extra === "default" ? "default" : "off";
      return createSandiServer({ store: storeOf(engine, where), floors, workDirectory: workDirectory ?? "." });
    }
    default:
      throw new Error(`unknown bench server mode ${String(mode)}`);
  }
}

const server = await startServer(process.argv.slice(2));
await server.app.listen({ host: "127.0.0.1", port: 0 });
const address = server.app.server.address();
let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  void server.close().finally(() => process.exit(0));
});
process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
serveCommands(typeof address === "object" && address !== null ? address.port : 0, server.handlers);
