/**
 * Sheds new requests while Sandi is far behind (issue 9, item 5), answering 503 with Retry-After at once, before
 * the request adds work, so the requests already admitted finish in bounded time instead of every request waiting
 * longer and longer:
 *
 * - the database is behind: more than `DATABASE_BACKLOG_LIMIT` statements wait for a connection;
 * - the process is behind: the event loop was late by more than `EVENT_LOOP_LAG_LIMIT_MILLISECONDS` on average over
 *   the last second (the CPU is the full resource, and requests wait before any handler sees them).
 *
 * Not requests in flight: a request asleep in a response floor (a second at identify) holds nothing.
 */
import type { FastifyInstance } from "fastify";
import { eventLoopLag } from "../../lib/event-loop-lag.js";
import { DATABASE_BACKLOG_LIMIT, DATABASE_RETRY_AFTER_SECONDS, OverloadError } from "../../lib/overload.js";

export { DATABASE_BACKLOG_LIMIT } from "../../lib/overload.js";

/**
 * Five times the mean lag measured at full load on PGlite (about 100 ms, docs/benchmarks.md), so a busy but coping
 * server never sheds; past it, each request already waits half a second before its handler runs.
 */
export const EVENT_LOOP_LAG_LIMIT_MILLISECONDS = 500;

const RETRY_AFTER_SECONDS = DATABASE_RETRY_AFTER_SECONDS;

/** Adds the shedding hook to a context; its error handler turns the OverloadError into the context's 503. */
export function shedWhenBehind(
  app: FastifyInstance,
  databaseBacklog: () => number,
  eventLoopLagLimitMilliseconds: number | null,
): void {
  // Off where the caller says so: tests share their process's event loop with their own synchronous set-up.
  const lag = eventLoopLagLimitMilliseconds === null ? null : eventLoopLag();
  const limit = eventLoopLagLimitMilliseconds ?? Number.POSITIVE_INFINITY;
  app.addHook("onRequest", (_request, _reply, done) => {
    if (databaseBacklog() > DATABASE_BACKLOG_LIMIT) done(new OverloadError("database backlog", RETRY_AFTER_SECONDS));
    else if (lag !== null && lag.lastMeanMilliseconds() > limit)
      done(new OverloadError("event loop behind", RETRY_AFTER_SECONDS));
    else done();
  });
}
