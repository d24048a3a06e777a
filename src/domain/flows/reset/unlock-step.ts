/**
 * UNLOCKING (SPEC §6.5, §6.8, §8.4): once the last gate of an "unlock only" flow is passed, re-run checks 4–9, stop
 * at an SSPR block, read the locks (the directory's own, where it has one, and Sandi's sign-in lockout), lift them,
 * and end in DONE_UNLOCK; with no lock standing, NOT_LOCKED. An admin lock fails check 5 (SND-411) and is never
 * lifted here. A directory that cannot be reached leaves the flow in UNLOCKING, where the page offers to try again.
 */
import { fail, succeed } from "../../../lib/outcome.js";
import { accountKey, blockReasonOf } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../ports.js";
import { currentLockout, isLocked } from "../sign-in/lockout-policy.js";
import { endIfAccountBlocked } from "./account-block.js";
import { currentEligibility } from "./flow-eligibility.js";
import { loadForSubmission } from "./flow-guard.js";
import { type StepResult, stepResult } from "./flow-view.js";
import { paced, type StepOutcome } from "./gate-steps.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { transition } from "./reset-transition.js";
import { savedVersionOf } from "./save-step.js";
import { completeUnlock, endUnlockIneligible, recordNotLocked, unlockEvent } from "./unlock-completion.js";

/** A gate passed for "unlock only" lands in UNLOCKING: the unlock runs at once, in the same request. */
export async function unlockIfDue(deps: ResetDeps, caller: FlowCaller, outcome: StepOutcome): Promise<StepOutcome> {
  return outcome.ok && outcome.value.state === "unlocking" ? finishUnlock(deps, caller) : outcome;
}

/** Runs the unlock of a flow in UNLOCKING; any other state (a gate not yet passed, say) is refused. */
export async function finishUnlock(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  return paced(deps, caller, await unlockUnpaced(deps, caller));
}

async function unlockUnpaced(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "finish_unlock");
  if (!loaded.ok) return loaded;
  const { flow, policy } = loaded.value;
  const { user, eligibility } = await currentEligibility(deps, flow, policy);
  if (user === null || eligibility.reason !== null || flow.methodsPassed.length < eligibility.gatesRequired)
    return ended(deps, policy, await endUnlockIneligible(deps, flow, eligibility.reason ?? "SND-107"));
  const checked = await checkBlockAndSignInLock(deps, flow, user);
  if (checked.block !== null) {
    const blocked = transition(flow, "finish_unlock", "blocked", { endedAt: checked.now, endReason: "blocked" });
    const shownReason = blockReasonOf(checked.block.counter);
    return succeed(
      stepResult(deps, savedVersionOf(blocked), policy, { blockedUntil: checked.block.until, shownReason }),
    );
  }
  const directory = await liftDirectoryLock(deps, user);
  if (directory === "unreachable") return unreachable(deps, flow, policy);
  if (directory === "not_locked" && !checked.signInLocked)
    return ended(deps, policy, await recordNotLocked(deps, flow));
  return ended(deps, policy, await completeUnlock(deps, { flow, policy, user, caller }));
}

/**
 * In one transaction under A4's lock, as a password write starts: an SSPR block set after the gate was passed ends
 * the flow here (SPEC §8.1), and Sandi's sign-in lockout of the user ID is read (SPEC §8.3).
 */
async function checkBlockAndSignInLock(deps: ResetDeps, flow: ResetFlow, user: UserAccount) {
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.serialise("A4", accountKey(flow.userRef, flow.typedUserId));
    const block = await endIfAccountBlocked(stores, flow, { action: "finish_unlock", now });
    const lockout = currentLockout(await stores.signInLockouts.find(user.userId), user.userId, now);
    return { now, block, signInLocked: isLocked(lockout, now) };
  });
}

/**
 * The directory's own lockout (LDAP, AD): lifted when it stands. Outside any transaction, like a password write: it
 * may cross the network. "not_locked" when the directory has none standing (or none at all, as the built-in one).
 */
async function liftDirectoryLock(
  deps: ResetDeps,
  user: UserAccount,
): Promise<"unlocked" | "not_locked" | "unreachable"> {
  if (!deps.directory.capabilities.canUnlock) return "not_locked";
  try {
    if (!(await deps.directory.lockState(user)).locked) return "not_locked";
    return (await deps.directory.unlock(user)) === "unlocked" ? "unlocked" : "not_locked";
  } catch {
    // The port throws on an infrastructure fault; the user is told nothing changed and may try again (SND-401).
    return "unreachable";
  }
}

/** The flow stays in UNLOCKING with SND-401; the failure is audited, and the page offers to try again. */
async function unreachable(deps: ResetDeps, flow: ResetFlow, policy: SsprPolicy): Promise<StepOutcome> {
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction((stores) => stores.audit.append([unlockEvent(flow, "failure", "SND-401", now)]));
  return succeed(stepResult(deps, flow, policy, { notices: [{ code: "SND-401" }] }));
}

/** The step result of a flow a step saved, or flow_changed when another request won. */
function ended(deps: ResetDeps, policy: SsprPolicy, saved: ResetFlow | null): StepOutcome {
  if (saved === null) return fail("flow_changed");
  const result: StepResult = stepResult(deps, savedVersionOf(saved), policy);
  return succeed(result);
}
