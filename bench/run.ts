/**
 * `npm run bench`: every scenario of issue 3 item 18 on PGlite, and all but the fixed rate and the floor on
 * PostgreSQL, each server in its own process; writes bench/results/latest.json (and steps.json), prints the table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { StoreLocation } from "./store-location.js";
import { type MeasuredStore, measureStore } from "./run-store.js";
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

const RESULTS_DIRECTORY = new URL("./results/", import.meta.url);
const RESULT_FILES = ["latest.json", "steps.json"];

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
    process.stdout.write(
      `per step (census on PGlite):\n${formatCensus((pglite.extras.census ?? []) as StepCountRow[])}\n\n`,
    );
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
