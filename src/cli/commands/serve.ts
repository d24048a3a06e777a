/** `sandi serve [--dev]`: the web server, the in-process outbox worker and (on PGlite) the control socket. */
import { EVENT_LOOP_LAG_LIMIT_MILLISECONDS } from "../../http/plugins/overload-shed.js";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { type Composed, composeServices } from "../../compose.js";
import { StartupError } from "../../compose-parts.js";
import type { Config } from "../../config/config.schema.js";
import { redactConfig } from "../../config/load-config.js";
import { buildApp } from "../../http/build-app.js";
import { createMetrics, type Metrics } from "../../observability/metrics.js";
import { startLoopbackMetricsListener } from "../../observability/metrics-listener.js";
import { releaseStartUpMemory } from "../../observability/start-up-memory.js";
import { serve } from "../../http/serve.js";
import { createSystemClock } from "../../lib/clock.js";
import { createArgon2idHasher, type SecretHasher } from "../../lib/crypto/argon2id.js";
import { createSecureRandom } from "../../lib/random.js";
import type { DatabaseHandle } from "../../store/connect.js";
import { EXIT, type ProcessCommandInput } from "../command.js";
import { controlSocketPath, startControlSocket } from "../control-socket.js";
import { dataDirectoryOf } from "../open-database.js";
import {
  configRefusal,
  devBanner,
  effectiveConfig,
  type Mode,
  openServerDatabase,
  parseModeArgs,
  prepareDatabase,
} from "./serve-startup.js";

/** After the drain, the process exits even if a stray handle would keep it alive. */
const EXIT_AFTER_DRAIN_MILLISECONDS = 3000;

type Closer = () => Promise<void>;

/** Pino for compose and the worker; the HTTP app makes its own at the same level. */
function createLogger(config: Readonly<Config>): pino.Logger {
  return pino({ level: config.log.level, base: { pid: process.pid, component: "sandi" } });
}

/** Starts the control socket on a PGlite data directory so other `sandi` commands run inside this process. */
async function startControl(
  input: ProcessCommandInput,
  config: Readonly<Config>,
  handle: DatabaseHandle,
  composed: Composed,
): Promise<Closer | null> {
  if (handle.engine !== "pglite") return null;
  const run = input.serverCommandRunner({ ...composed.commandServices, config });
  const socket = await startControlSocket({ path: controlSocketPath(dataDirectoryOf(config, input.io.cwd)), run });
  return () => socket.close();
}

/** Composes the services on the open database and builds the app; StartupError becomes a message. */
async function composeApp(
  config: Readonly<Config>,
  mode: Mode,
  handle: DatabaseHandle,
  logger: pino.Logger,
  hasher: SecretHasher,
): Promise<{ composed: Composed; app: FastifyInstance; metrics: Metrics }> {
  const metrics = createMetrics({ clock: createSystemClock() });
  const composed = await composeServices({
    config,
    mode,
    database: handle,
    alreadyMigrated: true,
    logger,
    metrics,
    hasher,
  });
  const app = await buildApp(composed.services, {
    mode,
    publicUrl: new URL(config.publicUrl),
    trustedProxies: config.trustedProxies,
    logger: { level: config.log.level },
    metricsToken: config.metrics.token,
    skipCaptcha: config.bench.skipCaptcha,
    eventLoopLagLimitMilliseconds: EVENT_LOOP_LAG_LIMIT_MILLISECONDS,
  });
  return { composed, app, metrics };
}

/** Runs everything after the database is ready; resolves with the exit code after the drain. */
async function runServer(
  input: ProcessCommandInput,
  config: Readonly<Config>,
  mode: Mode,
  handle: DatabaseHandle,
  banner: (port: number) => string[],
  hasher: SecretHasher,
): Promise<number> {
  const logger = createLogger(config);
  logger.info({ mode, configSource: input.configSource }, "starting Sandi");
  logger.debug({ config: redactConfig(config) }, "effective configuration");
  const { composed, app, metrics } = await composeApp(config, mode, handle, logger, hasher);
  const closers: Closer[] = [];
  try {
    if (config.worker.inProcess) {
      composed.worker.start();
      composed.housekeeper.start();
    }
    const control = await startControl(input, config, handle, composed);
    if (control !== null) closers.push(control);
    const metricsListener = await startLoopbackMetricsListener(config.metrics.port, metrics, (error) =>
      logger.error({ err: error }, "metrics scrape failed"),
    );
    if (metricsListener !== null) closers.push(metricsListener);
    await app.ready();
    releaseStartUpMemory();
    const running = await serve(app, {
      host: config.listen.host,
      port: config.listen.port,
      shutdownGraceMilliseconds: config.shutdownGraceMilliseconds,
      onShutdown: async () => {
        for (const close of closers) await close();
        await composed.close();
      },
    });
    for (const line of banner(running.port)) input.io.out(line);
    return await running.finished;
  } catch (error) {
    await app.close().catch(() => undefined);
    for (const close of closers) await close().catch(() => undefined);
    await composed.close().catch(() => undefined);
    throw error;
  }
}

/** The handle with a `close()` that runs once, however many owners call it. */
function closingOnce(handle: DatabaseHandle): DatabaseHandle {
  let closing: Promise<void> | null = null;
  return { ...handle, close: () => (closing ??= handle.close()) };
}

/** `sandi serve [--dev]`: see the module comment; returns the exit code. */
export async function run(input: ProcessCommandInput): Promise<number> {
  const { mode, help } = parseModeArgs(input.args, true);
  if (help) {
    input.io.out("Usage: sandi serve [--dev]");
    input.io.out("  --dev  development mode: 127.0.0.1 only, demo organisation, dev mailbox at /dev/outbox");
    return EXIT.ok;
  }
  const config = effectiveConfig(input.config, mode);
  const refusal = configRefusal(config, mode);
  if (refusal !== null) {
    input.io.err(`sandi serve: ${refusal}`);
    return EXIT.failed;
  }
  const opened = await openServerDatabase(config, input.io.cwd, input.io);
  if (opened === null) return EXIT.failed;
  const handle = closingOnce(opened);
  let code: number;
  try {
    // The process's one hasher: the demo seed, the services and the control socket share its limit.
    const hasher = createArgon2idHasher(config.argon2);
    const prepared = await prepareDatabase(handle, mode, {
      clock: createSystemClock(),
      random: createSecureRandom(),
      // Not a request: the seed waits for the hasher instead of failing when `argon2.maxWaiting` is small.
      hasher: hasher.patient,
    });
    if (!prepared.ok) {
      input.io.err(`sandi serve: ${prepared.message}`);
      await handle.close();
      return EXIT.failed;
    }
    const banner = (port: number): string[] => (mode === "development" ? devBanner(port, prepared.demo) : []);
    code = await runServer(input, config, mode, handle, banner, hasher);
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (!(error instanceof StartupError)) throw error;
    input.io.err(`sandi serve: ${error.message}`);
    return EXIT.failed;
  }
  setTimeout(() => process.exit(code), EXIT_AFTER_DRAIN_MILLISECONDS).unref();
  return code;
}
