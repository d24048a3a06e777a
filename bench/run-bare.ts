/** The runner's part for the reference servers: baseline, hash ceiling, and the idle memory of bare Fastify. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type CpuUse, cpuPerRequest, createCpuWatch } from "./cpu-watch.js";
import { type ServerProcess, startServer } from "./ipc.js";
import { type LoadResult, runAutocannon } from "./load.js";
import { type ScenarioResult, toScenario } from "./report.js";
import { plainGet } from "./scenarios.js";

/** Seconds each measurement runs (SANDI_BENCH_SECONDS overrides), and each warm-up before it. */
export const SECONDS = Number(process.env.SANDI_BENCH_SECONDS ?? 10);
export const WARM_SECONDS = 5;
/** A fresh server's first warm-up: JIT, PGlite's WebAssembly tiering and the pool's connections settle first. */
export const FIRST_WARM_SECONDS = 12;
/** Connections of every closed-loop scenario unless it says otherwise. */
export const CONNECTIONS = 50;

/** Starts a bench server, runs `work` with it, and stops it whatever happens. */
export async function withServer<T>(
  args: readonly string[],
  work: string,
  use: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServer(args, join(work, `${args[0] ?? "server"}.log`));
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** Resident memory of a process, in MB (VmRSS from /proc). */
export function residentMegabytes(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${String(pid)}/status`, "utf8"))?.[1];
  return Number(kilobytes) / 1024;
}

/** RSS after the process has sat idle a few seconds. */
export async function idleRss(server: ServerProcess): Promise<number> {
  await sleep(3000);
  return residentMegabytes(server.pid);
}

/** Fails the run when a scenario's answers are not the ones real work gives: its numbers would measure something else. */
export function assertStatuses(name: string, load: LoadResult, expected: readonly number[]): void {
  const good = expected.reduce((sum, status) => sum + (load.statuses[String(status)] ?? 0), 0);
  if (load.requests === 0 || good < load.requests || load.errors > 0)
    throw new Error(
      `${name}: expected only ${expected.join("/")}, got ${JSON.stringify(load.statuses)} and ${String(load.errors)} errors`,
    );
}

/** `WARM_SECONDS` (or `warmSeconds`) of closed-loop load, then `SECONDS` measured, in one run (see runAutocannon). */
export function warmAndMeasure(input: Omit<Parameters<typeof runAutocannon>[0], "seconds">): Promise<LoadResult> {
  return runAutocannon({ warmSeconds: WARM_SECONDS, ...input, seconds: SECONDS });
}

/**
 * How many fresh processes each idle-memory figure is the median of. One start is not enough: most of an idle
 * process's RSS is PGlite's WebAssembly memory, and one bare Fastify + PGlite start measured 652, 869 and 652 MB in a
 * row on the same machine (2026-12-07), which moved the ratio by a third on its own.
 */
export const IDLE_RSS_STARTS = 3;

/** The median of `IDLE_RSS_STARTS` idle RSS readings, each of a fresh `args` server. */
export async function medianIdleRss(args: readonly string[], work: string): Promise<number> {
  const readings: number[] = [];
  for (let start = 0; start < IDLE_RSS_STARTS; start++) readings.push(await withServer([...args], work, idleRss));
  return readings.sort((a, b) => a - b)[Math.floor(readings.length / 2)] ?? Number.NaN;
}

/** Idle RSS of bare Fastify, alone and with an open PGlite database (medians of fresh starts). */
export async function measureIdleRss(
  work: string,
): Promise<{ bareFastifyMegabytes: number; bareFastifyPGliteMegabytes: number }> {
  const bareFastifyMegabytes = await medianIdleRss(["hello"], work);
  const bareFastifyPGliteMegabytes = await medianIdleRss(["idle-pglite", join(work, "idle-pglite")], work);
  return { bareFastifyMegabytes, bareFastifyPGliteMegabytes };
}

/** A measured load and the CPU its window used. */
export interface Measured {
  readonly load: LoadResult;
  readonly cpu: CpuUse;
}

/** warmAndMeasure against `server`, watching CPU use during the window. */
export async function measureWithCpu(
  server: ServerProcess,
  input: Omit<Parameters<typeof runAutocannon>[0], "seconds" | "url">,
): Promise<Measured> {
  const watch = createCpuWatch(server.pid);
  const load = await warmAndMeasure({ ...input, url: server.url, onWindow: () => watch.open() });
  return { load, cpu: cpuPerRequest(watch.close(), load.requests) };
}

/** `baseline`: bare Fastify's hello route. */
export async function measureBaseline(work: string): Promise<Measured & { row: ScenarioResult }> {
  const measured = await withServer(["hello"], work, (server) =>
    measureWithCpu(server, { connections: CONNECTIONS, next: plainGet }),
  );
  const { load } = measured;
  assertStatuses("baseline", load, [200]);
  process.stdout.write(
    `baseline: ${load.rps.toFixed(0)} rps, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms\n`,
  );
  return { ...measured, row: toScenario("baseline", load) };
}

/**
 * `hash ceiling`: one Argon2id verify per request. Measured right before `new password`, with Sandi's server idle
 * beside it, so the ratio of the two compares the same minute of a shared machine.
 */
export async function measureHashCeiling(work: string, store: string): Promise<Measured & { row: ScenarioResult }> {
  const measured = await withServer(["hash"], work, (server) =>
    measureWithCpu(server, { connections: CONNECTIONS, next: plainGet }),
  );
  const { load } = measured;
  assertStatuses("hash ceiling", load, [200]);
  process.stdout.write(
    `${store}: hash ceiling: ${load.rps.toFixed(1)} rps, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms\n`,
  );
  return { ...measured, row: toScenario("hash ceiling", load, { argon2: 1 }) };
}
