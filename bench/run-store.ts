/** The runner's part for one store: census and SQL capture, storage ceiling, Sandi's steps, fixed rate, floor on. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StoreLocation } from "./bare-servers.js";
import type { Census } from "./census.js";
import type { ServerProcess } from "./ipc.js";
import { type BenchRequest, type LoadResult, percentile, runAutocannon, runPaced } from "./load.js";
import { NEW_PASSWORD } from "./passwords.js";
import { type ScenarioResult, type StoreName, toScenario } from "./report.js";
import { assertStatuses, CONNECTIONS, idleRss, SECONDS, WARM_SECONDS, warmAndMeasure, withServer } from "./run-bare.js";
import {
  codeRequests,
  type FlowTicket,
  fetchIdentifyForm,
  identifyRequests,
  passwordRequests,
  plainPost,
  unknownUserIds,
} from "./scenarios.js";

/** Numbers that do not fit latest.json's rows: census, checks, the evenly paced 200 rps, idle memory. */
export interface StoreExtras {
  census?: Census["steps"];
  idleRssMegabytes?: number;
  checks: Record<string, unknown>;
  loads: Record<string, LoadResult>;
}

export interface MeasuredStore {
  readonly scenarios: ScenarioResult[];
  readonly extras: StoreExtras;
}

interface StoreRun {
  readonly name: StoreName;
  readonly location: StoreLocation;
  readonly work: string;
  /** Every scenario (PGlite) or the identify ones plus code and new password (PostgreSQL). */
  readonly full: boolean;
}

interface Counters {
  argon2: number;
  flows: Record<string, number>;
}

const KNOWN_USERS = 1000;
const FIXED_RATE = 200;
const FLOOR_CONNECTIONS = 200;

function sandiArgs(run: StoreRun, floors: "off" | "default"): string[] {
  const where = run.location.engine === "pglite" ? run.location.dataDirectory : run.location.url;
  return ["sandi", run.location.engine, where, floors, run.work];
}

function log(run: StoreRun, name: string, load: LoadResult): void {
  process.stdout.write(
    `${run.name}: ${name}: ${load.rps.toFixed(1)} rps, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms\n`,
  );
}

/** Seeds the known users, counts every step once and keeps the identify step's SQL; also Sandi's idle RSS. */
async function takeCensus(
  run: StoreRun,
  extras: StoreExtras,
): Promise<{ knownUserIds: string[]; captureFile: string }> {
  return withServer(sandiArgs(run, "off"), run.work, async (server) => {
    extras.idleRssMegabytes = await idleRss(server);
    const knownUserIds = await server.call<string[]>("seedUsers", { prefix: "known", count: KNOWN_USERS });
    const census = await server.call<Census>("census", knownUserIds);
    extras.census = census.steps;
    const captureFile = join(run.work, `identify-${run.name}.json`);
    writeFileSync(captureFile, JSON.stringify(census.identify));
    return { knownUserIds, captureFile };
  });
}

/** Runs seeded flows through one step: a warm-up sized batch first, then enough for `SECONDS` at the warm-up's pace. */
async function runFlowStep(
  server: ServerProcess,
  input: { at: "code" | "password"; requests: (tickets: FlowTicket[]) => () => BenchRequest; warmCount: number },
): Promise<{ load: LoadResult; argon2PerRequest: number; moved: number }> {
  const warm = await server.call<FlowTicket[]>("seedFlows", {
    prefix: `${input.at}-warm`,
    count: input.warmCount,
    at: input.at,
  });
  const warmLoad = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: 60,
    amount: warm.length,
    next: input.requests(warm),
  });
  const count = Math.ceil(warmLoad.rps * SECONDS * 1.8) + 100;
  const tickets = await server.call<FlowTicket[]>("seedFlows", { prefix: input.at, count, at: input.at });
  const before = await server.call<Counters>("counters");
  const load = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    next: input.requests(tickets),
  });
  const after = await server.call<Counters>("counters");
  const state = input.at === "code" ? "password" : "done";
  const moved = (after.flows[state] ?? 0) - (before.flows[state] ?? 0);
  // Every answered request must have moved its own flow on, or the step did not do its real work; requests still in
  // flight when autocannon stopped (at most one per connection) also finish on the server, unanswered.
  if (moved < load.requests || moved > load.requests + CONNECTIONS || moved >= count)
    throw new Error(
      `${input.at}: ${String(load.requests)} answers but ${String(moved)} flows reached ${state} (${String(count)} seeded)`,
    );
  return { load, argon2PerRequest: (after.argon2 - before.argon2) / load.requests, moved };
}

/** Identify known and unknown, code and new password with the floors off; on the full run also the fixed rates. */
async function measureSteps(run: StoreRun, knownUserIds: string[], extras: StoreExtras): Promise<ScenarioResult[]> {
  return withServer(sandiArgs(run, "off"), run.work, async (server) => {
    await server.call("startWorker");
    const form = await fetchIdentifyForm(server.url);
    const rows: ScenarioResult[] = [];
    const known = await warmAndMeasure({
      url: server.url,
      connections: CONNECTIONS,
      next: identifyRequests(form, knownUserIds),
    });
    const unknown = await warmAndMeasure({
      url: server.url,
      connections: CONNECTIONS,
      next: identifyRequests(form, unknownUserIds(KNOWN_USERS)),
    });
    for (const [name, load] of [
      ["identify known", known],
      ["identify unknown", unknown],
    ] as const) {
      assertStatuses(name, load, [303]);
      log(run, name, load);
      rows.push(toScenario(name, load));
      extras.loads[name] = load;
    }
    const code = await runFlowStep(server, { at: "code", requests: codeRequests, warmCount: 500 });
    const password = await runFlowStep(server, {
      at: "password",
      requests: (tickets) => passwordRequests(tickets, NEW_PASSWORD),
      warmCount: 60,
    });
    for (const [name, step] of [
      ["code", code],
      ["new password", password],
    ] as const) {
      assertStatuses(name, step.load, [303]);
      log(run, name, step.load);
      rows.push(toScenario(name, step.load, { argon2: step.argon2PerRequest }));
      extras.loads[name] = step.load;
      extras.checks[`${name}: flows moved on`] = step.moved;
    }
    if (run.full) rows.push(...(await measureFixedRate(run, server, { form, knownUserIds }, extras)));
    return rows;
  });
}

/** `identify known at 200 rps`: autocannon's overallRate, and the same rate evenly paced (see docs/benchmarks.md). */
async function measureFixedRate(
  run: StoreRun,
  server: ServerProcess,
  input: { form: Awaited<ReturnType<typeof fetchIdentifyForm>>; knownUserIds: string[] },
  extras: StoreExtras,
): Promise<ScenarioResult[]> {
  const next = identifyRequests(input.form, input.knownUserIds);
  const burst = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    overallRate: FIXED_RATE,
    next,
  });
  assertStatuses("identify known at 200 rps (autocannon)", burst, [303]);
  const paced = await runPaced({ url: server.url, rate: FIXED_RATE, seconds: SECONDS, next });
  assertStatuses("identify known at 200 rps (paced)", paced, [303]);
  log(run, "identify known at 200 rps (autocannon overallRate)", burst);
  log(run, "identify known at 200 rps (evenly paced)", paced);
  extras.loads["identify known at 200 rps (autocannon overallRate)"] = burst;
  extras.loads["identify known at 200 rps (evenly paced)"] = paced;
  return [toScenario("identify known at 200 rps", burst)];
}

/** `identify floor on`: the default floors at 200 connections; the overrun of each response comes from compose's hook. */
async function measureFloorOn(run: StoreRun, knownUserIds: string[], extras: StoreExtras): Promise<ScenarioResult> {
  return withServer(sandiArgs(run, "default"), run.work, async (server) => {
    await server.call("startWorker");
    const next = identifyRequests(await fetchIdentifyForm(server.url), knownUserIds);
    await runAutocannon({ url: server.url, connections: FLOOR_CONNECTIONS, seconds: WARM_SECONDS + 1, next });
    await server.call("takeOverruns");
    const load = await runAutocannon({ url: server.url, connections: FLOOR_CONNECTIONS, seconds: SECONDS, next });
    const overruns = await server.call<number[]>("takeOverruns");
    assertStatuses("identify floor on", load, [303]);
    log(run, "identify floor on", load);
    extras.loads["identify floor on"] = load;
    extras.checks["identify floor on: overruns recorded"] = overruns.length;
    extras.checks["identify floor on: overrun p50 ms"] = percentile(overruns, 0.5);
    extras.checks["identify floor on: overrun max ms"] = Math.max(...overruns);
    return toScenario("identify floor on", load, { overrunP99: percentile(overruns, 0.99) });
  });
}

/** Measures one store: capture, storage ceiling, Sandi's steps and, on the full run, the fixed rate and the floor. */
export async function measureStore(run: StoreRun): Promise<MeasuredStore> {
  const extras: StoreExtras = { checks: {}, loads: {} };
  const { knownUserIds, captureFile } = await takeCensus(run, extras);
  const where = run.location.engine === "pglite" ? run.location.dataDirectory : run.location.url;
  const storage = await withServer(["storage", run.location.engine, where, captureFile], run.work, async (server) =>
    warmAndMeasure({ url: server.url, connections: CONNECTIONS, next: plainPost }),
  );
  assertStatuses("storage ceiling", storage, [204]);
  log(run, "storage ceiling", storage);
  extras.loads["storage ceiling"] = storage;
  const scenarios = [toScenario("storage ceiling", storage), ...(await measureSteps(run, knownUserIds, extras))];
  if (run.full) scenarios.push(await measureFloorOn(run, knownUserIds, extras));
  return { scenarios, extras };
}
