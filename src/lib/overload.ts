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
 * About half a second of statements on PGlite (one connection, ~4 000 statements/s on two cores). 200 shed a fifth of
 * the benchmark's identify requests at 200 rps, 91% of the storage ceiling, which all succeeded (p99 1.9 s) without
 * shedding: below the ceiling a short burst must queue, and only a backlog that would keep growing is shed.
 */
export const DATABASE_BACKLOG_LIMIT = 2000;

/** Retry soon: a database backlog drains in well under a second once arrivals slow. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
