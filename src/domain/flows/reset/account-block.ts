/**
 * An account's SSPR block (SPEC §8.1) as every step sees it. A block stops the flows opened before it, not only the
 * ones started after: a second browser must not compare a code, send one, or write a password once the account is
 * blocked, and its reset must not clear the block.
 */
import type { AuditEvent } from "../../audit-events.js";
import { accountKey, blockReasonOf } from "../../policies/attempt-policy.js";
import type { ActiveBlock, ThrottleStore, TransactionStores } from "../../ports.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import type { ResetAction } from "./reset-states.js";
import { transition } from "./reset-transition.js";

/** An active block on the account: which counter set it and when it ends. */
export type AccountBlock = ActiveBlock;

/** The actions that compare, send or write: each is refused while the account is blocked. */
const ACTIONS_STOPPED_BY_A_BLOCK: ReadonlySet<ResetAction> = new Set(["submit_proof", "resend", "submit_password"]);

/** The keys a flow's account blocks live under: the typed ID's and, once resolved, the account's. */
export function accountBlockKeys(flow: ResetFlow): string[] {
  return [accountKey(null, flow.typedUserId), accountKey(flow.userRef, flow.typedUserId)];
}

/** The longest active block on the flow's account, or null. */
export function activeAccountBlock(throttles: ThrottleStore, flow: ResetFlow, now: Date): Promise<AccountBlock | null> {
  return throttles.activeBlock(accountBlockKeys(flow), now);
}

/** The flow ended by `block`, and the audit event saying why (a flow event: the block itself was audited when set). */
export function blockedFlow(
  flow: ResetFlow,
  block: AccountBlock,
  input: { action: ResetAction; now: Date },
): { flow: ResetFlow; event: AuditEvent } {
  const { now } = input;
  return {
    flow: transition(flow, input.action, "blocked", { endedAt: now, endReason: "blocked" }),
    event: flowProgressEvent(flow, `stopped_by_block:${blockReasonOf(block.counter)}`, "failure", now),
  };
}

/**
 * In a transaction: when the account is blocked, moves the flow to BLOCKED (if nobody changed it meanwhile) and
 * returns the block; null when the flow may go on.
 */
export async function endIfAccountBlocked(
  stores: TransactionStores,
  flow: ResetFlow,
  input: { action: ResetAction; now: Date },
): Promise<AccountBlock | null> {
  const block = await activeAccountBlock(stores.throttles, flow, input.now);
  if (block === null) return null;
  const ended = blockedFlow(flow, block, input);
  if (await stores.flows.saveIfVersion(ended.flow, flow.version)) await stores.audit.append([ended.event]);
  return block;
}

/**
 * The guard of flow-guard.ts: before an action that compares, sends or writes, a blocked account ends the flow.
 * True when it did; the caller answers as for any action the flow's state no longer allows, and the flow's page
 * then shows the block.
 */
export async function isStoppedByBlock(
  deps: Pick<ResetDeps, "throttles" | "unitOfWork">,
  flow: ResetFlow,
  input: { action: ResetAction; now: Date },
): Promise<boolean> {
  if (!ACTIONS_STOPPED_BY_A_BLOCK.has(input.action)) return false;
  // Read on the pool first: the common case, no block, costs one indexed read and no transaction.
  if ((await activeAccountBlock(deps.throttles, flow, input.now)) === null) return false;
  const block = await deps.unitOfWork.inTransaction((stores) => endIfAccountBlocked(stores, flow, input));
  return block !== null;
}
