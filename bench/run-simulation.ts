/**
 * `SANDI_BENCH_ONLY=simulation npm run bench`: the policy simulation (SPEC §3: "ready within 10 s for 50,000 users")
 * on PGlite and PostgreSQL. Seeds 50,000 users (seed-population.ts), saves a live policy (scope All, 1 method), then
 * times `simulatePolicyChange` of a draft that narrows the scope to two divisions and requires 2 methods, three times
 * each; writes bench/results/simulation.json and prints the timings.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { AdminActor } from "../src/domain/admin/admin-actor.js";
import { simulatePolicyChange } from "../src/domain/admin/simulate-policy.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../src/domain/policies/sspr-policy.js";
import { BUILTIN_METHOD_IDS } from "../src/methods/builtin-methods.js";
import { migrateToLatest } from "../src/store/migrate.js";
import { createKyselyPolicyStore } from "../src/store/repos/kysely-policy-store.js";
import { createKyselyPopulationReader } from "../src/store/repos/kysely-population.js";
import { describeMachine } from "./report.js";
import { seedPopulation } from "./seed-population.js";
import { openStore, type StoreLocation } from "./store-location.js";

const RESULTS_DIRECTORY = new URL("./results/", import.meta.url);
const USERS = Number(process.env.SANDI_BENCH_SIMULATION_USERS ?? 50_000);
const RUNS = 3;
const BOUND_SECONDS = 10;
const CONSOLE: AdminActor = { type: "console" };
const LIVE: SsprPolicy = { ...DEFAULT_POLICY, scope: "all" };
const DRAFT: SsprPolicy = { ...LIVE, scope: "selected", scopeGroups: ["division-a", "division-b"], methodsToReset: 2 };

export interface SimulationTiming {
  readonly store: string;
  readonly users: number;
  readonly seedSeconds: number;
  readonly runsSeconds: readonly number[];
  readonly medianSeconds: number;
  readonly within: boolean;
  readonly lost: { users: number; admins: number };
  readonly affected: number;
}

async function timeOn(name: string, location: StoreLocation): Promise<SimulationTiming> {
  const handle = await openStore(location);
  try {
    await migrateToLatest(handle.db);
    const seeding = performance.now();
    await seedPopulation(handle.db, USERS);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const policy = createKyselyPolicyStore(handle.db);
    await policy.save(LIVE, "bench", new Date());
    const deps = {
      policy,
      clock: { now: () => new Date() },
      availableMethods: BUILTIN_METHOD_IDS,
      gateMethods: BUILTIN_METHOD_IDS,
      population: createKyselyPopulationReader(handle.db),
    };
    const runsSeconds: number[] = [];
    let last = null;
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const result = await simulatePolicyChange(deps, CONSOLE, { draft: DRAFT });
      runsSeconds.push((performance.now() - started) / 1000);
      if (!result.ok) throw new Error(`simulation refused: ${result.reason}`);
      last = result.value;
    }
    const medianSeconds = [...runsSeconds].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
    return {
      store: name,
      users: USERS,
      seedSeconds,
      runsSeconds,
      medianSeconds,
      within: Math.max(...runsSeconds) <= BOUND_SECONDS,
      lost: last?.loss ?? { users: 0, admins: 0 },
      affected: last?.affected.total ?? 0,
    };
  } finally {
    await handle.close();
  }
}

async function onPostgres(): Promise<SimulationTiming | null> {
  try {
    const { openPostgresDatabase } = await import("../test/support/test-databases.js");
    const database = await openPostgresDatabase({ schema: "empty" });
    try {
      return await timeOn("postgres", { engine: "postgres", url: database.url });
    } finally {
      await database.drop();
    }
  } catch (error) {
    process.stderr.write(`\n!!! PostgreSQL is unreachable, NOT RUN: ${(error as Error).message}\n\n`);
    return null;
  }
}

/** Runs both stores, writes simulation.json, prints one line per store. */
export async function runSimulationBench(work: string): Promise<void> {
  const loadBefore = loadavg();
  const pglite = await timeOn("pglite", { engine: "pglite", dataDirectory: join(work, "pglite-simulation") });
  const postgres = await onPostgres();
  const report = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    loadAverage: { before: loadBefore, after: loadavg() },
    boundSeconds: BOUND_SECONDS,
    stores: [pglite, postgres].filter((timing) => timing !== null),
  };
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(new URL("simulation.json", RESULTS_DIRECTORY), `${JSON.stringify(report, null, 2)}\n`);
  for (const timing of report.stores)
    process.stdout.write(
      `${timing.store}: ${String(timing.users)} users, seeded in ${timing.seedSeconds.toFixed(1)} s; simulation ` +
        `${timing.runsSeconds.map((seconds) => seconds.toFixed(2)).join(" / ")} s (median ` +
        `${timing.medianSeconds.toFixed(2)} s, bound ${String(BOUND_SECONDS)} s: ${timing.within ? "met" : "MISSED"}); ` +
        `${String(timing.affected)} affected, loss ${String(timing.lost.users)} users + ${String(timing.lost.admins)} admins\n`,
    );
}
