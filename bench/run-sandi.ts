/** The runner's part for Sandi's own scenarios: identify, fixed rate, code, new password, floor on. */
import { setTimeout as sleep } from "node:timers/promises";
import type { ServerProcess } from "./ipc.js";
import { type BenchRequest, type LoadResult, percentile, runAutocannon, runPaced } from "./load.js";
import { NEW_PASSWORD } from "./passwords.js";
import { type ScenarioResult, toScenario } from "./report.js";
import { assertStatuses, CONNECTIONS, measureHashCeiling, SECONDS, WARM_SECONDS, warmAndMeasure } from "./run-bare.js";
import {
  codeRequests,
  type FlowTicket,
  fetchIdentifyForm,
  identifyRequests,
  passwordRequests,
  unknownUserIds,
} from "./scenarios.js";

/** Numbers that do not fit latest.json's rows, per store. */
export interface StoreExtras {
  census?: unknown;
  idleRssMegabytes?: number;
  /** Consistency checks: flows moved on, overruns recorded. */
  checks: Record<string, number>;
  loads: Record<string, LoadResult>;
  /** The server's event-loop delay and GC pauses during each scenario (ms). */
  eventLoop: Record<string, unknown>;
}

interface Counters {
  argon2: number;
  flows: Record<string, number>;
}

const FIXED_RATE = 200;
const FLOOR_CONNECTIONS = 200;

/** Runs `measure` with the server's event-loop watch reset before and read after; prints and keeps the load. */
async function observed<T extends { load: LoadResult; eventLoop?: unknown }>(
  input: { store: string; name: string; server: ServerProcess; extras: StoreExtras },
  measure: () => Promise<T>,
): Promise<T> {
  await input.server.call("takeLoopStats");
  const measured = await measure();
  const eventLoop: unknown = await input.server.call("takeLoopStats");
  input.extras.eventLoop[input.name] = measured.eventLoop ?? eventLoop;
  input.extras.loads[input.name] = measured.load;
  const { rps, p50, p99 } = measured.load;
  process.stdout.write(
    `${input.store}: ${input.name}: ${rps.toFixed(1)} rps, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms\n`,
  );
  return measured;
}

/** Counters once the server has finished the requests still in flight when autocannon stopped. */
async function settledCounters(server: ServerProcess): Promise<Counters> {
  let previous = await server.call<Counters>("counters");
  for (;;) {
    await sleep(300);
    const current = await server.call<Counters>("counters");
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
}

/**
 * Runs seeded flows through one step: a warm-up batch, then `SECONDS` or until the flows run out (2.5 times the
 * warm-up's pace; a cold server starts slower than it runs).
 */
async function runFlowStep(
  server: ServerProcess,
  input: { at: "code" | "password"; requests: (tickets: FlowTicket[]) => () => BenchRequest; warmCount: number },
): Promise<{ load: LoadResult; argon2PerRequest: number; moved: number; eventLoop: unknown }> {
  const warm = await server.call<FlowTicket[]>("seedFlows", {
    prefix: `${input.at}-warm`,
    count: input.warmCount,
    at: input.at,
  });
  const next = input.requests(warm);
  const warmLoad = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: 120,
    amount: warm.length,
    next,
  });
  const count = Math.ceil(warmLoad.rps * SECONDS * 2.5) + 200;
  const tickets = await server.call<FlowTicket[]>("seedFlows", { prefix: input.at, count, at: input.at });
  const before = await settledCounters(server);
  await server.call("takeLoopStats");
  const load = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    amount: count,
    next: input.requests(tickets),
  });
  const eventLoop: unknown = await server.call("takeLoopStats");
  const after = await settledCounters(server);
  const state = input.at === "code" ? "password" : "done";
  const moved = (after.flows[state] ?? 0) - (before.flows[state] ?? 0);
  // Each answer must have moved its own flow on, or the step did not do its real work; requests in flight when
  // autocannon stopped (at most one per connection) finish on the server too, unanswered.
  if (moved < load.requests || moved > load.requests + CONNECTIONS || moved > count)
    throw new Error(
      `${input.at}: ${String(load.requests)} answers but ${String(moved)} flows reached ${state} (${String(count)} seeded)`,
    );
  return { load, argon2PerRequest: (after.argon2 - before.argon2) / moved, moved, eventLoop };
}

/**
 * `identify known at 200 rps`, evenly paced (one request every 5 ms). autocannon's `overallRate` is measured too
 * and kept in steps.json: it sends each second's quota at once, so its latencies measure a burst, not a rate.
 */
async function measureFixedRate(
  context: { store: string; server: ServerProcess; extras: StoreExtras },
  next: () => BenchRequest,
): Promise<ScenarioResult> {
  const { server } = context;
  const paced = await observed({ ...context, name: "identify known at 200 rps" }, async () => ({
    load: await runPaced({ url: server.url, rate: FIXED_RATE, seconds: SECONDS, next }),
  }));
  assertStatuses("identify known at 200 rps", paced.load, [303]);
  const name = "identify known at 200 rps (autocannon overallRate, bursts)";
  const burst = await observed({ ...context, name }, async () => ({
    load: await runAutocannon({
      url: server.url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      overallRate: FIXED_RATE,
      next,
    }),
  }));
  assertStatuses(name, burst.load, [303]);
  return toScenario("identify known at 200 rps", paced.load);
}

/** Identify known and unknown, the fixed rate (full run), code, the hash ceiling and new password; floors off. */
export async function measureSteps(
  context: { store: string; server: ServerProcess; extras: StoreExtras; full: boolean; work: string },
  knownUserIds: readonly string[],
): Promise<ScenarioResult[]> {
  const { server, extras } = context;
  await server.call("startWorker");
  const form = await fetchIdentifyForm(server.url);
  const rows: ScenarioResult[] = [];
  const identify = [
    ["identify known", knownUserIds],
    ["identify unknown", unknownUserIds(knownUserIds.length)],
  ] as const;
  for (const [name, userIds] of identify) {
    const next = identifyRequests(form, userIds);
    const { load } = await observed({ ...context, name }, async () => ({
      load: await warmAndMeasure({ url: server.url, connections: CONNECTIONS, next }),
    }));
    assertStatuses(name, load, [303]);
    rows.push(toScenario(name, load));
  }
  if (context.full) rows.push(await measureFixedRate(context, identifyRequests(form, knownUserIds)));
  const code = await observed({ ...context, name: "code" }, () =>
    runFlowStep(server, { at: "code", requests: codeRequests, warmCount: 500 }),
  );
  const hash = await measureHashCeiling(context.work, context.store);
  extras.loads["hash ceiling"] = hash.load;
  rows.push(hash.row);
  const newPassword = (tickets: FlowTicket[]) => passwordRequests(tickets, NEW_PASSWORD);
  const password = await observed({ ...context, name: "new password" }, () =>
    runFlowStep(server, { at: "password", requests: newPassword, warmCount: 60 }),
  );
  for (const [name, step] of [
    ["code", code],
    ["new password", password],
  ] as const) {
    assertStatuses(name, step.load, [303]);
    rows.push(toScenario(name, step.load, { argon2: step.argon2PerRequest }));
    extras.checks[`${name}: flows moved on`] = step.moved;
  }
  return rows;
}

/** `identify floor on`: the default floors at 200 connections; each response's overrun comes from compose's hook. */
export async function measureFloorOn(
  context: { store: string; server: ServerProcess; extras: StoreExtras },
  knownUserIds: readonly string[],
): Promise<ScenarioResult> {
  const { server, extras } = context;
  await server.call("startWorker");
  const next = identifyRequests(await fetchIdentifyForm(server.url), knownUserIds);
  await runAutocannon({ url: server.url, connections: FLOOR_CONNECTIONS, seconds: WARM_SECONDS + 1, next });
  await server.call("takeOverruns");
  const { load } = await observed({ ...context, name: "identify floor on" }, async () => ({
    load: await runAutocannon({ url: server.url, connections: FLOOR_CONNECTIONS, seconds: SECONDS, next }),
  }));
  const overruns = await server.call<number[]>("takeOverruns");
  assertStatuses("identify floor on", load, [303]);
  extras.checks["identify floor on: overruns recorded"] = overruns.length;
  extras.checks["identify floor on: overrun p50 ms"] = percentile(overruns, 0.5);
  extras.checks["identify floor on: overrun max ms"] = Math.max(...overruns);
  return toScenario("identify floor on", load, { overrunP99: percentile(overruns, 0.99) });
}
