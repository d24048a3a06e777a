/** GATE_SELECT and GATE_CHALLENGE: choose a method, type the contact value, resend, go back, cancel. */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { MethodId } from "../../methods.js";
import { CODE_RULES } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { VerifiedMethod } from "../../ports.js";
import { issueCodeToTarget } from "./code-issue.js";
import { loadForSubmission } from "./flow-guard.js";
import { type StepResult, toFlowView } from "./flow-view.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { savedVersionOf, saveStep } from "./save-step.js";

type StepOutcome = Outcome<StepResult, FlowFailure | "SND-210" | "SND-211">;

async function finish(deps: ResetDeps, caller: FlowCaller, result: StepOutcome): Promise<StepOutcome> {
  await deps.floor.waitUntil(caller.startedAt, "gate");
  return result;
}

/** GATE_SELECT → GATE_CHALLENGE with a method the policy offers. */
export async function chooseMethod(deps: ResetDeps, caller: FlowCaller, method: MethodId): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "choose_method");
  if (!loaded.ok) return finish(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const offered = toFlowView(deps, flow, policy).methodsOffered;
  if (!offered.includes(method) || deps.codeMethods[method] === undefined) return finish(deps, caller, fail("SND-210"));
  if (flow.methodsPassed.includes(method)) return finish(deps, caller, fail("SND-211"));
  const next: ResetFlow = { ...flow, state: "gate_challenge", currentMethod: method, gateStep: "enter_contact" };
  const now = deps.clock.now();
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, `method_started:${method}`, "success", now, { method })]),
  );
  if (!saved) return finish(deps, caller, fail("flow_changed"));
  return finish(deps, caller, succeed({ view: toFlowView(deps, savedVersionOf(next), policy), notices: [] }));
}

async function matchingTarget(deps: ResetDeps, flow: ResetFlow, method: MethodId, contact: string) {
  // An inert flow never looks anything up that could make it behave differently.
  if (flow.inertReason !== null || flow.userRef === null) return null;
  const methods = await deps.methods.listForUser(flow.userRef);
  return methods.find((candidate) => candidate.method === method && candidate.value === contact) ?? null;
}

/** The user types the full address (gate 1); a code goes out only if it matches a verified one. */
export async function submitContact(deps: ResetDeps, caller: FlowCaller, typed: string): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "submit_proof");
  if (!loaded.ok) return finish(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const method = flow.currentMethod === null ? undefined : deps.codeMethods[flow.currentMethod];
  if (flow.gateStep !== "enter_contact" || method === undefined)
    return finish(deps, caller, fail("action_not_allowed"));
  const contact = method.normaliseContact(typed);
  if (contact === null)
    return finish(
      deps,
      caller,
      succeed({ view: toFlowView(deps, flow, policy), notices: [{ code: "contact_invalid" }] }),
    );
  const target = await matchingTarget(deps, flow, method.id, contact);
  return finish(deps, caller, await issueOrRefuse(deps, { flow, policy, caller, target, contactTyped: true }));
}

/** Sends another code to the same target, after 30 s and up to 3 sends per gate. */
export async function resendCode(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "resend");
  if (!loaded.ok) return finish(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const previous = await deps.challenges.findCurrent(flow.id, currentGate(flow));
  if (flow.gateStep !== "enter_code" || previous === null) return finish(deps, caller, fail("action_not_allowed"));
  const waitedEnough =
    deps.clock.now().getTime() - previous.createdAt.getTime() >= CODE_RULES.resendAfterSeconds * 1000;
  if (!waitedEnough)
    return finish(
      deps,
      caller,
      succeed({ view: toFlowView(deps, flow, policy), notices: [{ code: "resend_too_soon" }] }),
    );
  const targets = flow.userRef === null ? [] : await deps.methods.listForUser(flow.userRef);
  const target = targets.find((candidate) => candidate.id === previous.targetRef) ?? null;
  return finish(deps, caller, await issueOrRefuse(deps, { flow, policy, caller, target, contactTyped: false }));
}

async function issueOrRefuse(
  deps: ResetDeps,
  input: {
    flow: ResetFlow;
    policy: SsprPolicy;
    caller: FlowCaller;
    target: VerifiedMethod | null;
    contactTyped: boolean;
  },
): Promise<StepOutcome> {
  const sends = await deps.challenges.countSends(input.flow.id, currentGate(input.flow));
  if (sends >= CODE_RULES.sendsPerGate) {
    const view = toFlowView(deps, input.flow, input.policy);
    return succeed({ view, notices: [{ code: "resend_limit" }] });
  }
  return issueCodeToTarget(deps, input);
}

/** GATE_CHALLENGE → GATE_SELECT: choose another method. */
export async function goBack(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "back");
  if (!loaded.ok) return finish(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const next: ResetFlow = { ...flow, state: "gate_select", currentMethod: null, gateStep: null };
  if (!(await saveStep(deps, flow, next))) return finish(deps, caller, fail("flow_changed"));
  return finish(deps, caller, succeed({ view: toFlowView(deps, savedVersionOf(next), policy), notices: [] }));
}

/** Any open state → CANCELLED. */
export async function cancelFlow(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "cancel");
  if (!loaded.ok) return finish(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const now = deps.clock.now();
  const reason = flow.state === "password" ? "cancelled_before_password" : "cancelled_before_gates";
  const next: ResetFlow = { ...flow, state: "cancelled", endedAt: now, endReason: reason };
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, reason, "success", now)]),
  );
  if (!saved) return finish(deps, caller, fail("flow_changed"));
  return finish(deps, caller, succeed({ view: toFlowView(deps, savedVersionOf(next), policy), notices: [] }));
}
