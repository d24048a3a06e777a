/** Owns the socket: listens, and on SIGTERM/SIGINT drains (requests in flight, then `onShutdown`) and reports the exit code. */
import type { FastifyInstance } from "fastify";

export interface ServeOptions {
  readonly host: string;
  /** 0 picks a free port; `RunningServer.port` tells which. */
  readonly port: number;
  /** How long requests in flight get before their connections are cut, and `onShutdown` gets after that. */
  readonly shutdownGraceMilliseconds: number;
  /** Runs once the listener is closed: stop the worker, close the control socket and the database. */
  readonly onShutdown: () => Promise<void>;
  /** The signals that start a drain; default SIGTERM and SIGINT. */
  readonly signals?: readonly NodeJS.Signals[];
  /** A second signal during the drain calls this at once; default `process.exit`. */
  readonly exitNow?: (code: number) => void;
}

export interface RunningServer {
  /** The address it listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Settles with the exit code (0 after a clean drain) once a signal or `shutdown()` has drained everything. */
  readonly finished: Promise<number>;
  /** Drains as a signal would; calling it again returns the same drain. */
  shutdown(reason: string): Promise<number>;
}

/** Exit code when a drain failed or a second signal cut it short. */
const EXIT_FAILED = 1;
/** How often the drain closes connections that went idle. */
const IDLE_SWEEP_MILLISECONDS = 50;
/** `onShutdown` gets at least this long, even with a grace of 0. */
const MINIMUM_SHUTDOWN_MILLISECONDS = 1000;

/** Resolves with `work`'s result, or with `onTimeout()` once `milliseconds` pass first. */
async function within<T>(milliseconds: number, work: Promise<T>, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), milliseconds);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops accepting, lets requests in flight finish (cut after the grace), then runs `onShutdown`. */
async function drain(app: FastifyInstance, options: ServeOptions, reason: string): Promise<number> {
  const grace = options.shutdownGraceMilliseconds;
  app.log.info({ reason, graceMilliseconds: grace }, "shutting down: finishing requests in flight");
  let code = 0;
  const cutConnections = setTimeout(() => {
    app.log.warn(
      { graceMilliseconds: grace },
      "requests still in flight after the grace period: closing their connections",
    );
    app.server.closeAllConnections();
  }, grace);
  // A keep-alive connection whose request finishes during the drain would otherwise linger until its timeout.
  const closeIdle = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MILLISECONDS);
  try {
    await app.close();
  } catch (error) {
    app.log.error({ err: error }, "closing the HTTP server failed");
    code = EXIT_FAILED;
  } finally {
    clearTimeout(cutConnections);
    clearInterval(closeIdle);
  }
  const stopped = options.onShutdown().then(
    () => code,
    (error: unknown) => {
      app.log.error({ err: error }, "shutdown failed");
      return EXIT_FAILED;
    },
  );
  const exitCode = await within(Math.max(grace, MINIMUM_SHUTDOWN_MILLISECONDS), stopped, () => {
    app.log.error({ graceMilliseconds: grace }, "shutdown did not finish in time (worker or database still busy)");
    return EXIT_FAILED;
  });
  app.log.info({ exitCode }, "stopped");
  return exitCode;
}

/**
 * Listens on `host:port` and drains on the first SIGTERM or SIGINT; a second one exits at once.
 *
 * @example
 * const running = await serve(app, { host: "127.0.0.1", port: 8080, shutdownGraceMilliseconds: 10_000,
 *   onShutdown: () => composed.close() });
 * process.exitCode = await running.finished;
 */
export async function serve(app: FastifyInstance, options: ServeOptions): Promise<RunningServer> {
  // Fastify logs "Server listening at <url>" itself.
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${host}:${String(port)}`;
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  const exitNow = options.exitNow ?? ((code: number) => process.exit(code));
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let draining: Promise<number> | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining === null) {
      void shutdown(signal);
      return;
    }
    app.log.warn({ signal }, "second signal: exiting now");
    exitNow(EXIT_FAILED);
  };
  const shutdown = (reason: string): Promise<number> => {
    if (draining === null) {
      // Signals stay caught until the drain ends, so a second one means "now", not the default kill.
      draining = drain(app, options, reason).finally(() => {
        for (const signal of signals) process.off(signal, onSignal);
      });
      void draining.then(finish);
    }
    return draining;
  };
  for (const signal of signals) process.on(signal, onSignal);
  return {
    url,
    port,
    finished,
    shutdown,
  };
}
