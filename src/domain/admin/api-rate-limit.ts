/**
 * The admin API's rate limits (ADR 0020, amended), on the shared throttle tables so each holds across every instance
 * on one database. T1 counts a token's requests in a rolling minute; past the limit the token is blocked for a minute.
 * T2 counts refused tokens (unknown, expired, revoked) per client IP; past its limit the IP is blocked and answered
 * 429 before any token it sends is looked up. While a block holds nothing more is recorded (a flood writes no rows),
 * and only the refusal that crossed the limit is audited, as "token.used_denied" with reason "rate_limited".
 * A corporate egress network (SPEC §8.2) gets ten times T2, as it does I1 and I2: one tool there with a stale token
 * would otherwise lock every other tool behind the same address out of the API.
 */
import { secondsAfter, secondsBefore } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import { corporateEgressFactor, ipKey } from "../policies/attempt-policy.js";
import type { CounterId, ThrottleStore, UnitOfWork } from "../ports.js";
import { type AdminActor, auditActorOf } from "./admin-actor.js";
import type { IpNetwork } from "../../lib/cidr.js";

/** 600 requests a minute per token, then a minute's wait. Why these numbers: ADR 0020, "Rate limit". */
export const ADMIN_API_RATE = { limit: 600, windowSeconds: 60, blockSeconds: 60 } as const;

/** 20 refused tokens per IP in 10 minutes, then 10 minutes of 429. Why: ADR 0020, "Refused tokens per IP". */
export const REFUSED_TOKENS_PER_IP = { limit: 20, windowSeconds: 600, blockSeconds: 600 } as const;

export type RateDeps = {
  readonly throttles: ThrottleStore;
  readonly unitOfWork: UnitOfWork;
  readonly clock: { now(): Date };
  readonly corporateEgressNetworks?: readonly IpNetwork[];
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

/** The T2 key of a client IP (IPv4 /32, IPv6 /64 as SPEC §8.2 keys IPs), under a prefix no other counter uses. */
export function refusedTokenKey(ip: string): string {
  return `api-token-ip:${ipKey(ip)}`;
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

interface Counting {
  readonly counter: CounterId;
  readonly key: string;
  readonly now: Date;
  readonly windowSeconds: number;
  readonly limit: number;
}

/**
 * Records one hit and counts the window in one statement under the key's lock (ADR 0013), so parallel requests count
 * one after another; while the key is blocked nothing is recorded.
 */
function countUnderLock(deps: RateDeps, counting: Counting) {
  const { counter, key, now, windowSeconds, limit } = counting;
  return deps.throttles.serialisedHitAndCount(
    { counter, key },
    {
      hits: [{ counter, key }],
      now,
      blockKeys: [key],
      skipHitsWhenBlocked: true,
      counted: { counter, key, since: secondsBefore(now, windowSeconds), atMost: limit + 1 },
    },
  );
}

/** Blocks the key until `until` and audits `event`, once: the rest of a parallel crossing finds the block. */
async function blockOnce(
  deps: RateDeps,
  block: { counter: CounterId; key: string; now: Date; until: Date },
  event: AuditEvent,
): Promise<RateDecision> {
  const { counter, key, now, until } = block;
  const held = await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.serialise(counter, key);
    const found = await stores.throttles.activeBlock([key], now);
    if (found !== null) return found.until;
    await stores.throttles.block(counter, key, until);
    await stores.audit.append([event]);
    return until;
  });
  return refused(held, now);
}

/** Counts one request of the token (the console and signed-in admins are not limited here) and decides. */
export async function admitApiRequest(deps: RateDeps, actor: AdminActor): Promise<RateDecision> {
  if (actor.type !== "token") return { admitted: true };
  const now = deps.clock.now();
  const key = apiTokenKey(actor.tokenId);
  const { limit, windowSeconds, blockSeconds } = ADMIN_API_RATE;
  const { block, count } = await countUnderLock(deps, { counter: "T1", key, now, windowSeconds, limit });
  if (block !== null) return refused(block.until, now);
  if (count <= limit) return { admitted: true };
  return blockOnce(deps, { counter: "T1", key, now, until: secondsAfter(now, blockSeconds) }, limitedEvent(actor, now));
}

/** While T2 holds for the IP the request is refused before its token is looked up, and nothing is recorded. */
export async function refusedTokenBlock(deps: RateDeps, ip: string): Promise<RateDecision> {
  const now = deps.clock.now();
  const block = await deps.throttles.activeBlock([refusedTokenKey(ip)], now);
  return block === null ? { admitted: true } : refused(block.until, now);
}

/**
 * Counts one refused token from the IP and audits it: `denial` while within the limit; the refusal that crosses it
 * blocks the IP and is the only one audited past it, with reason "rate_limited" (a guesser cannot fill the audit log).
 */
export async function countRefusedToken(deps: RateDeps, ip: string, denial: AuditEvent): Promise<RateDecision> {
  const now = deps.clock.now();
  const key = refusedTokenKey(ip);
  const { windowSeconds, blockSeconds } = REFUSED_TOKENS_PER_IP;
  const limit = REFUSED_TOKENS_PER_IP.limit * corporateEgressFactor(ip, deps.corporateEgressNetworks ?? []);
  const { block, count } = await countUnderLock(deps, { counter: "T2", key, now, windowSeconds, limit });
  if (block !== null) return refused(block.until, now);
  if (count <= limit) {
    await deps.unitOfWork.inTransaction((stores) => stores.audit.append([denial]));
    return { admitted: true };
  }
  const until = secondsAfter(now, blockSeconds);
  return blockOnce(deps, { counter: "T2", key, now, until }, { ...denial, reason: "rate_limited" });
}
