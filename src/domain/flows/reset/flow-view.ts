/** Builds what a page or API response may show of a flow, and the step results the service returns. */
import { type PasswordRuleHint, passwordRules } from "../../policies/password-policy.js";
import { passwordChecklist } from "../../password-live-check.js";
import { enabledMethods, type SsprPolicy } from "../../policies/sspr-policy.js";
import type { ReasonCode } from "../../reasons.js";
import { CANCELLED_BY } from "../../security-effects.js";
import { csrfTokenFor } from "./flow-guard.js";
import { mayHandOff } from "./hand-off.js";
import type { CancelReason, FlowView, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { readGateTwoOffer } from "./gate-two-offer.js";
import type { ResetState } from "./reset-states.js";
import { FINISHED_NOT_LOCKED } from "./unlock-after-gates.js";

/** The end reason of the flows a completed reset cancels (SPEC §9.1 step 4). */
export const SUPERSEDED_END_REASON = CANCELLED_BY.superseded;

/** A message for the user about their last submission. */
export interface Notice {
  readonly code:
    | ReasonCode
    | "contact_invalid"
    | "code_invalid"
    | "answers_invalid"
    | "credential_invalid"
    | "resend_too_soon"
    | "resend_limit"
    | "code_sent";
  readonly values?: Readonly<Record<string, string | number>>;
}

/**
 * What every step returns: the flow's state, what to tell the user, and the view, built only when asked for: a page
 * answered by a 303 never computes the form token of a view nobody sees.
 */
export interface StepResult {
  readonly state: ResetState;
  /** The reason shown for a block this step caused or found (A1, A3…); null when the flow is not blocked. */
  readonly blockReason: ReasonCode | null;
  readonly notices: readonly Notice[];
  /** The flow as the user may see it; computed on the first call. */
  view(): FlowView;
}

type ViewDeps = Pick<ResetDeps, "csrfKey" | "registry">;

/** What a view adds to the flow: a block's end and reason, when the step knows them. */
interface ViewExtra {
  readonly blockedUntil?: Date | null;
  readonly shownReason?: ReasonCode | null;
}

/** The step result for `flow` (as saved) under `policy`, with the view left to whoever renders it. */
export function stepResult(
  deps: ViewDeps,
  flow: ResetFlow,
  policy: SsprPolicy,
  extra: ViewExtra & { notices?: readonly Notice[] } = {},
): StepResult {
  let built: FlowView | undefined;
  return {
    state: flow.state,
    blockReason: flow.state === "blocked" ? (extra.shownReason ?? null) : null,
    notices: extra.notices ?? [],
    view: () => (built ??= toFlowView(deps, flow, policy, extra)),
  };
}

/** The methods the policy enables and this build implements, in SPEC §6.4's order. */
export function offeredMethods(deps: Pick<ResetDeps, "registry">, policy: SsprPolicy) {
  return enabledMethods(policy).filter((method) => deps.registry.ids.includes(method));
}

/** The flow as the user may see it. */
export function toFlowView(deps: ViewDeps, flow: ResetFlow, policy: SsprPolicy, extra: ViewExtra = {}): FlowView {
  const rules: readonly PasswordRuleHint[] = flow.state === "password" ? passwordRules(policy.password) : [];
  const method = deps.registry.get(flow.currentMethod);
  // Gate 2 lists what was offered when gate 1 passed (gate-two-offer.ts), still under the policy in force.
  const offer = currentGate(flow) >= 2 ? readGateTwoOffer(flow.stepData) : null;
  const available = offeredMethods(deps, policy);
  const step =
    method !== undefined && flow.state === "gate_challenge" && flow.gateStep !== null
      ? method.describeStep(flow.gateStep, { policy, stepData: flow.stepData ?? null })
      : null;
  return {
    flowId: flow.id,
    supportCode: flow.supportCode,
    userId: flow.typedUserId,
    state: flow.state,
    gate: currentGate(flow),
    gatesShown: policy.methodsToReset,
    methodsOffered: offer === null ? available : offer.methods.filter((id) => available.includes(id)),
    offeredTargets: offer?.masks ?? {},
    offeredMore: offer?.more ?? {},
    currentMethod: flow.currentMethod,
    gateStep: flow.gateStep,
    step,
    codeLength: (method ?? deps.registry.get("email"))?.codeLength(policy) ?? policy.emailCodeLength,
    expiresAt: flow.expiresAt,
    blockedUntil: extra.blockedUntil ?? null,
    shownReason: extra.shownReason ?? shownReasonOf(flow),
    cancelReason: cancelReasonOf(flow),
    passwordRules: rules,
    csrfToken: csrfTokenFor(deps.csrfKey, flow.id),
    passwordChecklist: passwordChecklist(policy.password),
    canHandOff: mayHandOff(flow),
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
  // "Finish" on NOT_LOCKED is the user's own end of the flow, as a cancel is.
  if (flow.endReason === FINISHED_NOT_LOCKED) return "user";
  return flow.endReason?.startsWith("cancelled_") === true ? "user" : "other";
}
