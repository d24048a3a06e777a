/**
 * One bench server in its own process, so autocannon keeps the runner's: `hello`, `idle-pglite DIR`, `hash`,
 * `storage ENGINE WHERE CAPTURE.json`, or `sandi ENGINE WHERE off|default WORKDIR [gates]`. The runner drives it over IPC.
 * Each mode imports only what it runs, so the bare references carry none of Sandi's modules.
 */
import type { BareServer } from "./bare-servers.js";
import { type Handlers, serveCommands } from "./ipc.js";

type Started = BareServer & { handlers: Handlers };

async function startMode(args: readonly string[]): Promise<Started> {
  const [mode, engine, where, extra, workDirectory, policy] = args;
  switch (mode) {
    case "hello":
      return { ...(await import("./bare-servers.js")).createHelloServer(), handlers: {} };
    case "idle-pglite":
      return { ...(await (await import("./bare-servers.js")).createIdlePGliteServer(engine ?? "")), handlers: {} };
    case "hash":
      return { ...(await (await import("./ceiling-servers.js")).createHashServer()), handlers: {} };
    case "storage": {
      const { storeOf } = await import("./store-location.js");
      const { createStorageServer } = await import("./ceiling-servers.js");
      return { ...(await createStorageServer(storeOf(engine, where), extra ?? "")), handlers: {} };
    }
    case "sandi": {
      // First, so Sandi's hasher binds the counting wrappers (see argon2-counter.ts).
      await import("./argon2-counter.js");
      const { storeOf } = await import("./store-location.js");
      const { createSandiServer } = await import("./sandi-server.js");
      const floors = extra === "default" ? "default" : "off";
      const store = storeOf(engine, where);
      return createSandiServer({
        store,
        floors,
        workDirectory: workDirectory ?? ".",
        policy: policy === "gates" ? "gates" : "classic",
      });
    }
    default:
      throw new Error(`unknown bench server mode ${String(mode)}`);
  }
}

const server = await startMode(process.argv.slice(2));
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
