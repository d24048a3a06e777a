/**
 * The counters a registration or step-up send and check touch (SPEC §8.1–8.2, issue 10 item 8): A2 (phone, app,
 * question and recovery-code validations), A3 (email codes), I2 (codes per IP), R1 (per address), R2 (per number,
 * texts and calls apart), O1 (the organisation's texts plus calls). Keys are taken in ADR 0013's order (A2 first,
 * then I2, R1/R2, O1, A3), each under its lock inside the caller's transaction.
 */
import { secondsAfter, secondsBefore } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import {
  ACCOUNT_LIMITS,
  type AccountCounter,
  accountKey,
  HOUR_SECONDS,
  ipKey,
  ORGANISATION_KEY,
} from "../policies/attempt-policy.js";
import {
  type CountWindow,
  emailRecipientWindows,
  type FloodSettings,
  phoneRecipientWindows,
} from "../policies/flood-limits.js";
import type { ThrottleStore } from "../ports.js";
import type { SecurityInfoCaller } from "./security-info-deps.js";

/** Counts one hit on the caller's account counter under its lock; the block's end when this reached the limit. */
export async function hitOwnAccountCounter(
  throttles: ThrottleStore,
  counter: AccountCounter,
  caller: Pick<SecurityInfoCaller, "user" | "ip" | "client">,
  now: Date,
): Promise<{ until: Date; events: AuditEvent[] } | null> {
  const key = accountKey(caller.user.ref, caller.user.userId);
  await throttles.serialise(counter, key);
  const rule = ACCOUNT_LIMITS[counter];
  const { block, count } = await throttles.hitAndCount({
    hits: [{ counter, key }],
    now,
    blockKeys: [key],
    skipHitsWhenBlocked: true,
    counted: { counter, key, since: secondsBefore(now, rule.windowSeconds), atMost: rule.limit },
  });
  if (block !== null) return { until: block.until, events: [] };
  if (count < rule.limit) return null;
  const until = secondsAfter(now, rule.blockSeconds);
  await throttles.block(counter, key, until);
  const event: AuditEvent = {
    activity: "sspr.blocked",
    result: "success",
    reason: `blocked:${rule.reason}`,
    actor: { type: "user", id: caller.user.ref, userId: caller.user.userId },
    target: { ref: caller.user.ref, userId: caller.user.userId },
    ip: caller.ip,
    client: caller.client,
    time: now,
  };
  return { until, events: [event] };
}

/** The account's active block (any of A1–A4), or null. */
export async function ownAccountBlock(
  throttles: ThrottleStore,
  caller: Pick<SecurityInfoCaller, "user">,
  now: Date,
): Promise<Date | null> {
  const block = await throttles.activeBlock([accountKey(caller.user.ref, caller.user.userId)], now);
  return block?.until ?? null;
}

export type SendChannel = "email" | "sms" | "voice";

/** The recipient counter, key and the policy's windows of a send: R1 for addresses, R2 for numbers (texts and calls apart). */
function recipientOf(
  channel: SendChannel,
  target: string,
  flood: FloodSettings,
): { counter: "R1" | "R2"; key: string; windows: readonly CountWindow[] } {
  if (channel === "email") return { counter: "R1", key: `r:${target}`, windows: emailRecipientWindows(flood) };
  return { counter: "R2", key: `${channel}:${target}`, windows: phoneRecipientWindows(flood) };
}

/**
 * Why a code message must be dropped silently (I2, R1/R2, O1), or null to send it and count it. The caller holds a
 * transaction; the locks last until it ends, so the count and the send are one step.
 */
export async function decideSend(
  throttles: ThrottleStore,
  input: {
    ip: string;
    ipLimit: { limit: number; windowSeconds: number };
    channel: SendChannel;
    target: string;
    /** The policy's R1, R2 and O1 counts (SPEC §8.2: settable). */
    flood: FloodSettings;
    now: Date;
  },
): Promise<"I2" | "R1" | "R2" | "O1" | null> {
  const { now } = input;
  const ip = ipKey(input.ip);
  await throttles.serialise("I2", ip);
  if (
    (await throttles.count("I2", ip, secondsBefore(now, input.ipLimit.windowSeconds), input.ipLimit.limit)) >=
    input.ipLimit.limit
  )
    return "I2";
  const dropped = await decideRecipientSend(throttles, input);
  if (dropped !== null) return dropped;
  await throttles.hit("I2", ip, now);
  return null;
}

/**
 * The recipient's and the organisation's part of `decideSend` (R1/R2, O1), for sends no client IP triggers (a
 * helpdesk verifying a caller): why the message must be dropped, or null after counting it. Locks in ADR 0013's order.
 */
export async function decideRecipientSend(
  throttles: ThrottleStore,
  input: { channel: SendChannel; target: string; flood: FloodSettings; now: Date },
): Promise<"R1" | "R2" | "O1" | null> {
  const { now, channel, target } = input;
  const recipient = recipientOf(channel, target, input.flood);
  const orgPerHour = input.flood.phoneMessagesPerHour;
  await throttles.serialise(recipient.counter, recipient.key);
  if (channel !== "email") await throttles.serialise("O1", ORGANISATION_KEY);
  for (const window of recipient.windows)
    if (
      (await throttles.count(
        recipient.counter,
        recipient.key,
        secondsBefore(now, window.windowSeconds),
        window.limit,
      )) >= window.limit
    )
      return recipient.counter;
  if (channel !== "email") {
    const sent = await throttles.count("O1", ORGANISATION_KEY, secondsBefore(now, HOUR_SECONDS), orgPerHour);
    if (sent >= orgPerHour) return "O1";
  }
  await throttles.hit(recipient.counter, recipient.key, now);
  if (channel !== "email") await throttles.hit("O1", ORGANISATION_KEY, now);
  return null;
}
