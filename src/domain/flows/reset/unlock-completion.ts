/**
 * The ends of UNLOCKING (SPEC §6.8): DONE_UNLOCK with SPEC §9.1's "self-service unlock" row and A4, NOT_LOCKED, or
 * FAILED with the reason the re-run checks gave (an admin lock is SND-411: self-service never lifts it).
 */
import type { AuditEvent } from "../../audit-events.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../ports.js";
import { commitCompletion } from "./completion-transaction.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";
import { saveStep } from "./save-step.js";

/** SPEC §11.1's "Unlock account (self-service)" event for `flow`: success, or failure with its SND- code. */
export function unlockEvent(flow: ResetFlow, result: "success" | "failure", reason: string, now: Date): AuditEvent {
  return { ...flowProgressEvent(flow, reason, result, now), activity: "account.unlock.self" };
}

/**
 * UNLOCKING → DONE_UNLOCK in one transaction, once the directory's own lock (if any) is lifted: Sandi's sign-in lockout
 * and A1–A3 cleared, the user's other flows cancelled and their codes voided, sessions kept, no notice (SPEC §8.4,
 * §9.1), and A4 counted under its lock as a reset counts it. Null when another request won.
 */
export async function completeUnlock(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; user: UserAccount; caller: FlowCaller },
): Promise<ResetFlow | null> {
  const { flow } = input;
  const now = deps.clock.now();
  const done = transition(flow, "finish_unlock", "done_unlock", { endedAt: now, endReason: "succeeded:unlock" });
  // The "self_unlock" row sends no notice; the switch is passed as a reset passes it, should the row gain one.
  return commitCompletion(deps, {
    ...input,
    now,
    done,
    cause: "self_unlock",
    passwordChosen: false,
    events: () => [
      flowProgressEvent(flow, "succeeded:unlock", "success", now),
      unlockEvent(flow, "success", "unlock", now),
    ],
  });
}

/** UNLOCKING → NOT_LOCKED: nothing to lift; the page offers "Reset my password instead" and "Finish". */
export async function recordNotLocked(deps: ResetDeps, flow: ResetFlow): Promise<ResetFlow | null> {
  const now = deps.clock.now();
  const next = transition(flow, "finish_unlock", "not_locked");
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, "not_locked", "success", now)]),
  );
  return saved ? next : null;
}

/** UNLOCKING → FAILED: the account no longer passes checks 4–9 (SND-411 for an admin lock), shown plainly. */
export async function endUnlockIneligible(deps: ResetDeps, flow: ResetFlow, reason: string): Promise<ResetFlow | null> {
  const now = deps.clock.now();
  const next = transition(flow, "finish_unlock", "failed", { endedAt: now, endReason: `ineligible:${reason}` });
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([
      flowProgressEvent(flow, `ineligible:${reason}`, "failure", now),
      unlockEvent(flow, "failure", reason, now),
    ]),
  );
  return saved ? next : null;
}
