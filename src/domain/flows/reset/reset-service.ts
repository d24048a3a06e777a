/** The reset journey's one entry point for pages and API alike, so the two cannot drift. */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { MethodId } from "../../methods.js";
import { accountKey, blockReasonOf } from "../../policies/attempt-policy.js";
import { submitCode } from "./code-step.js";
import { expireFlow, findFlowByHandle } from "./flow-guard.js";
import { type StepResult, toFlowView } from "./flow-view.js";
import { cancelFlow, chooseMethod, goBack, resendCode, submitContact } from "./gate-steps.js";
import { type IdentifyCaller, type StartOutcome, startResetFlow } from "./identify-step.js";
import { isCaptchaHardFor } from "./identify-throttles.js";
import { submitPassword } from "./password-step.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { isExpired } from "./reset-flow.js";
import { isTerminal } from "./reset-states.js";

export type StepOutcome = Outcome<StepResult, FlowFailure | "SND-210" | "SND-211">;

export interface ResetService {
  start(input: { typedUserId: string; captcha: string | undefined; caller: IdentifyCaller }): Promise<StartOutcome>;
  view(handle: string | undefined): Promise<Outcome<StepResult, "flow_not_found" | "SND-212">>;
  chooseMethod(caller: FlowCaller, method: MethodId): Promise<StepOutcome>;
  submitContact(caller: FlowCaller, typed: string): Promise<StepOutcome>;
  resendCode(caller: FlowCaller): Promise<StepOutcome>;
  submitCode(caller: FlowCaller, code: string): Promise<StepOutcome>;
  back(caller: FlowCaller): Promise<StepOutcome>;
  cancel(caller: FlowCaller): Promise<StepOutcome>;
  submitPassword(caller: FlowCaller, input: { password: string; confirmation: string }): Promise<StepOutcome>;
  /** True when a CAPTCHA issued now for the IP must be ten times harder: I1's hour, or an organisation-wide surge. */
  isCaptchaHardFor(ip: string): Promise<boolean>;
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
  if (flow.state !== "blocked") return succeed({ view: toFlowView(deps, flow, policy), notices: [] });
  const keys = [accountKey(null, flow.typedUserId), accountKey(flow.userRef, flow.typedUserId)];
  const block = await deps.throttles.activeBlock(keys, now);
  const blockedUntil = block?.until ?? null;
  const shownReason = blockReasonOf(block?.counter ?? "A1");
  return succeed({ view: toFlowView(deps, flow, policy, { blockedUntil, shownReason }), notices: [] });
}

/** Creates the reset service over its ports. */
export function createResetService(deps: ResetDeps): ResetService {
  return {
    start: (input) => startResetFlow(deps, input),
    view: (handle) => viewFlow(deps, handle),
    chooseMethod: (caller, method) => chooseMethod(deps, caller, method),
    submitContact: (caller, typed) => submitContact(deps, caller, typed),
    resendCode: (caller) => resendCode(deps, caller),
    submitCode: (caller, code) => submitCode(deps, caller, code),
    back: (caller) => goBack(deps, caller),
    cancel: (caller) => cancelFlow(deps, caller),
    submitPassword: (caller, input) => submitPassword(deps, caller, input),
    isCaptchaHardFor: (ip) => isCaptchaHardFor(deps, ip),
  };
}
