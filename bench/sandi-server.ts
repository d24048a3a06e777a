/** Sandi as `sandi serve --dev` composes it, plus the bench's own commands: seed, census, counters, overruns. */
import { EVENT_LOOP_LAG_LIMIT_MILLISECONDS } from "../src/http/plugins/overload-shed.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { pino } from "pino";
import { composeServices } from "../src/compose.js";
import { loadConfig } from "../src/config/load-config.js";
import { buildApp } from "../src/http/build-app.js";
import { createSystemClock } from "../src/lib/clock.js";
import { createMetrics } from "../src/observability/metrics.js";
import { releaseStartUpMemory } from "../src/observability/start-up-memory.js";
import { argon2Operations } from "./argon2-counter.js";
import { openStore, type StoreLocation } from "./store-location.js";
import { takeCensus } from "./census.js";
import type { Handlers } from "./ipc.js";
import { createOldHashes, seedFlows, seedUsers } from "./seed-flows.js";
import {
  createBenchAnswers,
  type GateSeedRequest,
  type GateTicket,
  openGates,
  seedGateFlows,
} from "./seed-gate-flows.js";
import type { MethodId } from "../src/domain/methods.js";
import { enabledMethods } from "../src/domain/policies/sspr-policy.js";
import { createSqlRecorder } from "./sql-capture.js";

/** The server settings a bench run needs: the floors off (Sandi's own cost) or at their defaults. */
export interface SandiBenchOptions {
  readonly store: StoreLocation;
  readonly floors: "off" | "default";
  /** Where the config file goes. */
  readonly workDirectory: string;
  /** `gates`: every gate kind and the action choice on, for the gate timings (gate-timings.ts). */
  readonly policy?: "classic" | "gates";
}

/**
 * The gate timings' policy: every method this build has (the phones' texts and calls go to the dev mailbox), and the
 * action choice of SPEC §6.5, so unlock-only can be chosen.
 */
const GATES_POLICY = {
  "methods.mobileVoice": "on",
  "methods.officeVoice": "on",
  "methods.securityQuestions": "on",
  unlockWithoutReset: "on",
} as const;

/** The configuration file the bench server loads, validated as any `sandi.yaml` is. */
function writeConfig(options: SandiBenchOptions): string {
  const directory = join(options.workDirectory, `config-${String(process.pid)}`);
  mkdirSync(directory, { recursive: true });
  const config = {
    listen: { host: "127.0.0.1", port: 0 },
    database:
      options.store.engine === "postgres" ? { url: options.store.url } : { dataDirectory: options.store.dataDirectory },
    // The bench is the trusted proxy: each request's X-Forwarded-For is its client, so the per-IP throttles run.
    trustedProxies: ["127.0.0.1"],
    bench: { skipCaptcha: true },
    // The closed-loop scenarios measure capacity: every request must finish its step. The hasher's admission bound
    // (503 after 1 s in its queue) is the overload bench's subject (bench:overload), so here it is widened to the
    // schema's maximum and a full queue waits instead of shedding.
    argon2: { maxWaiting: 10_000, maxWaitMilliseconds: 60_000 },
    policy: {
      scope: "all",
      "methods.email": "on",
      // The measured journeys go identify → method, as every run before the action page did; the action page's own
      // cost is one flow save, counted in the census.
      unlockWithoutReset: "off",
      "helpdesk.mode": "email",
      "helpdesk.target": "helpdesk@contoh.example",
      ...(options.policy === "gates" ? GATES_POLICY : {}),
    },
    ...(options.floors === "off"
      ? { reset: { identifyFloorMilliseconds: 0, gateFloorMilliseconds: 0, floorJitterMilliseconds: 0 } }
      : {}),
  };
  writeFileSync(join(directory, "sandi.yaml"), JSON.stringify(config, null, 2));
  return directory;
}

/** Composes and builds Sandi on the store, in development mode (the CAPTCHA skip needs it); the worker runs in-process. */
export async function createSandiServer(
  options: SandiBenchOptions,
): Promise<{ app: FastifyInstance; handlers: Handlers; close(): Promise<void> }> {
  const loaded = loadConfig({ env: {}, cwd: writeConfig(options) });
  if (!loaded.ok) throw new Error(`bench config invalid: ${JSON.stringify(loaded.errors)}`);
  const config = loaded.config;
  const recorder = createSqlRecorder();
  const handle = await openStore(options.store, { log: recorder.log });
  const logger = pino({ level: config.log.level, base: { pid: process.pid, component: "sandi" } });
  const overruns: number[] = [];
  const composed = await composeServices({
    config,
    mode: "development",
    database: handle,
    logger,
    metrics: createMetrics({ clock: createSystemClock() }),
    onFloorOverrun: (_kind, milliseconds) => overruns.push(milliseconds),
  });
  const app = await buildApp(composed.services, {
    mode: "development",
    publicUrl: new URL(config.publicUrl),
    trustedProxies: config.trustedProxies,
    logger: { level: config.log.level },
    metricsToken: config.metrics.token,
    skipCaptcha: config.bench.skipCaptcha,
    // As `sandi serve` sheds, in the overload scenario only: the classic scenarios check that every request moved its
    // flow, and their seeding keeps the loop busy right before the load.
    ...(process.env.BENCH_SHED_ON_EVENT_LOOP_LAG === "1"
      ? { eventLoopLagLimitMilliseconds: EVENT_LOOP_LAG_LIMIT_MILLISECONDS }
      : {}),
  });
  await composed.stores.directoryAdmin.createOrganisation(
    { name: "Contoh Nusantara", domain: "contoh.example", defaultLanguage: "en", isDemo: false },
    new Date(),
  );
  const hashes = await createOldHashes();
  const answers = await createBenchAnswers();
  // As `sandi serve` does before it listens.
  await app.ready();
  releaseStartUpMemory();
  const loop = watchEventLoop();
  const handlers: Handlers = {
    seedUsers: async (argument) =>
      seedUsers(composed.stores.db, { ...(argument as { prefix: string; count: number }), hashes }),
    seedFlows: async (argument) =>
      seedFlows(composed, { ...(argument as { prefix: string; count: number; at: "code" | "password" }), hashes }),
    /** Counts each step once; the worker starts after it, so its polling never lands in a count. */
    census: async (argument) => {
      const census = await takeCensus({ app, composed, recorder, knownUserIds: argument as string[], hashes });
      composed.worker.start();
      return census;
    },
    seedGateFlows: async (argument) => seedGateFlows(composed, { ...(argument as GateSeedRequest), hashes, answers }),
    openGates: async (argument) => openGates(composed, argument as { method: MethodId; tickets: GateTicket[] }),
    /** The gates a user may choose under the policy in force, in the page's order. */
    gateMethods: async () => {
      const policy = (await composed.stores.policy.current())?.policy;
      if (policy === undefined) throw new Error("no policy stored");
      return enabledMethods(policy).filter((id) => composed.methods.ids.includes(id));
    },
    startWorker: () => Promise.resolve(composed.worker.start()),
    counters: async () => {
      const rows = await sql<{
        state: string;
        flows: string;
      }>`select state, count(*) as flows from reset_flow group by state`.execute(composed.stores.db);
      return {
        argon2: argon2Operations().total,
        flows: Object.fromEntries(rows.rows.map((row) => [row.state, Number(row.flows)])),
      };
    },
    /**
     * Fresh planner statistics after seeding, as a running Sandi has them: thousands of rows in seconds outrun both
     * PostgreSQL's autovacuum (which in steady use catches up within a minute) and Sandi's own housekeeping on PGlite
     * (every 10 minutes; PGlite has no autovacuum), so the bench runs each once instead of waiting for it.
     */
    analyze: async () => {
      if (composed.stores.handle.engine === "pglite") await composed.housekeeper.runNow();
      else await sql`analyze`.execute(composed.stores.db);
      return null;
    },
    /** The floor overruns recorded since the last call. */
    takeOverruns: () => Promise.resolve(overruns.splice(0)),
    /** Event-loop delay and garbage-collection pauses since the last call, in ms. */
    takeLoopStats: () => Promise.resolve(loop.take()),
  };
  return {
    app,
    handlers,
    close: async () => {
      await app.close();
      await composed.close();
    },
  };
}

/** Event-loop delay (how late a timer can fire) and GC pauses, the usual causes of a late response. */
function watchEventLoop(): {
  take(): { delayP50: number; delayP99: number; delayMax: number; gcPauses: number; gcMax: number; gcTotal: number };
} {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let gc: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gc.push(entry.duration);
  }).observe({ entryTypes: ["gc"] });
  return {
    take: () => {
      const stats = {
        delayP50: delay.percentile(50) / 1e6,
        delayP99: delay.percentile(99) / 1e6,
        delayMax: delay.max / 1e6,
        gcPauses: gc.length,
        gcMax: Math.max(0, ...gc),
        gcTotal: gc.reduce((sum, pause) => sum + pause, 0),
      };
      delay.reset();
      gc = [];
      return stats;
    },
  };
}
