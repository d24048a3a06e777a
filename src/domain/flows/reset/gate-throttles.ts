/**
 * The counters a gate step touches: A1 failures and blocks, A2 for texts and calls, and the send limits A3, I2 and
 * R1 (texts and calls: R2 and O1, through registration's decideSend). Each count-and-decide runs in a transaction
 * under its key's lock (ThrottleStore.serialise), so parallel requests on PostgreSQL count one after another
 * (ADR 0013). Keys are taken in one order in every transaction — A1, A2, I2, R1/R2, O1, A3, A4 — so two holders
 * never wait on each other.
 */
import { secondsAfter, secondsBefore } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import { ACCOUNT_LIMITS, type AccountCounter, accountKey, CODES_PER_IP, ipKey } from "../../policies/attempt-policy.js";
import type { CountWindow } from "../../policies/flood-limits.js";
import type { ThrottleStore } from "../../ports.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";

/** What a hit on an account counter decided: the block's end, and its sspr.blocked event when this hit set it. */
export interface AccountCounterBlock {
  readonly until: Date;
  readonly events: AuditEvent[];
}

/**
 * Counts one hit on an account counter and decides on it under the key's lock; when it reaches the limit, blocks the
 * account key. Returns the block, or null while under the limit. An account already blocked keeps its block and gets
 * no second event, so parallel requests past the limit audit the block once. Inside a transaction
 * (see ThrottleStore.serialise).
 */
export async function hitAccountCounter(
  throttles: ThrottleStore,
  counter: AccountCounter,
  flow: ResetFlow,
  now: Date,
): Promise<AccountCounterBlock | null> {
  const key = accountKey(flow.userRef, flow.typedUserId);
  const rule = ACCOUNT_LIMITS[counter];
  // The lock and the count in one statement; the lock stays held until the enclosing transaction ends.
  const { block: existing, count } = await throttles.serialisedHitAndCount(
    { counter, key },
    {
      hits: [{ counter, key }],
      now,
      blockKeys: [key],
      skipHitsWhenBlocked: false,
      counted: { counter, key, since: secondsBefore(now, rule.windowSeconds), atMost: rule.limit },
    },
  );
  if (count < rule.limit) return null;
  if (existing !== null) return { until: existing.until, events: [] };
  const until = secondsAfter(now, rule.blockSeconds);
  await throttles.block(counter, key, until);
  return { until, events: [blockedEvent(flow, counter, now)] };
}

/** The audit event of a block (SPEC §8.1: "Blocked from SSPR", naming the counter). */
export function blockedEvent(flow: ResetFlow, counter: AccountCounter, now: Date): AuditEvent {
  return {
    ...flowProgressEvent(flow, `blocked:${ACCOUNT_LIMITS[counter].reason}`, "success", now),
    activity: "sspr.blocked",
  };
}

/**
 * Why a code message must be dropped silently (I2 per IP, R1 per recipient), or null to send it. `ipLimit` is I2 for
 * this IP: the policy's, or ten times it inside a corporate egress network (see ipLimitsFor); `recipientWindows` are
 * R1's from the policy (flood-limits.ts).
 */
export async function sendLimitReached(
  throttles: ThrottleStore,
  input: {
    ip: string;
    recipient: string;
    now: Date;
    ipLimit: typeof CODES_PER_IP;
    recipientWindows: readonly CountWindow[];
  },
): Promise<"I2" | "R1" | null> {
  const { now, ipLimit } = input;
  // Held until the code is counted (countCodeSent) in the same transaction: the count and the send are one step.
  await throttles.serialise("I2", ipKey(input.ip));
  await throttles.serialise("R1", `r:${input.recipient}`);
  const ipSince = secondsBefore(now, ipLimit.windowSeconds);
  if ((await throttles.count("I2", ipKey(input.ip), ipSince, ipLimit.limit)) >= ipLimit.limit) return "I2";
  for (const window of input.recipientWindows) {
    const since = secondsBefore(now, window.windowSeconds);
    if ((await throttles.count("R1", `r:${input.recipient}`, since)) >= window.limit) return "R1";
  }
  return null;
}

/** Counts one sent code against I2 and R1. */
export async function countCodeSent(throttles: ThrottleStore, ip: string, recipient: string, now: Date): Promise<void> {
  await throttles.hit("I2", ipKey(ip), now);
  await throttles.hit("R1", `r:${recipient}`, now);
}
