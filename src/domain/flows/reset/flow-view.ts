/** Builds what a page or API response may show of a flow, and the step results the service returns. */
import { IMPLEMENTED_METHODS } from "../../methods.js";
import { type PasswordRuleHint, passwordRules } from "../../policies/password-policy.js";
import { enabledMethods, type SsprPolicy } from "../../policies/sspr-policy.js";
import type { ReasonCode } from "../../reasons.js";
import { CANCELLED_BY } from "../../security-effects.js";
import { csrfTokenFor } from "./flow-guard.js";
import type { CancelReason, FlowView, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";

/** The end reason of the flows a completed reset cancels (SPEC §9.1 step 4). */
export const SUPERSEDED_END_REASON = CANCELLED_BY.superseded;

/** A message for the user about their last submission. */
export interface Notice {
  readonly code: ReasonCode | "contact_invalid" | "code_invalid" | "resend_too_soon" | "resend_limit" | "code_sent";
  readonly values?: Readonly<Record<string, string | number>>;
}

/** What every step returns: the flow as it now is, and what to tell the user. */
export interface StepResult {
  readonly view: FlowView;
  readonly notices: readonly Notice[];
}

/** The flow as the user may see it. */
export function toFlowView(
  deps: Pick<ResetDeps, "csrfKey" | "codeMethods">,
  flow: ResetFlow,
  policy: SsprPolicy,
  extra: { blockedUntil?: Date | null; shownReason?: ReasonCode | null } = {},
): FlowView {
  const offered = enabledMethods(policy).filter((method) => IMPLEMENTED_METHODS.includes(method));
  const rules: readonly PasswordRuleHint[] = flow.state === "password" ? passwordRules(policy.password) : [];
  return {
    flowId: flow.id,
    supportCode: flow.supportCode,
    userId: flow.typedUserId,
    state: flow.state,
    gate: currentGate(flow),
    gatesShown: policy.methodsToReset,
    methodsOffered: offered,
    currentMethod: flow.currentMethod,
    gateStep: flow.gateStep,
    codeLength: deps.codeMethods.email?.codeLength(policy) ?? policy.emailCodeLength,
    expiresAt: flow.expiresAt,
    blockedUntil: extra.blockedUntil ?? null,
    shownReason: extra.shownReason ?? shownReasonOf(flow),
    cancelReason: cancelReasonOf(flow),
    passwordRules: rules,
    csrfToken: csrfTokenFor(deps.csrfKey, flow.id),
  };
}

/** A reason that may be shown: only once a gate has been passed, or for an ended flow's own outcome. */
function shownReasonOf(flow: ResetFlow): ReasonCode | null {
  const match = /^ineligible:(SND-\d{3})$/.exec(flow.endReason ?? "");
  if (flow.methodsPassed.length > 0 && match?.[1]) return match[1] as ReasonCode;
  return null;
}

/** Why a cancelled flow ended; the user's own cancel records `cancelled_before_gates` or `cancelled_before_password`. */
function cancelReasonOf(flow: ResetFlow): CancelReason | null {
  if (flow.state !== "cancelled") return null;
  if (flow.endReason === SUPERSEDED_END_REASON) return "superseded";
  return flow.endReason?.startsWith("cancelled_") === true ? "user" : "other";
}
