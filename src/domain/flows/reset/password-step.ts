/** PASSWORD → DONE (SPEC §6.7, §9.1): check the rules, write the password, then revoke, cancel, clear, notify. */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import { checkNewPassword, type PasswordViolation } from "../../policies/password-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { DirectoryUser, PasswordWrite } from "../../ports.js";
import { loadForSubmission } from "./flow-guard.js";
import { type Notice, type StepResult, stepResult } from "./flow-view.js";
import { completeReset } from "./reset-completion.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { MAX_PASSWORD_SUBMISSIONS, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { savedVersionOf, saveStep } from "./save-step.js";
import { transition } from "./reset-transition.js";
import { currentEligibility } from "./flow-eligibility.js";

type PasswordOutcome = Outcome<StepResult, FlowFailure>;

/** A violated rule: the policy's own checks, or the directory's reuse checks (SND-506, SND-508). */
type RejectedRule = PasswordViolation | { code: "SND-506" | "SND-508"; values?: undefined };

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
    confirmation: input.confirmation,
  });
  if (violations.length > 0) return rejectPassword(deps, { flow, policy, violations });
  const prepared = await deps.directory.preparePasswordWrite(user, input.password, policy.password.history);
  if (!prepared.ok) return rejectPassword(deps, { flow, policy, violations: [{ code: prepared.reason }] });
  return finishReset(deps, { flow, policy, user, write: prepared.write, caller });
}

async function finishReset(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; user: DirectoryUser; write: PasswordWrite; caller: FlowCaller },
): Promise<PasswordOutcome> {
  const done = await completeReset(deps, input);
  if (!done) return fail("flow_changed");
  // Blocked meanwhile: answered as the flow guard answers a blocked account; the flow's page shows the block.
  if (done.state === "blocked") return fail("action_not_allowed");
  return succeed(stepResult(deps, savedVersionOf(done), input.policy));
}

async function rejectPassword(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; violations: readonly RejectedRule[] },
): Promise<PasswordOutcome> {
  const { flow, policy, violations } = input;
  const now = deps.clock.now();
  const submissions = flow.passwordSubmissions + 1;
  const exhausted = submissions >= MAX_PASSWORD_SUBMISSIONS;
  const next = exhausted
    ? transition(flow, "submit_password", "failed", {
        passwordSubmissions: submissions,
        endedAt: now,
        endReason: "password_attempts",
      })
    : transition(flow, "submit_password", "password", { passwordSubmissions: submissions });
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
