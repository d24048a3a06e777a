/** The reset journey's one entry point for pages and API alike, so the two cannot drift. */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { MethodId } from "../../methods.js";
import { accountKey, blockReasonOf } from "../../policies/attempt-policy.js";
import type { MethodStepId } from "../../methods/method-port.js";
import { expireFlow, findFlowByHandle } from "./flow-guard.js";
import { type StepResult, stepResult } from "./flow-view.js";
import { cancelFlow, chooseMethod, goBack, resendCode } from "./gate-steps.js";
import { submitMethodStep } from "./method-step.js";
import { type IdentifyCaller, type StartOutcome, startResetFlow } from "./identify-step.js";
import { isCaptchaHardFor } from "./identify-throttles.js";
import { submitPassword } from "./password-step.js";
import { checkPasswordLive, type ResetPasswordCheck } from "./password-check.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { type HandOffRefusal, handOffToAccount } from "./hand-off.js";
import { isExpired } from "./reset-flow.js";
import { isTerminal } from "./reset-states.js";
import { chooseAction, type FlowAction } from "./choose-action-step.js";
import { finishUnlock, unlockIfDue } from "./unlock-step.js";
import { finishNotLocked, resetInstead } from "./unlock-not-locked.js";

export type StepOutcome = Outcome<StepResult, FlowFailure | "SND-210" | "SND-211">;

export interface ResetService {
  start(input: { typedUserId: string; captcha: string | undefined; caller: IdentifyCaller }): Promise<StartOutcome>;
  view(handle: string | undefined): Promise<Outcome<StepResult, "flow_not_found" | "SND-212">>;
  /** ACTION: "reset" (I forgot my password) or "unlock" (I know it, but my account is locked), SPEC §6.5. */
  chooseAction(caller: FlowCaller, action: FlowAction): Promise<StepOutcome>;
  chooseMethod(caller: FlowCaller, method: MethodId): Promise<StepOutcome>;
  /** Submits the current method's step: its fields, named as the step's descriptor names them. */
  submitStep(
    caller: FlowCaller,
    input: { step: MethodStepId; fields: Readonly<Record<string, string>> },
  ): Promise<StepOutcome>;
  /** The `enter_contact` step (API v1's and the pages' own route). */
  submitContact(caller: FlowCaller, typed: string): Promise<StepOutcome>;
  resendCode(caller: FlowCaller): Promise<StepOutcome>;
  /** The `enter_code` step (API v1's and the pages' own route). */
  submitCode(caller: FlowCaller, code: string): Promise<StepOutcome>;
  back(caller: FlowCaller): Promise<StepOutcome>;
  cancel(caller: FlowCaller): Promise<StepOutcome>;
  submitPassword(caller: FlowCaller, input: { password: string; confirmation: string }): Promise<StepOutcome>;
  /** After a finished reset or unlock: a session for My security info, once, in the same browser ("Lost a method"). */
  handOff(caller: FlowCaller): Promise<Outcome<{ sessionToken: string }, HandOffRefusal>>;
  /** UNLOCKING: runs the unlock again (after the last gate it runs by itself; this retries a directory outage). */
  finishUnlock(caller: FlowCaller): Promise<StepOutcome>;
  /** NOT_LOCKED → PASSWORD, with no new gates. */
  resetInstead(caller: FlowCaller): Promise<StepOutcome>;
  /** NOT_LOCKED → the flow ends ("Finish"). */
  finishNotLocked(caller: FlowCaller): Promise<StepOutcome>;
  /** True when a CAPTCHA issued now for the IP must be ten times harder: I1's hour, or an organisation-wide surge. */
  isCaptchaHardFor(ip: string): Promise<boolean>;
  /** The live checklist of a candidate password in PASSWORD (SPEC §6.7): the submit's rules, nothing submitted. */
  checkPassword(caller: FlowCaller, input: { password: string; confirmation: string }): Promise<ResetPasswordCheck>;
}

async function viewFlow(
  deps: ResetDeps,
  handle: string | undefined,
): Promise<Outcome<StepResult, "flow_not_found" | "SND-212">> {
  const flow = await findFlowByHandle(deps, handle);
  if (flow === null) return fail("flow_not_found");
  const now = deps.clock.now();
  if (!isTerminal(flow.state) && isExpired(flow, now)) {
    await expireFlow(deps, flow, now);
    return fail("SND-212");
  }
  if (flow.state === "expired") return fail("SND-212");
  const policy = await deps.currentPolicy();
  if (flow.state !== "blocked") return succeed(stepResult(deps, flow, policy));
  const keys = [accountKey(null, flow.typedUserId), accountKey(flow.userRef, flow.typedUserId)];
  const block = await deps.throttles.activeBlock(keys, now);
  const blockedUntil = block?.until ?? null;
  const shownReason = blockReasonOf(block?.counter ?? "A1");
  return succeed(stepResult(deps, flow, policy, { blockedUntil, shownReason }));
}

/** Creates the reset service over its ports. */
export function createResetService(deps: ResetDeps): ResetService {
  return {
    start: (input) => startResetFlow(deps, input),
    view: (handle) => viewFlow(deps, handle),
    chooseMethod: (caller, method) => chooseMethod(deps, caller, method),
    chooseAction: (caller, action) => chooseAction(deps, caller, action),
    // A passed gate may finish an "unlock only" flow's gates: its unlock then runs in the same request.
    submitStep: async (caller, input) => unlockIfDue(deps, caller, await submitMethodStep(deps, caller, input)),
    submitContact: async (caller, typed) =>
      unlockIfDue(
        deps,
        caller,
        await submitMethodStep(deps, caller, { step: "enter_contact", fields: { address: typed } }),
      ),
    resendCode: (caller) => resendCode(deps, caller),
    submitCode: async (caller, code) =>
      unlockIfDue(deps, caller, await submitMethodStep(deps, caller, { step: "enter_code", fields: { code } })),
    back: (caller) => goBack(deps, caller),
    cancel: (caller) => cancelFlow(deps, caller),
    submitPassword: (caller, input) => submitPassword(deps, caller, input),
    finishUnlock: (caller) => finishUnlock(deps, caller),
    resetInstead: (caller) => resetInstead(deps, caller),
    finishNotLocked: (caller) => finishNotLocked(deps, caller),
    isCaptchaHardFor: (ip) => isCaptchaHardFor(deps, ip),
    checkPassword: (caller, input) => checkPasswordLive(deps, caller, input),
    handOff: (caller) => handOffToAccount(deps, caller),
  };
}
