/** The runner's part for Sandi's own scenarios: identify, fixed rate, code, new password, floor on. */
import { setTimeout as sleep } from "node:timers/promises";
import { type CpuUse, cpuPerRequest, createCpuWatch } from "./cpu-watch.js";
import type { ServerProcess } from "./ipc.js";
import { type BenchRequest, type LoadResult, percentile, runAlternating, runAutocannon, runPaced } from "./load.js";
import { NEW_PASSWORD } from "./passwords.js";
import { type ScenarioResult, toScenario } from "./report.js";
import {
  assertStatuses,
  CONNECTIONS,
  FIRST_WARM_SECONDS,
  measureHashCeiling,
  SECONDS,
  WARM_SECONDS,
} from "./run-bare.js";
import {
  codeRequests,
  type FlowTicket,
  fetchIdentifyForm,
  type IdentifyForm,
  identifyRequests,
  passwordRequests,
  unknownUserIds,
} from "./scenarios.js";

/** Numbers that do not fit latest.json's rows, per store. */
export interface StoreExtras {
  census?: unknown;
  /** The registration steps' counts (registration-census.ts). */
  registrationCensus?: unknown;
  /** Each gate kind's counts, known user against unknown ID (gate-census.ts). */
  gateCensus?: unknown;
  idleRssMegabytes?: number;
  /** Consistency checks: flows moved on, overruns recorded. */
  checks: Record<string, number>;
  loads: Record<string, LoadResult>;
  /** The server's event-loop delay and GC pauses during each measurement window (ms). */
  eventLoop: Record<string, unknown>;
  /** CPU use during each measurement window (cpu-watch.ts). */
  cpu: Record<string, CpuUse>;
}

interface Counters {
  argon2: number;
  flows: Record<string, number>;
}

interface Context {
  readonly store: string;
  readonly server: ServerProcess;
  readonly extras: StoreExtras;
}

const FIXED_RATE = 200;
const FLOOR_CONNECTIONS = 200;

/**
 * Runs `measure`, whose load calls `onWindow` when its measurement window opens: the server's event-loop watch
 * restarts there and is read at the end. Prints and keeps the load.
 */
async function observed<T extends { load: LoadResult }>(
  context: Context & { name: string },
  measure: (onWindow: () => void, onWindowEnd: () => void) => Promise<T>,
): Promise<T> {
  const watch = createCpuWatch(context.server.pid);
  const window: { used: CpuUse | null } = { used: null };
  const onWindowEnd = (): void => {
    window.used ??= watch.close();
  };
  const measured = await measure(() => {
    watch.open();
    void context.server.call("takeLoopStats");
  }, onWindowEnd);
  onWindowEnd();
  if (window.used !== null) context.extras.cpu[context.name] = cpuPerRequest(window.used, measured.load.requests);
  context.extras.eventLoop[context.name] = await context.server.call("takeLoopStats");
  context.extras.loads[context.name] = measured.load;
  const { rps, p50, p99 } = measured.load;
  process.stdout.write(
    `${context.store}: ${context.name}: ${rps.toFixed(1)} rps, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms\n`,
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
 * Runs seeded flows through one step. A probe batch gives the pace; then enough flows for the warm-up and the window
 * at 1.8 times that pace (a cold server probes slower than it runs), in one run that stops early if they run out.
 */
async function runFlowStep(
  server: ServerProcess,
  input: {
    at: "code" | "password";
    requests: (tickets: FlowTicket[]) => () => BenchRequest;
    probeCount: number;
    onWindow: () => void;
    onWindowEnd: () => void;
    /** Refresh the planner's statistics after seeding (see the `analyze` command). */
    analyze: boolean;
  },
): Promise<{ load: LoadResult; argon2PerRequest: number; moved: number }> {
  const probe = await server.call<FlowTicket[]>("seedFlows", {
    prefix: `${input.at}-probe`,
    count: input.probeCount,
    at: input.at,
  });
  const probeLoad = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: 120,
    amount: probe.length,
    next: input.requests(probe),
  });
  const count = Math.ceil(probeLoad.rps * (WARM_SECONDS + SECONDS) * 1.8) + 200;
  const tickets = await server.call<FlowTicket[]>("seedFlows", { prefix: input.at, count, at: input.at });
  if (input.analyze) await server.call("analyze");
  const before = await settledCounters(server);
  const next = input.requests(tickets);
  const load = await runAutocannon({
    url: server.url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmSeconds: WARM_SECONDS,
    amount: count,
    next,
    onWindow: input.onWindow,
  });
  input.onWindowEnd();
  const after = await settledCounters(server);
  const state = input.at === "code" ? "password" : "done";
  const moved = (after.flows[state] ?? 0) - (before.flows[state] ?? 0);
  // Each answer must have moved its own flow on, or the step did not do its real work; requests in flight when
  // autocannon stopped (at most one per connection) finish on the server too, unanswered.
  if (moved < load.answered || moved > load.answered + CONNECTIONS || moved > count)
    throw new Error(
      `${input.at}: ${String(load.answered)} answers (${JSON.stringify(load.statuses)}) but ${String(moved)} flows reached ${state} (${String(count)} seeded)`,
    );
  return { load, argon2PerRequest: (after.argon2 - before.argon2) / moved, moved };
}

/**
 * `identify known at 200 rps`, evenly paced (one request every 5 ms). autocannon's `overallRate` is measured too
 * and kept in steps.json: it sends each second's quota at once, so its latencies measure a burst, not a rate.
 */
async function measureFixedRate(context: Context, next: () => BenchRequest): Promise<ScenarioResult> {
  const { server } = context;
  const window = { seconds: SECONDS, warmSeconds: WARM_SECONDS, next };
  const paced = await observed({ ...context, name: "identify known at 200 rps" }, async (onWindow) => ({
    load: await runPaced({ url: server.url, rate: FIXED_RATE, ...window, onWindow }),
  }));
  assertStatuses("identify known at 200 rps", paced.load, [303]);
  const name = "identify known at 200 rps (autocannon overallRate, bursts)";
  const burst = await observed({ ...context, name }, async (onWindow) => ({
    load: await runAutocannon({
      url: server.url,
      connections: CONNECTIONS,
      overallRate: FIXED_RATE,
      ...window,
      onWindow,
    }),
  }));
  assertStatuses(name, burst.load, [303]);
  return toScenario("identify known at 200 rps", paced.load);
}

/**
 * `identify known` and `identify unknown` in one run on the same connections, alternating every 1.25 s (known,
 * unknown, unknown, known, …), so that a shared machine's drift falls on both alike.
 */
async function measureIdentify(
  context: Context,
  form: IdentifyForm,
  knownUserIds: readonly string[],
): Promise<ScenarioResult[]> {
  const { server, extras } = context;
  const kinds = [
    { name: "identify known", next: identifyRequests(form, knownUserIds) },
    { name: "identify unknown", next: identifyRequests(form, unknownUserIds(knownUserIds.length)) },
  ];
  const generators = kinds.map((kind) => kind.next);
  const window = { seconds: SECONDS * 2, warmSeconds: WARM_SECONDS, sliceSeconds: 1.25 };
  const watch = createCpuWatch(server.pid);
  const onWindow = () => {
    watch.open();
    void server.call("takeLoopStats");
  };
  const loads = await runAlternating({ url: server.url, connections: CONNECTIONS, ...window, generators, onWindow });
  const both = "identify known and unknown (alternating)";
  extras.cpu[both] = cpuPerRequest(
    watch.close(),
    loads.reduce((sum, load) => sum + load.requests, 0),
  );
  extras.eventLoop[both] = await server.call("takeLoopStats");
  return kinds.map(({ name }, index) => {
    const load = loads[index];
    if (load === undefined) throw new Error(`no result for ${name}`);
    assertStatuses(name, load, [303]);
    extras.loads[name] = load;
    process.stdout.write(
      `${context.store}: ${name}: ${load.rps.toFixed(1)} rps, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms\n`,
    );
    return toScenario(name, load);
  });
}

/** A fresh server's first load, unmeasured: known and unknown IDs in turn, so neither scenario pays for it. */
async function warmUp(
  server: ServerProcess,
  generators: readonly (() => BenchRequest)[],
  connections = CONNECTIONS,
): Promise<void> {
  let turn = 0;
  const next = (): BenchRequest => {
    const generator = generators[turn++ % generators.length];
    if (generator === undefined) throw new Error("no request generator");
    return generator();
  };
  await runAutocannon({ url: server.url, connections, seconds: FIRST_WARM_SECONDS, next });
}

/** Identify known and unknown, the fixed rate (full run), code, the hash ceiling and new password; floors off. */
export async function measureSteps(
  context: Context & { full: boolean; work: string },
  knownUserIds: readonly string[],
): Promise<ScenarioResult[]> {
  const { server, extras } = context;
  await server.call("startWorker");
  const form = await fetchIdentifyForm(server.url);
  await warmUp(server, [
    identifyRequests(form, knownUserIds),
    identifyRequests(form, unknownUserIds(knownUserIds.length)),
  ]);
  const rows = await measureIdentify(context, form, knownUserIds);
  const analyze = true;
  if (context.full) rows.push(await measureFixedRate(context, identifyRequests(form, knownUserIds)));
  const code = await observed({ ...context, name: "code" }, (onWindow, onWindowEnd) =>
    runFlowStep(server, { at: "code", requests: codeRequests, probeCount: 1500, onWindow, onWindowEnd, analyze }),
  );
  const hash = await measureHashCeiling(context.work, context.store);
  extras.loads["hash ceiling"] = hash.load;
  extras.cpu["hash ceiling"] = hash.cpu;
  rows.push(hash.row);
  const newPassword = (tickets: FlowTicket[]) => passwordRequests(tickets, NEW_PASSWORD);
  const password = await observed({ ...context, name: "new password" }, (onWindow, onWindowEnd) =>
    runFlowStep(server, { at: "password", requests: newPassword, probeCount: 100, onWindow, onWindowEnd, analyze }),
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
export async function measureFloorOn(context: Context, knownUserIds: readonly string[]): Promise<ScenarioResult> {
  const { server, extras } = context;
  await server.call("startWorker");
  const next = identifyRequests(await fetchIdentifyForm(server.url), knownUserIds);
  await warmUp(server, [next], FLOOR_CONNECTIONS);
  const { load } = await observed({ ...context, name: "identify floor on" }, async (onWindow) => ({
    load: await runAutocannon({
      url: server.url,
      connections: FLOOR_CONNECTIONS,
      seconds: SECONDS,
      warmSeconds: WARM_SECONDS,
      next,
      onWindow: () => {
        onWindow();
        void server.call("takeOverruns");
      },
    }),
  }));
  const overruns = await server.call<number[]>("takeOverruns");
  assertStatuses("identify floor on", load, [303]);
  extras.checks["identify floor on: overruns recorded"] = overruns.length;
  extras.checks["identify floor on: overrun p50 ms"] = percentile(overruns, 0.5);
  extras.checks["identify floor on: overrun max ms"] = Math.max(...overruns);
  return toScenario("identify floor on", load, { overrunP99: percentile(overruns, 0.99) });
}
