/** What `sandi serve` checks and prepares before it listens: arguments, mode rules, the database, the demo banner. */
import { parseArgs } from "node:util";
import { type Config, DEFAULT_PUBLIC_URL } from "../../config/config.schema.js";
import type { SecretHasher } from "../../lib/crypto/argon2id.js";
import type { Clock } from "../../lib/clock.js";
import type { Random } from "../../lib/random.js";
import { openDatabase } from "../../compose-stores.js";
import type { DatabaseHandle } from "../../store/connect.js";
import { DataDirectoryBusyError } from "../../store/data-directory-lock.js";
import { migrateToLatest } from "../../store/migrate.js";
import { type CommandOutput, UsageError } from "../command.js";
import {
  type DemoSeedResult,
  ensureDemoOrganisation,
  formatDemoCredentials,
  hasDemoAccounts,
} from "../demo-organisation.js";

export type Mode = "development" | "production";

/** Hosts a plain-http `publicUrl` may name in production: only this machine. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Parses `serve`'s arguments (`--dev`, `--help`); throws UsageError on anything else. */
export function parseModeArgs(args: readonly string[], allowDev: boolean): { mode: Mode; help: boolean } {
  try {
    const options = allowDev
      ? ({ dev: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const)
      : ({ help: { type: "boolean", short: "h" } } as const);
    const { values } = parseArgs({ args: [...args], options, allowPositionals: false, strict: true });
    const dev = "dev" in values && values.dev === true;
    return { mode: dev ? "development" : "production", help: values.help === true };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** In development Sandi listens on loopback only, whatever `listen.host` says. */
export function effectiveConfig(config: Readonly<Config>, mode: Mode): Readonly<Config> {
  if (mode !== "development") return config;
  return { ...config, listen: { ...config.listen, host: "127.0.0.1" }, publicUrl: devPublicUrl(config) };
}

/** The publicUrl left at its default names port 8080; in development on another port, links follow the port. */
function devPublicUrl(config: Readonly<Config>): string {
  const port = config.listen.port;
  if (config.publicUrl !== DEFAULT_PUBLIC_URL || port === 0 || port === 8080) return config.publicUrl;
  return `http://localhost:${String(port)}`;
}

/** Why this configuration cannot start in `mode`, or null. */
export function configRefusal(config: Readonly<Config>, mode: Mode): string | null {
  if (!config.worker.inProcess && config.database.url === null)
    return "worker.inProcess is false, but a separate `sandi worker` needs PostgreSQL; on PGlite the server runs the worker in-process.";
  if (mode === "development") return null;
  const url = new URL(config.publicUrl);
  if (url.protocol !== "https:" && !LOOPBACK_HOSTS.has(url.hostname))
    return `publicUrl ${url.origin} is not https: production mode needs an https publicUrl (plain http only for localhost), or run \`sandi serve --dev\`.`;
  return null;
}

/** Opens the configured database; on a PGlite directory another process holds, says so and returns null. */
export async function openServerDatabase(
  config: Readonly<Config>,
  cwd: string,
  output: CommandOutput,
): Promise<DatabaseHandle | null> {
  try {
    return await openDatabase(config, { cwd });
  } catch (error) {
    if (!(error instanceof DataDirectoryBusyError)) throw error;
    output.err(`sandi serve: ${error.message}`);
    return null;
  }
}

/** The message production mode refuses to start with while demo accounts exist. */
export const DEMO_ACCOUNTS_REFUSAL =
  "Refusing to start in production mode: the database holds the demo organisation's accounts, whose passwords are public. " +
  "Run `sandi serve --dev` to try Sandi; for real use, point Sandi at a new data directory or database and run `sandi init --empty`.";

/**
 * Migrates, then in development creates the demo organisation on first run (returning its credentials), and in
 * production refuses (returns a message) while demo accounts exist.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  mode: Mode,
  deps: { clock: Clock; random: Random; hasher: SecretHasher },
): Promise<{ ok: true; demo: DemoSeedResult | null } | { ok: false; message: string }> {
  await migrateToLatest(handle.db);
  if (mode === "development") return { ok: true, demo: await ensureDemoOrganisation({ db: handle.db, ...deps }) };
  if (await hasDemoAccounts(handle.db)) return { ok: false, message: DEMO_ACCOUNTS_REFUSAL };
  return { ok: true, demo: null };
}

/** The lines `serve --dev` prints once it listens: where to go, who to sign in as, where the mail arrives. */
export function devBanner(port: number, demo: DemoSeedResult | null): string[] {
  const base = `http://localhost:${String(port)}`;
  const lines = ["", `Sandi is running in development mode at ${base} (listening on 127.0.0.1 only).`, ""];
  if (demo !== null && demo.status !== "not_demo") {
    const first = demo.status === "created" ? "Created the demo organisation" : "Demo organisation";
    lines.push(`${first} "Contoh Nusantara". Sign in at ${base}/signin with:`);
    lines.push(...formatDemoCredentials(demo.credentials), "");
  }
  lines.push(
    `Forgot password? ${base}/reset`,
    // SPEC §2: an admin's password is followed by a second step; the demo admins' codes land in the demo mailbox.
    `Administration (sign in as an admin, then confirm with a code from the demo mailbox): ${base}/admin`,
    `Demo mailbox: ${base}/dev/outbox`,
    "",
    "Stop with Ctrl+C.",
    "",
  );
  return lines;
}
