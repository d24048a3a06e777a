/** Returned values for failures a user can cause; the compiler checks each one is handled. */
export type Outcome<T, R extends string> = { ok: true; value: T } | { ok: false; reason: R };

/** A success carrying `value`. */
export function succeed<T>(value: T): Outcome<T, never> {
  return { ok: true, value };
}

/** A failure carrying `reason`. */
export function fail<R extends string>(reason: R): Outcome<never, R> {
  return { ok: false, reason };
}
