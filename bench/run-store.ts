/** The runner's part for one store: census and SQL capture, the storage ceiling, then Sandi's scenarios. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Census } from "./census.js";
import { type ScenarioResult, type StoreName, toScenario } from "./report.js";
import {
  assertStatuses,
  CONNECTIONS,
  FIRST_WARM_SECONDS,
  measureWithCpu,
  medianIdleRss,
  withServer,
} from "./run-bare.js";
import { measureFloorOn, measureSteps, type StoreExtras } from "./run-sandi.js";
import { plainPost } from "./scenarios.js";
import { type StoreLocation, whereOf } from "./store-location.js";

export type { StoreExtras } from "./run-sandi.js";

/** One store's latest.json rows and the rest. */
export interface MeasuredStore {
  readonly scenarios: ScenarioResult[];
  readonly extras: StoreExtras;
}

export interface StoreRun {
  readonly name: StoreName;
  readonly location: StoreLocation;
  readonly work: string;
  /** Every scenario (PGlite), or all but the fixed rate and the floor (PostgreSQL). */
  readonly full: boolean;
}

const KNOWN_USERS = 1000;

export function sandiArgs(run: StoreRun, floors: "off" | "default"): string[] {
  return ["sandi", run.location.engine, whereOf(run.location), floors, run.work];
}

/**
 * Sandi's idle RSS, the median of fresh starts like the bare reference's (the first start migrates the store, as the
 * bare reference's first start creates its database); then seeds the known users, counts each step once and keeps
 * the identify step's SQL.
 */
export async function takeCensus(
  run: StoreRun,
  extras: StoreExtras,
): Promise<{ knownUserIds: string[]; captureFile: string }> {
  extras.idleRssMegabytes = await medianIdleRss(sandiArgs(run, "off"), run.work);
  return withServer(sandiArgs(run, "off"), run.work, async (server) => {
    const knownUserIds = await server.call<string[]>("seedUsers", { prefix: "known", count: KNOWN_USERS });
    const census = await server.call<Census>("census", knownUserIds);
    extras.census = census.steps;
    extras.registrationCensus = census.registration;
    extras.gateCensus = census.gates;
    const captureFile = join(run.work, `identify-${run.name}.json`);
    writeFileSync(captureFile, JSON.stringify(census.identify));
    writeFileSync(join(run.work, `identify-unknown-${run.name}.json`), JSON.stringify(census.identifyUnknown));
    return { knownUserIds, captureFile };
  });
}

/** `storage ceiling`: bare Fastify replaying the captured identify SQL on the same store. */
export async function measureStorageCeiling(
  run: StoreRun,
  captureFile: string,
  extras: StoreExtras,
): Promise<ScenarioResult> {
  const args = ["storage", run.location.engine, whereOf(run.location), captureFile];
  const { load, cpu } = await withServer(args, run.work, (server) =>
    measureWithCpu(server, { connections: CONNECTIONS, warmSeconds: FIRST_WARM_SECONDS, next: plainPost }),
  );
  assertStatuses("storage ceiling", load, [204]);
  extras.loads["storage ceiling"] = load;
  extras.cpu["storage ceiling"] = cpu;
  process.stdout.write(
    `${run.name}: storage ceiling: ${load.rps.toFixed(1)} rps, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms\n`,
  );
  return toScenario("storage ceiling", load);
}

/** Measures one store: capture, storage ceiling, Sandi's steps and, on the full run, the fixed rate and the floor. */
export async function measureStore(run: StoreRun): Promise<MeasuredStore> {
  const extras: StoreExtras = { checks: {}, loads: {}, eventLoop: {}, cpu: {} };
  const { knownUserIds, captureFile } = await takeCensus(run, extras);
  const scenarios = [await measureStorageCeiling(run, captureFile, extras)];
  const context = { store: run.name, extras, full: run.full, work: run.work };
  scenarios.push(
    ...(await withServer(sandiArgs(run, "off"), run.work, (server) =>
      measureSteps({ ...context, server }, knownUserIds),
    )),
  );
  if (run.full)
    scenarios.push(
      await withServer(sandiArgs(run, "default"), run.work, (server) =>
        measureFloorOn({ ...context, server }, knownUserIds),
      ),
    );
  return { scenarios, extras };
}
