/**
 * An account's SSPR counters A1–A4 as they stand, and its longest active block: what the admin user page and
 * "Diagnose this user" both show, read one way so the two never disagree. The block is looked up under both keys an
 * account's blocks live under (its ref's, and its typed ID's from before the ID resolved), as the reset checks it.
 */
import { secondsBefore } from "../lib/time.js";
import { ACCOUNT_LIMITS, type AccountCounter, accountKey } from "./policies/attempt-policy.js";
import type { ActiveBlock, ThrottleStore } from "./ports.js";

export const SSPR_COUNTERS: readonly AccountCounter[] = ["A1", "A2", "A3", "A4"];

/** One account counter as it stands: hits inside its window, and the newest hit. */
export interface CounterReading {
  readonly counter: AccountCounter;
  readonly hits: number;
  readonly lastHit: Date | null;
}

/** Reads every counter of the account, and its block, at `now`. */
export async function readAccountCounters(
  throttles: ThrottleStore,
  user: { readonly ref: string; readonly userId: string },
  now: Date,
): Promise<{ counters: CounterReading[]; block: ActiveBlock | null }> {
  const key = accountKey(user.ref, user.userId);
  const [counters, block] = await Promise.all([
    Promise.all(
      SSPR_COUNTERS.map(async (counter) => {
        const since = secondsBefore(now, ACCOUNT_LIMITS[counter].windowSeconds);
        const [hits, lastHit] = await Promise.all([
          throttles.count(counter, key, since),
          throttles.lastHit(counter, key),
        ]);
        return { counter, hits, lastHit };
      }),
    ),
    throttles.activeBlock([key, accountKey(null, user.userId)], now),
  ]);
  return { counters, block };
}
