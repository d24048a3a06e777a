/**
 * The contact form's limits (SPEC §6.9): H1, 3 messages per IP per hour, and H2, 1 per typed (normalised) user ID
 * per hour, whether the ID exists or not, so a limit tells nothing about the account. Count-and-decide under both
 * keys' locks, taken H1 then H2 (ADR 0013), inside the transaction that queues the emails: parallel posts are
 * counted one after another and exactly the limit gets through.
 */
import { secondsAfter, secondsBefore } from "../../lib/time.js";
import { HELPDESK_MESSAGES, ipKey } from "../policies/attempt-policy.js";
import type { ThrottleStore } from "../ports.js";

type HelpdeskCounter = keyof typeof HELPDESK_MESSAGES;

/** A refusal: which limit, and when a message from this IP and ID will be taken again. */
export interface HelpdeskLimitReached {
  readonly counter: HelpdeskCounter;
  readonly until: Date;
}

/** The key of a typed user ID; prefixed apart from the account counters' keys, which blocks are read by. */
function typedIdKey(userId: string): string {
  return `helpdesk:${userId}`;
}

function keysOf(ip: string, userId: string): Readonly<Record<HelpdeskCounter, string>> {
  return { H1: ipKey(ip), H2: typedIdKey(userId) };
}

/**
 * When the counter will take another message: the newest hit's hour ends then. That is exact for H2 (limit 1) and,
 * for H1, the latest moment the oldest counted hit can leave the window, so the time the page gives always works.
 */
async function reachedUntil(throttles: ThrottleStore, counter: HelpdeskCounter, key: string, now: Date): Promise<Date> {
  const last = (await throttles.lastHit(counter, key)) ?? now;
  return secondsAfter(last, HELPDESK_MESSAGES[counter].windowSeconds);
}

/**
 * Holds both keys, then counts: over a limit, says until when (nothing is recorded: a refused post is no message);
 * otherwise records one hit on each and returns null. Call inside `UnitOfWork.inTransaction`.
 */
export async function admitHelpdeskMessage(
  throttles: ThrottleStore,
  input: { readonly ip: string; readonly userId: string; readonly now: Date },
): Promise<HelpdeskLimitReached | null> {
  const keys = keysOf(input.ip, input.userId);
  const counters: readonly HelpdeskCounter[] = ["H1", "H2"];
  for (const counter of counters) await throttles.serialise(counter, keys[counter]);
  for (const counter of counters) {
    const rule = HELPDESK_MESSAGES[counter];
    const since = secondsBefore(input.now, rule.windowSeconds);
    const count = await throttles.count(counter, keys[counter], since, rule.limit);
    if (count >= rule.limit)
      return { counter, until: await reachedUntil(throttles, counter, keys[counter], input.now) };
  }
  for (const counter of counters) await throttles.hit(counter, keys[counter], input.now);
  return null;
}
