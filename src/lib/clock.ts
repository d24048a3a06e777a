/** Time as a port: nothing under test reads Date.now() itself. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export function createSystemClock(): Clock {
  return { now: () => new Date() };
}
