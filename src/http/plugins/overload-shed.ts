/**
 * Sheds new requests while the database is far behind (issue 9, item 5): past `DATABASE_BACKLOG_LIMIT` statements
 * waiting for a connection, a new request is answered 503 with Retry-After at once, before it adds work, so the
 * requests already admitted finish in bounded time instead of every request waiting longer and longer.
 *
 * A backlog, not requests in flight: a request asleep in a response floor (a second at identify) holds nothing.
 */
import type { FastifyInstance } from "fastify";
import { OverloadError } from "../../lib/overload.js";

/**
 * About 50-100 ms of statements on PGlite (one connection, ~4 000 statements/s on two cores), so an admitted
 * identify (9 statements) stays well under a second; a closed-loop load of 50 connections stays below it.
 */
export const DATABASE_BACKLOG_LIMIT = 200;

/** Retry soon: a database backlog drains in well under a second once arrivals slow. */
const BACKLOG_RETRY_AFTER_SECONDS = 2;

/** Adds the shedding hook to a context; its error handler turns the OverloadError into the context's 503. */
export function shedOnDatabaseBacklog(
  app: FastifyInstance,
  backlog: () => number,
  limit = DATABASE_BACKLOG_LIMIT,
): void {
  app.addHook("onRequest", (_request, _reply, done) => {
    done(backlog() > limit ? new OverloadError("database backlog", BACKLOG_RETRY_AFTER_SECONDS) : undefined);
  });
}
