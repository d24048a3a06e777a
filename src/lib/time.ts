/** Instants a number of seconds away from another, as every lifetime, window and block in SPEC is given in seconds. */

/** The instant `seconds` after `instant`. */
export function secondsAfter(instant: Date, seconds: number): Date {
  return new Date(instant.getTime() + seconds * 1000);
}

/** The instant `seconds` before `instant`: the start of a window that ends at `instant`. */
export function secondsBefore(instant: Date, seconds: number): Date {
  return new Date(instant.getTime() - seconds * 1000);
}
