/**
 * `npm run bench`: every scenario of issue 3 item 18 on PGlite, and all but the fixed rate and the floor on
 * PostgreSQL, each server in its own process; writes bench/results/latest.json (and steps.json), prints the table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { StoreLocation } from "./store-location.js";
import { type MeasuredStore, measureStore, type StoreExtras, type StoreRun, takeCensus } from "./run-store.js";
import {
  describeMachine,
  formatCensus,
  formatTable,
  inScenarioOrder,
  type Results,
  type StepCountRow,
} from "./report.js";
import { measureBaseline, measureIdleRss } from "./run-bare.js";
import { formatBannedCheck, measureBannedCheckInChild } from "./banned-check.js";
import { runGateTimings } from "./run-gates.js";
import { runSimulationBench } from "./run-simulation.js";

const RESULTS_DIRECTORY = new URL("./results/", import.meta.url);
const RESULT_FILES = ["latest.json", "steps.json"];

/** `SANDI_BENCH_ONLY=census`: only the per-step census on each store, into bench/results/census.json. */
const CENSUS_ONLY = process.env.SANDI_BENCH_ONLY === "census";
/** `SANDI_BENCH_ONLY=gates`: only the gate timings, known against unknown, into bench/results/gates.json. */
const GATES_ONLY = process.env.SANDI_BENCH_ONLY === "gates";
/** `SANDI_BENCH_ONLY=simulation`: only the policy simulation on 50,000 users, into bench/results/simulation.json. */
const SIMULATION_ONLY = process.env.SANDI_BENCH_ONLY === "simulation";

function censusOf(extras: StoreExtras | undefined): string {
  const reset = formatCensus((extras?.census ?? []) as StepCountRow[]);
  const registration = formatCensus((extras?.registrationCensus ?? []) as StepCountRow[]);
  const gates = formatCensus((extras?.gateCensus ?? []) as StepCountRow[]);
  return `${reset}\nregistration:\n${registration}\ngates (known against unknown):\n${gates}`;
}

async function censusOnly(work: string): Promise<Record<string, StoreExtras | null>> {
  const census = async (run: StoreRun): Promise<StoreExtras> => {
    const extras: StoreExtras = { checks: {}, loads: {}, eventLoop: {}, cpu: {} };
    await takeCensus(run, extras);
    return extras;
  };
  const pglite = await census({
    name: "pglite",
    location: { engine: "pglite", dataDirectory: join(work, "pglite") },
    work,
    full: false,
  });
  const database = await openPostgres();
  if (database === null) return { pglite, postgres: null };
  try {
    const location = { engine: "postgres", url: database.url } as const;
    return { pglite, postgres: await census({ name: "postgres", location, work, full: false }) };
  } finally {
    await database.drop();
  }
}

async function openPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  try {
    const { openPostgresDatabase } = await import("../test/support/test-databases.js");
    return await openPostgresDatabase({ schema: "empty" });
  } catch (error) {
    process.stderr.write(`\n!!! PostgreSQL is unreachable, its scenarios are NOT RUN: ${(error as Error).message}\n\n`);
    return null;
  }
}

async function measurePostgres(work: string): Promise<MeasuredStore | null> {
  const database = await openPostgres();
  if (database === null) return null;
  try {
    return await measureStore({
      name: "postgres",
      location: { engine: "postgres", url: database.url },
      work,
      full: false,
    });
  } finally {
    await database.drop();
  }
}

function writeResults(results: Results, extras: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const [latest = "latest.json", steps = "steps.json"] = RESULT_FILES;
  writeFileSync(new URL(latest, RESULTS_DIRECTORY), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL(steps, RESULTS_DIRECTORY), `${JSON.stringify(extras, null, 2)}\n`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "sandi-bench-"));
  const started = Date.now();
  const loadBefore = loadavg();
  process.stdout.write(`sandi bench: ${describeMachine()}\nserver logs in ${work}\n`);
  // The numbers assume an otherwise idle machine: the client and the server already share its cores.
  if ((loadBefore[0] ?? 0) > 0.5)
    process.stdout.write(`warning: load average ${loadBefore.join(" ")} before the run; numbers will be low\n`);
  try {
    if (SIMULATION_ONLY) {
      await runSimulationBench(work);
      process.stdout.write(
        `done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote bench/results/simulation.json\n`,
      );
      rmSync(work, { recursive: true, force: true });
      return;
    }
    if (GATES_ONLY) {
      await runGateTimings(work);
      process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote bench/results/gates.json\n`);
      rmSync(work, { recursive: true, force: true });
      return;
    }
    if (CENSUS_ONLY) {
      const stores = await censusOnly(work);
      const only = (extras: StoreExtras | null) =>
        extras === null
          ? null
          : {
              census: extras.census,
              registrationCensus: extras.registrationCensus,
              gateCensus: extras.gateCensus,
              idleRss: extras.idleRssMegabytes,
            };
      const file = new URL("census.json", RESULTS_DIRECTORY);
      const report = {
        date: new Date().toISOString(),
        machine: describeMachine(),
        loadAverage: { before: loadBefore, after: loadavg() },
      };
      mkdirSync(RESULTS_DIRECTORY, { recursive: true });
      writeFileSync(
        file,
        `${JSON.stringify({ ...report, pglite: only(stores.pglite ?? null), postgres: only(stores.postgres ?? null) }, null, 2)}\n`,
      );
      for (const [store, extras] of Object.entries(stores))
        if (extras !== null) process.stdout.write(`\nper step (census on ${store}):\n${censusOf(extras)}\n`);
      process.stdout.write(
        `\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote bench/results/census.json\n`,
      );
      rmSync(work, { recursive: true, force: true });
      return;
    }
    const idle = await measureIdleRss(work);
    const baseline = await measureBaseline(work);
    const pglite = await measureStore({
      name: "pglite",
      location: { engine: "pglite", dataDirectory: join(work, "pglite") } satisfies StoreLocation,
      work,
      full: true,
    });
    const postgres = await measurePostgres(work);
    const bannedCheck = await measureBannedCheckInChild();
    const sandiIdleRss = pglite.extras.idleRssMegabytes ?? Number.NaN;
    const idleRss = { ...idle, sandiMegabytes: sandiIdleRss, ratio: sandiIdleRss / idle.bareFastifyPGliteMegabytes };
    const pgliteScenarios = inScenarioOrder([baseline.row, ...pglite.scenarios]);
    const results: Results = {
      machine: describeMachine(),
      date: new Date().toISOString(),
      stores: {
        pglite: { scenarios: pgliteScenarios },
        postgres: { scenarios: inScenarioOrder(postgres?.scenarios ?? []) },
      },
    };
    const loadAverage = { before: loadBefore, after: loadavg() };
    writeResults(results, {
      loadAverage,
      idleRss,
      baseline: { load: baseline.load, cpu: baseline.cpu },
      pglite: pglite.extras,
      postgres: postgres?.extras ?? null,
      bannedCheck,
    });
    process.stdout.write(`\n${formatTable(results)}\n\n`);
    process.stdout.write(`per step (census on PGlite):\n${censusOf(pglite.extras)}\n\n`);
    if (postgres !== null) process.stdout.write(`per step (census on PostgreSQL):\n${censusOf(postgres.extras)}\n\n`);
    process.stdout.write(
      `idle RSS: Sandi ${sandiIdleRss.toFixed(1)} MB, bare Fastify + PGlite ${idle.bareFastifyPGliteMegabytes.toFixed(1)} MB (×${idleRss.ratio.toFixed(2)}), bare Fastify ${idle.bareFastifyMegabytes.toFixed(1)} MB\n`,
    );
    process.stdout.write(`${formatBannedCheck(bannedCheck)}\n`);
    process.stdout.write(
      `done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote bench/results/${RESULT_FILES.join(" and ")}\n`,
    );
    rmSync(work, { recursive: true, force: true });
  } catch (error) {
    process.stderr.write(`bench failed; server logs kept in ${work}\n`);
    throw error;
  }
}

await main();
