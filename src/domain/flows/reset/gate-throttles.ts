/** The counters a gate step touches: A1 failures and blocks, and the send limits A3, I2 and R1. */
import { secondsAfter, secondsBefore } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import {
  ACCOUNT_LIMITS,
  type AccountCounter,
  accountKey,
  CODES_PER_IP,
  CODES_PER_RECIPIENT,
  ipKey,
} from "../../policies/attempt-policy.js";
import type { ThrottleStore } from "../../ports.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";

/** Hits an account counter; when it overflows, blocks the account key and returns the block's end. */
export async function hitAccountCounter(
  throttles: ThrottleStore,
  counter: AccountCounter,
  flow: ResetFlow,
  now: Date,
): Promise<Date | null> {
  const key = accountKey(flow.userRef, flow.typedUserId);
  const rule = ACCOUNT_LIMITS[counter];
  await throttles.hit(counter, key, now);
  const since = secondsBefore(now, rule.windowSeconds);
  if ((await throttles.count(counter, key, since)) < rule.limit) return null;
  const until = secondsAfter(now, rule.blockSeconds);
  await throttles.block(counter, key, until);
  return until;
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
 * this IP: SPEC's, or ten times it inside a corporate egress network (see ipLimitsFor).
 */
export async function sendLimitReached(
  throttles: ThrottleStore,
  input: { ip: string; recipient: string; now: Date; ipLimit: typeof CODES_PER_IP },
): Promise<"I2" | "R1" | null> {
  const { now, ipLimit } = input;
  const ipSince = secondsBefore(now, ipLimit.windowSeconds);
  if ((await throttles.count("I2", ipKey(input.ip), ipSince, ipLimit.limit)) >= ipLimit.limit) return "I2";
  for (const window of CODES_PER_RECIPIENT) {
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
