/**
 * `SANDI_BENCH_ONLY=gates npm run bench`: the gate timings (gate-timings.ts) on PGlite and PostgreSQL, each on a
 * fresh server with the floors at 0 and every gate on; writes bench/results/gates.json and prints the table of
 * known against unknown with the verdict of issue 11 item 12 ("within 10 % in rps and median").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { type GateStepTiming, measureGateTimings, statusesOk } from "./gate-timings.js";
import { describeMachine } from "./report.js";
import { withServer } from "./run-bare.js";
import { type StoreLocation, whereOf } from "./store-location.js";

const RESULTS_DIRECTORY = new URL("./results/", import.meta.url);
/** Issue 11 item 12's bound on each step's difference, in rps and in the median. */
const WITHIN_PERCENT = 10;

/** (unknown − known) / known, in percent. */
function differencePercent(known: number, unknown: number): number {
  return ((unknown - known) / known) * 100;
}

/** One row of the table and of gates.json. */
export interface GateRow {
  readonly step: string;
  readonly knownRps: number;
  readonly unknownRps: number;
  readonly rpsDiffPercent: number;
  readonly knownP50: number;
  readonly unknownP50: number;
  readonly p50DiffPercent: number;
  readonly within: boolean;
  /** Both sides answered only 200/303, with the same statuses. */
  readonly clean: boolean;
  /** A side's flows ran out, so the window ended early (`secondsPerSide` says how long each side ran). */
  readonly short: boolean;
  readonly statuses: { readonly known: unknown; readonly unknown: unknown };
  readonly secondsPerSide: number;
}

function toRow(timing: GateStepTiming): GateRow {
  const { known, unknown } = timing;
  const rpsDiffPercent = differencePercent(known.rps, unknown.rps);
  const p50DiffPercent = differencePercent(known.p50, unknown.p50);
  return {
    step: timing.step,
    knownRps: known.rps,
    unknownRps: unknown.rps,
    rpsDiffPercent,
    knownP50: known.p50,
    unknownP50: unknown.p50,
    p50DiffPercent,
    within: Math.abs(rpsDiffPercent) <= WITHIN_PERCENT && Math.abs(p50DiffPercent) <= WITHIN_PERCENT,
    clean: statusesOk(timing),
    short: timing.ranOut,
    statuses: { known: known.statuses, unknown: unknown.statuses },
    secondsPerSide: known.seconds,
  };
}

const signed = (value: number): string => `${value >= 0 ? "+" : ""}${value.toFixed(1)}`;

/** The table: step, known and unknown rps and their difference, the medians and theirs, the verdict. */
export function formatGateTable(rows: readonly GateRow[]): string {
  const header = ["step", "known rps", "unknown rps", "diff %", "known p50", "unknown p50", "diff %", "within 10 %"];
  const lines = rows.map((row) => [
    row.step,
    row.knownRps.toFixed(0),
    row.unknownRps.toFixed(0),
    signed(row.rpsDiffPercent),
    `${row.knownP50.toFixed(1)} ms`,
    `${row.unknownP50.toFixed(1)} ms`,
    signed(row.p50DiffPercent),
    `${row.within ? "yes" : "no"}${row.clean ? "" : " (!)"}${row.short ? ` (${row.secondsPerSide.toFixed(1)} s)` : ""}`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(" | ")} |`;
  const rule = `| ${widths.map((width, column) => `${"-".repeat(width - (column === 0 ? 0 : 1))}${column === 0 ? "" : ":"}`).join(" | ")} |`;
  return [format(header), rule, ...lines.map(format)].join("\n");
}

async function measureOn(name: string, location: StoreLocation, work: string): Promise<GateRow[]> {
  process.stdout.write(`${name}:\n`);
  const args = ["sandi", location.engine, whereOf(location), "off", work, "gates"];
  const timings = await withServer(args, work, async (server) => {
    await server.call("startWorker");
    return measureGateTimings(server, name);
  });
  return timings.map(toRow);
}

async function openPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  try {
    const { openPostgresDatabase } = await import("../test/support/test-databases.js");
    return await openPostgresDatabase({ schema: "empty" });
  } catch (error) {
    process.stderr.write(
      `\n!!! PostgreSQL is unreachable, its gate timings are NOT RUN: ${(error as Error).message}\n\n`,
    );
    return null;
  }
}

/** `SANDI_BENCH_GATE_STORES=pglite`: one store only (both by default). */
const STORES = (process.env.SANDI_BENCH_GATE_STORES ?? "pglite,postgres").split(",");

/** Both stores' gate timings, the table printed and gates.json written. */
export async function runGateTimings(work: string): Promise<void> {
  const loadBefore = loadavg();
  const started = new Date();
  const pgliteLocation = { engine: "pglite", dataDirectory: join(work, "pglite-gates") } as const;
  const pglite = STORES.includes("pglite") ? await measureOn("pglite", pgliteLocation, work) : [];
  const database = STORES.includes("postgres") ? await openPostgres() : null;
  let postgres: GateRow[] | null = null;
  if (database !== null)
    try {
      postgres = await measureOn("postgres", { engine: "postgres", url: database.url }, work);
    } finally {
      await database.drop();
    }
  const report = {
    date: started.toISOString(),
    machine: describeMachine(),
    loadAverage: { before: loadBefore, after: loadavg() },
    pglite,
    postgres,
  };
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(new URL("gates.json", RESULTS_DIRECTORY), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nPGlite, floors at 0:\n${formatGateTable(pglite)}\n`);
  if (postgres !== null) process.stdout.write(`\nPostgreSQL, floors at 0:\n${formatGateTable(postgres)}\n`);
  process.stdout.write(`\nload average ${loadBefore.join(" ")} before, ${loadavg().join(" ")} after\n`);
}
