/**
 * PASSWORD → WRITING → DONE (SPEC §6.7, §6.8, §9.1): check the rules, save WRITING, let the directory write the
 * password outside any transaction, then DONE with its consequences in one transaction, or back to PASSWORD with the
 * directory's reason. A write that never returns leaves the flow in WRITING for housekeeping to end.
 */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import { checkNewPassword, type PasswordViolation } from "../../policies/password-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import { type PasswordWriteRejection, rejectionOf } from "../../password-write.js";
import type { UserAccount } from "../../ports.js";
import { loadForSubmission } from "./flow-guard.js";
import { type Notice, type StepResult, stepResult } from "./flow-view.js";
import { completeReset } from "./reset-completion.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { MAX_PASSWORD_SUBMISSIONS, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { savedVersionOf, saveStep } from "./save-step.js";
import { transition } from "./reset-transition.js";
import { endIfAccountBlocked } from "./account-block.js";
import { accountKey } from "../../policies/attempt-policy.js";
import { currentEligibility } from "./flow-eligibility.js";
import { writeReleasingOnOverload } from "./write-overload.js";

type PasswordOutcome = Outcome<StepResult, FlowFailure>;

/** A violated rule: the policy's own checks, or the directory's refusal (SND-506, SND-508, SND-510, SND-511, SND-401). */
type RejectedRule = PasswordViolation | PasswordWriteRejection;

/** Submits the new password and its confirmation. */
export async function submitPassword(
  deps: ResetDeps,
  caller: FlowCaller,
  input: { password: string; confirmation: string },
): Promise<PasswordOutcome> {
  const loaded = await loadForSubmission(deps, caller, "submit_password");
  if (!loaded.ok) return loaded;
  const { flow, policy } = loaded.value;
  const { user, eligibility } = await currentEligibility(deps, flow, policy);
  if (user === null || eligibility.reason !== null || flow.methodsPassed.length < eligibility.gatesRequired)
    return endIneligible(deps, flow, policy, eligibility.reason ?? "SND-107");
  const violations = checkNewPassword(input.password, {
    policy: policy.password,
    userTerms: user,
    organisationName: (await deps.organisation()).name,
    bannedList: deps.bannedList,
    confirmation: input.confirmation,
  });
  if (violations.length > 0) return rejectPassword(deps, { flow, policy, violations });
  const writing = await startWriting(deps, flow);
  if (writing === null) return fail("flow_changed");
  // Blocked meanwhile: answered as the flow guard answers a blocked account; the flow's page shows the block.
  if (writing === "blocked") return fail("action_not_allowed");
  const written = await writeReleasingOnOverload(deps, writing, () =>
    deps.directory.setPassword(user, input.password, {
      historyDepth: policy.password.history,
      cause: "self_reset",
      now: deps.clock.now(),
    }),
  );
  if (!written.ok) return rejectPassword(deps, { flow: writing, policy, violations: [rejectionOf(written)] });
  return finishReset(deps, { flow: writing, policy, user, caller });
}

/**
 * Saves WRITING before the directory is asked, so a write that never returns is found; null when another request
 * won. The account's block is checked here, in the same transaction and under A4's lock, the last moment before the
 * password leaves Sandi: a block set after the flow guard ran still stops the write (and the flow ends BLOCKED).
 */
async function startWriting(deps: ResetDeps, flow: ResetFlow): Promise<ResetFlow | "blocked" | null> {
  const now = deps.clock.now();
  const writing = transition(flow, "submit_password", "writing", { writingSince: now });
  return deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.serialise("A4", accountKey(flow.userRef, flow.typedUserId));
    if ((await endIfAccountBlocked(stores, flow, { action: "submit_password", now })) !== null) return "blocked";
    return (await stores.flows.saveIfVersion(writing, flow.version)) ? savedVersionOf(writing) : null;
  });
}

async function finishReset(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; user: UserAccount; caller: FlowCaller },
): Promise<PasswordOutcome> {
  const done = await completeReset(deps, input);
  if (!done) return fail("flow_changed");
  return succeed(stepResult(deps, savedVersionOf(done), input.policy));
}

async function rejectPassword(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; violations: readonly RejectedRule[] },
): Promise<PasswordOutcome> {
  const { policy, violations } = input;
  const flow = input.flow;
  const now = deps.clock.now();
  const submissions = flow.passwordSubmissions + 1;
  const exhausted = submissions >= MAX_PASSWORD_SUBMISSIONS;
  // Refused by the rules in PASSWORD, or by the directory in WRITING (back to PASSWORD with its reason).
  const action = flow.state === "writing" ? "finish_write" : "submit_password";
  const next = exhausted
    ? transition(flow, action, "failed", {
        passwordSubmissions: submissions,
        endedAt: now,
        endReason: "password_attempts",
        writingSince: undefined,
      })
    : transition(flow, action, "password", { passwordSubmissions: submissions, writingSince: undefined });
  const reasons = violations.map((violation) => `password_rejected:${violation.code}`);
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append(reasons.map((reason) => flowProgressEvent(flow, reason, "failure", now))),
  );
  if (!saved) return fail("flow_changed");
  const notices: Notice[] = violations.map((violation) => ({
    code: violation.code,
    ...(violation.values ? { values: violation.values } : {}),
  }));
  return succeed(stepResult(deps, savedVersionOf(next), policy, { notices }));
}

async function endIneligible(
  deps: ResetDeps,
  flow: ResetFlow,
  policy: SsprPolicy,
  reason: string,
): Promise<PasswordOutcome> {
  const now = deps.clock.now();
  const next = transition(flow, "submit_password", "failed", { endedAt: now, endReason: `ineligible:${reason}` });
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, `ineligible:${reason}`, "failure", now)]),
  );
  if (!saved) return fail("flow_changed");
  return succeed(stepResult(deps, savedVersionOf(next), policy));
}
