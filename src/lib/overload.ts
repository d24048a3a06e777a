/**
 * Work refused because a bounded resource is full (the Argon2 queue, the embedded database's queue, the requests in
 * flight): the request did nothing lasting and may be retried, so pages and the API answer 503 with Retry-After
 * instead of 500.
 */
export class OverloadError extends Error {
  /** How long a client should wait before trying again, in whole seconds. */
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS) {
    super(message);
    this.name = "OverloadError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Long enough for a queue of Argon2 hashes or statements to drain, short enough that a person retries. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** True for an OverloadError, also one wrapped as the `cause` of another error (a failed transaction). */
export function isOverload(error: unknown): error is OverloadError {
  if (error instanceof OverloadError) return true;
  return error instanceof Error && error.cause instanceof OverloadError;
}

/** The OverloadError behind `error`, or null. */
export function overloadOf(error: unknown): OverloadError | null {
  if (error instanceof OverloadError) return error;
  if (error instanceof Error && error.cause instanceof OverloadError) return error.cause;
  return null;
}

/**
 * About 50-100 ms of statements on PGlite (one connection, ~4 000 statements/s on two cores), so an admitted
 * identify (9 statements) stays well under a second; a closed-loop load of 50 connections stays below it.
 */
export const DATABASE_BACKLOG_LIMIT = 200;

/** Retry soon: a database backlog drains in well under a second once arrivals slow. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
