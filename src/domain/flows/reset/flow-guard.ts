/** Loads a flow for a submission: found, handle valid, CSRF ok, not expired, action allowed in its state. */
import { toBase64url } from "../../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../../lib/crypto/constant-time-equal.js";
import { isSecretValid, parseSplitToken } from "../../../lib/crypto/split-token.js";
import { hmacSha256 } from "../../../lib/crypto/sha256.js";
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { isExpired, type ResetFlow } from "./reset-flow.js";
import { isActionAllowed, isTerminal, type ResetAction } from "./reset-states.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";
import { isStoppedByBlock } from "./account-block.js";

/** The form token bound to a flow: HMAC of its id, so a form from another flow or site is refused. */
export function csrfTokenFor(csrfKey: Uint8Array, flowId: string): string {
  return toBase64url(hmacSha256(csrfKey, `reset-flow-csrf:${flowId}`));
}

export function isCsrfValid(deps: Pick<ResetDeps, "csrfKey">, flow: ResetFlow, token: string): boolean {
  const expected = new TextEncoder().encode(csrfTokenFor(deps.csrfKey, flow.id));
  return constantTimeEqual(new TextEncoder().encode(token), expected);
}

/** The flow behind a handle, or null; the secret is compared in constant time. */
export async function findFlowByHandle(deps: ResetDeps, handle: string | undefined): Promise<ResetFlow | null> {
  const parsed = handle === undefined ? null : parseSplitToken(handle);
  if (parsed === null) return null;
  const flow = await deps.flows.findById(parsed.id);
  return flow !== null && isSecretValid(parsed.secret, flow.secretHash) ? flow : null;
}

/**
 * Moves a flow whose 15 minutes ran out to EXPIRED and records it as abandoned (SPEC §6.8). A state the table lets
 * nothing expire (WRITING: the directory write in hand finishes it) is left to whoever finishes it.
 */
export async function expireFlow(deps: ResetDeps, flow: ResetFlow, now: Date): Promise<void> {
  if (!isActionAllowed(flow.state, "expire")) return;
  const expired = transition(flow, "expire", "expired", { endedAt: now, endReason: `abandoned:${flow.state}` });
  await deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.flows.saveIfVersion(expired, flow.version))) return;
    await stores.audit.append([flowProgressEvent(flow, `abandoned_in:${flow.state}`, "failure", now)]);
  });
}

/**
 * Loads the flow a caller may act on with `action`. `blockChecked: "by_caller"` leaves the account block to the
 * caller, for a step that reads it under its own counter's lock anyway (a typed proof: admitCodeGuess), so the
 * common case pays for one read, not two; every other path of that caller must call `stopIfBlocked` itself.
 */
export async function loadForSubmission(
  deps: ResetDeps,
  caller: FlowCaller,
  action: ResetAction,
  options: { blockChecked?: "here" | "by_caller" } = {},
): Promise<Outcome<{ flow: ResetFlow; policy: SsprPolicy }, FlowFailure>> {
  const flow = await findFlowByHandle(deps, caller.handle);
  if (flow === null) return fail("flow_not_found");
  if (caller.csrf !== "api" && !isCsrfValid(deps, flow, caller.csrf.token)) return fail("csrf_invalid");
  const now = deps.clock.now();
  if (!isTerminal(flow.state) && isExpired(flow, now)) {
    await expireFlow(deps, flow, now);
    return fail("SND-212");
  }
  if (flow.state === "expired") return fail("SND-212");
  if (!isActionAllowed(flow.state, action)) return fail("action_not_allowed");
  if (options.blockChecked !== "by_caller") {
    const stopped = await stopIfBlocked(deps, flow, action);
    if (stopped !== null) return stopped;
  }
  return succeed({ flow, policy: await deps.currentPolicy() });
}

/**
 * A flow opened before its account was blocked stops too (SPEC §8.1): refused as an action its state no longer
 * allows, and its page then shows the block. Null when the flow may go on.
 */
export async function stopIfBlocked(
  deps: ResetDeps,
  flow: ResetFlow,
  action: ResetAction,
): Promise<{ ok: false; reason: "action_not_allowed" } | null> {
  return (await isStoppedByBlock(deps, flow, { action, now: deps.clock.now() }))
    ? { ok: false, reason: "action_not_allowed" }
    : null;
}
