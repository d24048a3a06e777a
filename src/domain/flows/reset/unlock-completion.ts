/**
 * The ends of UNLOCKING (SPEC §6.8): DONE_UNLOCK with SPEC §9.1's "self-service unlock" row and A4, NOT_LOCKED, or
 * FAILED with the reason the re-run checks gave (an admin lock is SND-411: self-service never lifts it).
 */
import type { AuditEvent } from "../../audit-events.js";
import { accountKey } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../ports.js";
import { applySecurityEffects } from "../../security-effects.js";
import { hitAccountCounter } from "./gate-throttles.js";
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
  const { flow, policy, user, caller } = input;
  const now = deps.clock.now();
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const organisation = await deps.organisation();
  const done = transition(flow, "finish_unlock", "done_unlock", { endedAt: now, endReason: "succeeded:unlock" });
  return deps.unitOfWork.inTransaction(async (stores): Promise<ResetFlow | null> => {
    await stores.throttles.serialise("A4", accountKey(flow.userRef, flow.typedUserId));
    if (!(await stores.flows.saveIfVersion(done, flow.version))) return null;
    await stores.accounts.setPreferredLanguage(user.ref, flow.lang);
    // The "self_unlock" row sends no notice; the switch is passed as a reset passes it, should the row gain one.
    await applySecurityEffects(stores, {
      cause: "self_unlock",
      user,
      now,
      causingFlowId: flow.id,
      notify: {
        enabled: policy.notify.userOnReset,
        caller: { ip: caller.ip, client: caller.client, lang: flow.lang },
        organisation,
      },
    });
    const a4Blocked = await hitAccountCounter(stores.throttles, "A4", flow, now);
    const events = [
      flowProgressEvent(flow, "succeeded:unlock", "success", now),
      unlockEvent(flow, "success", "unlock", now),
    ];
    // The unlock itself is done; further resets or unlocks within the hour are refused (SPEC §8.1 A4, SND-304).
    if (a4Blocked !== null) events.push(...a4Blocked.events);
    await stores.audit.append(events);
    return done;
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
