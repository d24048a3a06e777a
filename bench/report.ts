/** The results: the machine, `bench/results/latest.json` in the shape, and the printed table. */
import { readFileSync } from "node:fs";
import { availableParallelism, release, totalmem } from "node:os";
import type { LoadResult } from "./load.js";

/** One row of latest.json. */
export interface ScenarioResult {
  readonly name: string;
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly argon2_ops_per_request?: number;
  readonly overrun_p99_ms?: number;
}

export type StoreName = "pglite" | "postgres";

/** latest.json. */
export interface Results {
  readonly machine: string;
  readonly date: string;
  readonly stores: Record<StoreName, { scenarios: ScenarioResult[] }>;
}

/** The scenarios in the order latest.json and the table list them. */
export const SCENARIO_ORDER = [
  "baseline",
  "hash ceiling",
  "storage ceiling",
  "identify known",
  "identify unknown",
  "code",
  "new password",
  "identify known at 200 rps",
  "identify floor on",
] as const;

/** `rows` in SCENARIO_ORDER. */
export function inScenarioOrder(rows: readonly ScenarioResult[]): ScenarioResult[] {
  const rank = (row: ScenarioResult): number => (SCENARIO_ORDER as readonly string[]).indexOf(row.name);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/** CPU count and model, memory, kernel and Node: e.g. "2 × AMD EPYC, 23.5 GiB RAM, Linux 6.1, Node v24.21.0". */
export function describeMachine(): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown CPU";
  const gibibytes = (totalmem() / 2 ** 30).toFixed(1);
  return `${String(availableParallelism())} × ${model}, ${gibibytes} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** A load result as a latest.json row. */
export function toScenario(
  name: string,
  load: LoadResult,
  extra: { argon2?: number; overrunP99?: number } = {},
): ScenarioResult {
  return {
    name,
    rps: round(load.rps, 1),
    p50_ms: round(load.p50, 2),
    p99_ms: round(load.p99, 2),
    ...(extra.argon2 === undefined ? {} : { argon2_ops_per_request: round(extra.argon2, 2) }),
    ...(extra.overrunP99 === undefined ? {} : { overrun_p99_ms: round(extra.overrunP99, 2) }),
  };
}

/** The table printed at the end of a run. */
export function formatTable(results: Results): string {
  const header = ["store", "scenario", "rps", "p50 ms", "p99 ms", "argon2/req", "overrun p99 ms"];
  const rows = Object.entries(results.stores).flatMap(([store, { scenarios }]) =>
    scenarios.map((row) => [
      store,
      row.name,
      row.rps.toFixed(1),
      row.p50_ms.toFixed(2),
      row.p99_ms.toFixed(2),
      row.argon2_ops_per_request?.toFixed(2) ?? "",
      row.overrun_p99_ms?.toFixed(2) ?? "",
    ]),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

/** One step's counts as the census reports them (see census.ts). */
export interface StepCountRow {
  readonly step: string;
  readonly statements: number;
  readonly selects: number;
  readonly writes: number;
  readonly argon2: number;
}

/** The SQL statements and Argon2 operations of each step. */
export function formatCensus(steps: readonly StepCountRow[]): string {
  const width = Math.max(...steps.map((row) => row.step.length));
  const lines = steps.map(
    (row) =>
      `${row.step.padEnd(width)}  ${String(row.statements).padStart(3)} SQL (${String(row.selects)} select, ${String(row.writes)} write)  ${String(row.argon2)} Argon2`,
  );
  return lines.join("\n");
}
