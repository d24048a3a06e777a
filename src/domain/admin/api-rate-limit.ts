/**
 * The admin API's rate limit per token (ADR 0020, amended): T1 counts a token's requests in a rolling minute on the
 * shared throttle tables, so the limit holds across every instance on one database. Past the limit the token is
 * blocked for a minute; while the block holds nothing more is recorded (a flood writes no rows), and the first
 * refusal is audited as "token.used_denied" with reason "rate_limited".
 */
import { secondsAfter, secondsBefore } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import type { ThrottleStore, UnitOfWork } from "../ports.js";
import { type AdminActor, auditActorOf } from "./admin-actor.js";

/** 600 requests a minute per token, then a minute's wait. Why these numbers: ADR 0020, "Rate limit". */
export const ADMIN_API_RATE = { limit: 600, windowSeconds: 60, blockSeconds: 60 } as const;

export type RateDeps = {
  readonly throttles: ThrottleStore;
  readonly unitOfWork: UnitOfWork;
  readonly clock: { now(): Date };
};

/** Admitted, or refused until `until` (Retry-After: whole seconds, rounded up, at least 1). */
export type RateDecision =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly until: Date; readonly retryAfterSeconds: number };

function refused(until: Date, now: Date): RateDecision {
  return {
    admitted: false,
    until,
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  };
}

/** The T1 key of a token; its own prefix, since blocks are found by key whatever their counter. */
export function apiTokenKey(tokenId: string): string {
  return `api-token:${tokenId}`;
}

function limitedEvent(actor: AdminActor, now: Date): AuditEvent {
  return {
    activity: "token.used_denied",
    result: "failure",
    reason: "rate_limited",
    ...auditActorOf(actor),
    time: now,
  };
}

/** Counts one request of the token (the console and signed-in admins are not limited here) and decides. */
export async function admitApiRequest(deps: RateDeps, actor: AdminActor): Promise<RateDecision> {
  if (actor.type !== "token") return { admitted: true };
  const now = deps.clock.now();
  const key = apiTokenKey(actor.tokenId);
  const { limit, windowSeconds, blockSeconds } = ADMIN_API_RATE;
  // One statement under the key's lock (ADR 0013): parallel requests of one token count one after another.
  const { block, count } = await deps.throttles.serialisedHitAndCount(
    { counter: "T1", key },
    {
      hits: [{ counter: "T1", key }],
      now,
      blockKeys: [key],
      skipHitsWhenBlocked: true,
      counted: { counter: "T1", key, since: secondsBefore(now, windowSeconds), atMost: limit + 1 },
    },
  );
  if (block !== null) return refused(block.until, now);
  if (count <= limit) return { admitted: true };
  const until = secondsAfter(now, blockSeconds);
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.serialise("T1", key);
    // Parallel requests may all cross the line: the first to get here blocks and audits, the rest find its block.
    if ((await stores.throttles.activeBlock([key], now)) !== null) return;
    await stores.throttles.block("T1", key, until);
    await stores.audit.append([limitedEvent(actor, now)]);
  });
  return refused(until, now);
}
