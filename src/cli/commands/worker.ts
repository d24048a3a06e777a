/** `sandi worker`: the outbox worker as its own process, on PostgreSQL only, until SIGTERM or SIGINT. */
import { pino } from "pino";
import { composeServices } from "../../compose.js";
import { StartupError } from "../../compose-parts.js";
import type { Config } from "../../config/config.schema.js";
import { createSystemClock } from "../../lib/clock.js";
import { createMetrics } from "../../observability/metrics.js";
import { startLoopbackMetricsListener } from "../../observability/metrics-listener.js";
import { releaseStartUpMemory } from "../../observability/start-up-memory.js";
import { openDatabase } from "../../compose-stores.js";
import { EXIT, type ProcessCommandInput } from "../command.js";
import { parseModeArgs } from "./serve-startup.js";

/** Printed when the configuration names no PostgreSQL database. */
export const WORKER_NEEDS_POSTGRES =
  "a separate worker needs PostgreSQL (set database.url or DATABASE_URL); on PGlite the server runs the worker in-process.";

/** After the drain, the process exits even if a stray handle would keep it alive. */
const EXIT_AFTER_DRAIN_MILLISECONDS = 3000;

/** Resolves on the first SIGTERM or SIGINT; a second signal exits at once. */
function firstSignal(logger: pino.Logger): Promise<NodeJS.Signals> {
  const signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"];
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (received) {
        logger.warn({ signal }, "second signal: exiting now");
        process.exit(EXIT.failed);
      }
      received = true;
      resolve(signal);
    };
    for (const signal of signals) process.on(signal, onSignal);
  });
}

/** Polls the outbox until a signal, then lets the message in hand finish and closes the database. */
async function runWorker(config: Readonly<Config>, logger: pino.Logger): Promise<number> {
  const metrics = createMetrics({ clock: createSystemClock() });
  const handle = await openDatabase(config);
  const composed = await composeServices({ config, mode: "production", database: handle, logger, metrics }).catch(
    async (error: unknown) => {
      await handle.close();
      throw error;
    },
  );
  const closeMetrics = await startLoopbackMetricsListener(config.metrics.port, metrics, (error) =>
    logger.error({ err: error }, "metrics scrape failed"),
  ).catch(async (error: unknown) => {
    await composed.close();
    throw error;
  });
  releaseStartUpMemory();
  composed.worker.start();
  composed.housekeeper.start();
  logger.info({ instance: composed.instance }, "outbox worker running");
  const signal = await firstSignal(logger);
  logger.info({ signal }, "shutting down: finishing the message in hand");
  await closeMetrics?.();
  await composed.close();
  logger.info("stopped");
  return EXIT.ok;
}

/** `sandi worker`: see the module comment; returns the exit code. */
export async function run(input: ProcessCommandInput): Promise<number> {
  const { help } = parseModeArgs(input.args, false);
  if (help) {
    input.io.out("Usage: sandi worker");
    input.io.out("  Runs only the outbox worker (PostgreSQL only); set worker.inProcess: false on the servers.");
    return EXIT.ok;
  }
  const { config } = input;
  if (config.database.url === null) {
    input.io.err(`sandi worker: ${WORKER_NEEDS_POSTGRES}`);
    return EXIT.failed;
  }
  const logger = pino({ level: config.log.level, base: { pid: process.pid, component: "sandi-worker" } });
  let code: number;
  try {
    code = await runWorker(config, logger);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    input.io.err(`sandi worker: ${error.message}`);
    return EXIT.failed;
  }
  setTimeout(() => process.exit(code), EXIT_AFTER_DRAIN_MILLISECONDS).unref();
  return code;
}
