/**
 * `npm run bench:start` (issue 9, item 10): how long `sandi serve` takes from process start to ready, compiled
 * (dist/, built first when missing or older than src/) and from source (tsx), in development mode (`--dev`) and in
 * production mode:
 *
 * - **cold**: a new data directory: PGlite's initdb, the migrations and, with `--dev`, the demo seed (about 25 Argon2
 *   hashes);
 * - **warm**: a restart on the data directory the cold start left.
 *
 * Ready is the moment the process says it listens (the development banner, or the production log line), checked with
 * /readyz. Goals: cold ≤ 15 s, warm ≤ 3 s. Writes bench/results/start.json and prints a table; runs alone.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describeMachine } from "./report.js";

const REPO = resolve(import.meta.dirname, "..");
const COMPILED = join(REPO, "dist", "main.js");
const READY = /(?:Sandi is running in development mode at|Server listening at) (http:\/\/[^\s"]+)/;
const COLD_GOAL_SECONDS = 15;
const WARM_GOAL_SECONDS = 3;

type Runner = "compiled" | "source";
type Mode = "development" | "production";

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Builds dist/ when it is missing or older than a source file, as `npm run build` does. */
function ensureBuild(): void {
  if (existsSync(COMPILED) && statSync(COMPILED).mtimeMs >= newestChange(join(REPO, "src"))) return;
  process.stdout.write("building dist/ (npm run build)\n");
  execFileSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build.ts")], { cwd: REPO, stdio: "inherit" });
}

/** Starts `sandi serve` in `cwd` and resolves with the seconds to ready; stops it with SIGTERM afterwards. */
function secondsToReady(runner: Runner, mode: Mode, cwd: string): Promise<number> {
  const entry = runner === "compiled" ? [COMPILED] : [join(REPO, "bin/sandi.mjs")];
  const argv = [...entry, "serve", ...(mode === "development" ? ["--dev"] : [])];
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: cwd,
    SANDI_LISTEN__PORT: "0",
    // Production mode refuses to start without an SMTP server; nothing is sent during the measurement.
    ...(mode === "production" ? { SANDI_SMTP__HOST: "127.0.0.1" } : {}),
    ...(runner === "source" ? { SANDI_RUN: "source" } : {}),
  };
  const started = performance.now();
  const child = spawn(process.execPath, argv, { cwd, env });
  let output = "";
  return new Promise((done, fail) => {
    let seconds: number | null = null;
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = READY.exec(output)?.[1];
      if (url === undefined || seconds !== null) return;
      seconds = (performance.now() - started) / 1000;
      void fetch(`${url}/readyz`)
        .then((response) => {
          if (response.status !== 200) output += `\n/readyz answered ${String(response.status)}`;
        })
        .finally(() => child.kill("SIGTERM"));
    });
    child.on("exit", (code) => {
      if (seconds !== null && code === 0) done(seconds);
      else fail(new Error(`sandi serve (${runner}, ${mode}) exited ${String(code)} before ready:\n${output}`));
    });
  });
}

async function measure(runner: Runner, mode: Mode): Promise<{ cold: number; warm: number }> {
  const cwd = mkdtempSync(join(tmpdir(), "sandi-bench-start-"));
  try {
    const cold = await secondsToReady(runner, mode, cwd);
    const warm = await secondsToReady(runner, mode, cwd);
    process.stdout.write(`${runner} ${mode}: cold ${cold.toFixed(2)} s, warm ${warm.toFixed(2)} s\n`);
    return { cold, warm };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.stdout.write(`sandi bench start: ${describeMachine()}, load average ${loadavg().join(" ")}\n`);
  ensureBuild();
  const rows: Record<string, { cold: number; warm: number }> = {};
  for (const runner of ["compiled", "source"] as const)
    for (const mode of ["development", "production"] as const) rows[`${runner} ${mode}`] = await measure(runner, mode);
  const results = {
    machine: describeMachine(),
    date: new Date().toISOString(),
    goals: { coldSeconds: COLD_GOAL_SECONDS, warmSeconds: WARM_GOAL_SECONDS },
    rows,
  };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("./results/start.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
}

await main();
