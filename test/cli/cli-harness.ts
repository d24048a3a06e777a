/** Runs `sandi` commands in this process: against an in-memory PGlite through the server runner, or via runCli. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CommandContext, createServerCommandRunner, runCli } from "../../src/cli/cli.js";
import { composeCommandServices } from "../../src/compose-admin.js";
import type { Config } from "../../src/config/config.schema.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createSystemClock } from "../../src/lib/clock.js";
import { createArgon2idHasher } from "../../src/lib/crypto/argon2id.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { connectPGlite, type DatabaseHandle } from "../../src/store/connect.js";
import { migrateToLatest } from "../../src/store/migrate.js";

export interface RunResult {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
  /** stdout and stderr joined, for "never prints X" checks. */
  readonly all: string;
}

export const hasher = createArgon2idHasher({ maxInFlight: 4, maxWaiting: 100 });

/** A fresh temporary directory. */
export function temporaryDirectory(prefix = "sandi-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The default configuration (no file, no variables). */
export function defaultConfig(): Readonly<Config> {
  const result = loadConfig({ env: {}, cwd: temporaryDirectory() });
  if (!result.ok) throw new Error("default configuration is invalid");
  return result.config;
}

/** A migrated in-memory database. */
export async function openMemoryDatabase(): Promise<DatabaseHandle> {
  const handle = await connectPGlite(null);
  await migrateToLatest(handle.db);
  return handle;
}

function collect(): { out: string[]; err: string[]; io: { out(line: string): void; err(line: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line) => out.push(line), err: (line) => err.push(line) } };
}

function result(code: number, out: string[], err: string[]): RunResult {
  return { code, out, err, all: [...out, ...err].join("\n") };
}

/** What the server hands its control socket: the admin services on `handle`, with the default configuration. */
export function commandContextOn(handle: DatabaseHandle): Omit<CommandContext, "out" | "err"> {
  const config = defaultConfig();
  const services = composeCommandServices({
    db: handle.db,
    config,
    clock: createSystemClock(),
    random: createSecureRandom(),
    hasher,
    instance: "test-host",
  });
  return { ...services, config };
}

/** A function that runs command lines against `handle`'s database, as the server's control socket does. */
export function inMemoryCli(handle: DatabaseHandle): (...argv: string[]) => Promise<RunResult> {
  const runner = createServerCommandRunner(commandContextOn(handle));
  return async (...argv) => {
    const { out, err, io } = collect();
    return result(await runner(argv, io), out, err);
  };
}

/** Runs `sandi <argv>` through runCli, as the binary does, with `env` and `cwd`. */
export async function runDirect(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<RunResult> {
  const { out, err, io } = collect();
  const code = await runCli(argv, { ...io, env, cwd }, { hasher });
  return result(code, out, err);
}

/** The temporary password a command printed. */
export function printedPassword(run: RunResult): string {
  const line = run.out.find((text) => text.startsWith("Temporary password"));
  const password = line?.split(": ").at(-1);
  if (password === undefined) throw new Error(`no temporary password in: ${run.all}`);
  return password;
}
