/** Response floors: answer no earlier than a fixed time after the request began, plus jitter. A timer, not work. */
import { setTimeout as sleep } from "node:timers/promises";
import type { Random } from "./random.js";

export interface FloorSettings {
  readonly floorsMilliseconds: Readonly<Record<string, number>>;
  readonly jitterMilliseconds: number;
}

/** Observes each wait: how far past its scheduled time a response went (for the overrun metric). */
export type OverrunObserver = (kind: string, overrunMilliseconds: number) => void;

/** Waits until `startedAt + floor(kind) + jitter`; a floor of 0 turns it off. */
export function createResponseFloor(
  settings: FloorSettings,
  random: Random,
  onOverrun?: OverrunObserver,
): { waitUntil(startedAt: Date, kind: string): Promise<void> } {
  return {
    async waitUntil(startedAt, kind) {
      const floor = settings.floorsMilliseconds[kind] ?? 0;
      if (floor <= 0) return;
      const jitter = settings.jitterMilliseconds > 0 ? random.integerBelow(settings.jitterMilliseconds + 1) : 0;
      // The wait is a real timer, so it is measured against real time (Date.now(), not the injected clock): a fake
      // clock does not move while the timer sleeps. `startedAt` comes from the injected clock, the same as real time
      // in every process; a clock ahead of real time (a test's) must not stretch the wait past the floor itself.
      const deadline = startedAt.getTime() + floor + jitter;
      const remaining = Math.min(deadline - Date.now(), floor + jitter);
      if (remaining > 0) await sleep(remaining);
      onOverrun?.(kind, Math.max(0, Date.now() - deadline));
    },
  };
}
