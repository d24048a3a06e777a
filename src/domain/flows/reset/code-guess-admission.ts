/**
 * A1 for typed codes, decided before the comparison (ADR 0013). Each typed code takes a provisional A1 failure under
 * the account key's lock and is compared only while the count stays within the limit, so parallel guesses stop at
 * the limit instead of all being compared before any is counted. A right code takes its failure back, as a typed
 * contact value's is taken back (ADR 0009).
 */
import { secondsAfter, secondsBefore } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import { ACCOUNT_LIMITS, accountKey } from "../../policies/attempt-policy.js";
import type { ThrottleStore, TransactionStores } from "../../ports.js";
import { type AccountBlock, accountBlockKeys, activeAccountBlock, blockedFlow } from "./account-block.js";
import { blockedEvent } from "./gate-throttles.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

const A1 = ACCOUNT_LIMITS.A1;

/** The A1 block on the account: the one already there, or a new one from `now` (true when this call set it). */
async function blockA1(
  throttles: ThrottleStore,
  flow: ResetFlow,
  now: Date,
): Promise<{ block: AccountBlock; isNew: boolean }> {
  const existing = await activeAccountBlock(throttles, flow, now);
  if (existing !== null) return { block: existing, isNew: false };
  const until = secondsAfter(now, A1.blockSeconds);
  await throttles.block("A1", accountKey(flow.userRef, flow.typedUserId), until);
  return { block: { counter: "A1", until }, isNew: true };
}

/** Ends the flow under `block`, with the block's own event when this request set it. */
async function endBlocked(
  stores: TransactionStores,
  flow: ResetFlow,
  blocked: { block: AccountBlock; isNew: boolean },
  now: Date,
): Promise<void> {
  const ended = blockedFlow(flow, blocked.block, { action: "submit_proof", now });
  const events: AuditEvent[] = blocked.isNew ? [blockedEvent(flow, "A1", now)] : [ended.event];
  if (await stores.flows.saveIfVersion(ended.flow, flow.version)) await stores.audit.append(events);
}

/** Why a typed proof may not be checked: the block that ends the flow, and whether it was set before this guess. */
export interface GuessRefusal {
  readonly block: AccountBlock;
  readonly alreadySet: boolean;
}

/** A guess that may be checked, with the account's A1 count including its own provisional failure. */
export interface GuessAdmitted {
  readonly a1Count: number;
}

/**
 * Takes the provisional A1 failure of one typed code and, for the methods SPEC §8.1 counts in A2 (app codes, answer
 * sets, passkeys, recovery codes), its A2 hit, passed or not. Returns the admitted guess when the proof may be
 * checked; otherwise the block that ends the flow, the flow ended: `alreadySet` when the account was blocked before
 * this guess (the flow guard leaves that check to this read, under the lock), else the block this guess set by going
 * past a limit. Each count is one statement under its key's lock (`serialisedHitAndCount`); only a block, the rare
 * path, opens a transaction.
 */
export async function admitCodeGuess(
  deps: Pick<ResetDeps, "unitOfWork" | "throttles">,
  flow: ResetFlow,
  now: Date,
  checkCounter: "A2" | null = null,
): Promise<GuessAdmitted | GuessRefusal> {
  const key = accountKey(flow.userRef, flow.typedUserId);
  const { block: existing, count } = await deps.throttles.serialisedHitAndCount(
    { counter: "A1", key },
    {
      hits: [{ counter: "A1", key }],
      now,
      blockKeys: accountBlockKeys(flow),
      skipHitsWhenBlocked: true,
      counted: { counter: "A1", key, since: secondsBefore(now, A1.windowSeconds), atMost: A1.limit + 1 },
    },
  );
  if (existing !== null) {
    await deps.unitOfWork.inTransaction((stores) => endBlocked(stores, flow, { block: existing, isNew: false }, now));
    return { block: existing, alreadySet: true };
  }
  if (count > A1.limit)
    return deps.unitOfWork.inTransaction(async (stores) => {
      await stores.throttles.serialise("A1", key);
      const blocked = await blockA1(stores.throttles, flow, now);
      await endBlocked(stores, flow, blocked, now);
      return { block: blocked.block, alreadySet: false };
    });
  if (checkCounter === null) return { a1Count: count };
  const validationBlock = await admitValidation(deps, flow, now);
  return validationBlock === null ? { a1Count: count } : { block: validationBlock, alreadySet: false };
}

/** A2: one more validation, judged while at most the limit; the one past it blocks the account (SND-302). */
async function admitValidation(
  deps: Pick<ResetDeps, "unitOfWork" | "throttles">,
  flow: ResetFlow,
  now: Date,
): Promise<AccountBlock | null> {
  const key = accountKey(flow.userRef, flow.typedUserId);
  const rule = ACCOUNT_LIMITS.A2;
  const { count } = await deps.throttles.serialisedHitAndCount(
    { counter: "A2", key },
    {
      hits: [{ counter: "A2", key }],
      now,
      blockKeys: [key],
      skipHitsWhenBlocked: false,
      counted: { counter: "A2", key, since: secondsBefore(now, rule.windowSeconds), atMost: rule.limit + 1 },
    },
  );
  if (count <= rule.limit) return null;
  const block: AccountBlock = { counter: "A2", until: secondsAfter(now, rule.blockSeconds) };
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.block("A2", key, block.until);
    const ended = blockedFlow(flow, block, { action: "submit_proof", now });
    if (await stores.flows.saveIfVersion(ended.flow, flow.version))
      await stores.audit.append([blockedEvent(flow, "A2", now)]);
  });
  return block;
}

/**
 * Whether a wrong guess must decide a block after its comparison: only when its admission count reached the limit.
 * Admissions on one account are serialised, so their counts rise one by one; of guesses that take the count to the
 * limit, the one whose admission reached it decides (a later one would have been refused at admission), and a
 * guess admitted below the limit can never be the one that reaches it.
 */
export function mustDecideWrongGuess(admitted: GuessAdmitted): boolean {
  return admitted.a1Count >= A1.limit;
}

/**
 * After a wrong code, in the transaction that records it: the provisional failure stays, and when the account has
 * reached the limit it is blocked. Returns the block and the events to append (sspr.blocked only when this
 * call set the block); null while under the limit.
 */
export async function decideWrongGuess(
  throttles: ThrottleStore,
  flow: ResetFlow,
  now: Date,
): Promise<{ block: AccountBlock; events: AuditEvent[] } | null> {
  const key = accountKey(flow.userRef, flow.typedUserId);
  await throttles.serialise("A1", key);
  const since = secondsBefore(now, A1.windowSeconds);
  if ((await throttles.count("A1", key, since, A1.limit)) < A1.limit) return null;
  const blocked = await blockA1(throttles, flow, now);
  return { block: blocked.block, events: blocked.isNew ? [blockedEvent(flow, "A1", now)] : [] };
}

/**
 * A right code: its provisional failure is taken back (in the transaction that passes the gate), with any other
 * provisional failures of the same gate (`hits` in all), in one statement.
 */
export function takeBackGuess(throttles: ThrottleStore, flow: ResetFlow, hits = 1): Promise<void> {
  return throttles.removeNewestHit("A1", accountKey(flow.userRef, flow.typedUserId), hits);
}
