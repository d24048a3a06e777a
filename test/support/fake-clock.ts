/** A clock tests move by hand: nothing under test reads Date.now() for decisions. */
import type { Clock } from "../../src/lib/clock.js";

export interface FakeClock extends Clock {
  advanceSeconds(seconds: number): void;
  set(iso: string): void;
}

/** A fake clock starting at `iso`. */
export function createFakeClock(iso = "2026-11-26T08:00:00Z"): FakeClock {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    advanceSeconds: (seconds) => {
      current += seconds * 1000;
    },
    set: (next) => {
      current = new Date(next).getTime();
    },
  };
}
