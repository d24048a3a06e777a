/** GATE_SELECT and GATE_CHALLENGE: choose a method, send its code to a typed contact, resend, go back, cancel. */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { GateRequest, VerificationMethod } from "../../methods/method-port.js";
import { kindOfMethod, type MethodId } from "../../methods.js";
import { CODE_RULES } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { VerifiedMethod } from "../../ports.js";
import { issueCodeToTarget } from "./code-issue.js";
import { sendPrivateExplanation } from "./explanation-email.js";
import { keepGateTwoOffer, readGateTwoOffer } from "./gate-two-offer.js";
import { loadForSubmission } from "./flow-guard.js";
import { offeredMethods, type StepResult, stepResult } from "./flow-view.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";
import { savedVersionOf, saveStep } from "./save-step.js";

export type StepOutcome = Outcome<StepResult, FlowFailure | "SND-210" | "SND-211">;

/** Answers after the gate's response floor, so every outcome takes as long as the slowest. */
export async function paced(deps: ResetDeps, caller: FlowCaller, result: StepOutcome): Promise<StepOutcome> {
  await deps.floor.waitUntil(caller.startedAt, "gate");
  return result;
}

/** A ref no account has (an account ref is a UUID, a built-in one its entry's). */
const NO_ACCOUNT_REF = "00000000-0000-0000-0000-000000000000";

/**
 * The user's verified rows a gate of `method` may prove; none for an inert flow, which runs the same lookup for an
 * account nobody has (SPEC §6.4's equal work: the bench's gate census shows the same statements for both).
 */
export async function targetsOf(
  deps: Pick<ResetDeps, "methods">,
  flow: ResetFlow,
  method: MethodId,
): Promise<VerifiedMethod[]> {
  return (await targetsAndAllOf(deps, flow, method)).targets;
}

/** targetsOf, with every verified row of the account beside it (none for an inert flow) for a caller that needs both. */
export async function targetsAndAllOf(
  deps: Pick<ResetDeps, "methods">,
  flow: ResetFlow,
  method: MethodId,
): Promise<{ targets: VerifiedMethod[]; all: VerifiedMethod[] }> {
  const ref = flow.inertReason === null ? flow.userRef : null;
  const methods = await deps.methods.listForUser(ref ?? NO_ACCOUNT_REF);
  if (ref === null) return { targets: [], all: [] };
  const kind = kindOfMethod(method);
  return { targets: methods.filter((candidate) => kindOfMethod(candidate.method) === kind), all: methods };
}

/** GATE_SELECT → GATE_CHALLENGE with a method the policy offers; the method opens its gate (a challenge, or not). */
export async function chooseMethod(deps: ResetDeps, caller: FlowCaller, methodId: MethodId): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "choose_method");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const method = deps.registry.get(methodId);
  if (!offeredMethods(deps, policy).includes(methodId) || method === undefined)
    return paced(deps, caller, fail("SND-210"));
  // Gate 2 takes another kind (SPEC §6.6): a mobile texted at gate 1 cannot be called at gate 2.
  if (flow.methodsPassed.some((passed) => kindOfMethod(passed) === kindOfMethod(methodId)))
    return paced(deps, caller, fail("SND-211"));
  // ... and only a method gate 2 offered when gate 1 passed (the user's own, usable ones). A flow whose gate 1
  // passed before offers were saved has none: the page lists every method then, and only the kind rule applies.
  const offer = currentGate(flow) >= 2 ? readGateTwoOffer(flow.stepData) : null;
  if (offer !== null && !offer.methods.includes(methodId)) return paced(deps, caller, fail("SND-210"));
  const now = deps.clock.now();
  // An inert flow, or a user without the method, gets the same opening with nothing behind it (SPEC §6.4).
  const opening = await method.begin(
    gateRequestOf(flow, { policy, now, targets: await targetsOf(deps, flow, methodId) }),
  );
  const next = transition(flow, "choose_method", "gate_challenge", {
    currentMethod: methodId,
    gateStep: opening.firstStep,
    stepData: keepGateTwoOffer(flow.stepData, opening.stepData),
  });
  const saved = await saveStep(deps, flow, next, async (stores) => {
    await stores.audit.append([
      flowProgressEvent(flow, `method_started:${methodId}`, "success", now, { method: methodId }),
    ]);
    if (opening.challenge === null) return;
    await stores.challenges.voidForGate(flow.id, currentGate(flow), now);
    await stores.challenges.create(opening.challenge);
  });
  if (!saved) return paced(deps, caller, fail("flow_changed"));
  return paced(deps, caller, succeed(stepResult(deps, savedVersionOf(next), policy)));
}

/** What a method's `begin` and `verify` learn of the flow. */
export function gateRequestOf(
  flow: ResetFlow,
  context: { policy: SsprPolicy; now: Date; targets: readonly VerifiedMethod[] },
): GateRequest {
  return {
    flowId: flow.id,
    gate: currentGate(flow),
    typedUserId: flow.typedUserId,
    userRef: flow.inertReason === null ? flow.userRef : null,
    lang: flow.lang,
    ...context,
  };
}

/**
 * The user typed the full contact value (a sent-code method's first step), or, with `contact` null, asked for a code
 * to the masked target gate 2 shows; a code goes out only to a verified value that matches.
 */
export async function sendCodeToContact(
  deps: ResetDeps,
  loaded: { flow: ResetFlow; policy: SsprPolicy; method: VerificationMethod; caller: FlowCaller },
  contact: string | null,
): Promise<StepOutcome> {
  const { flow, method } = loaded;
  const targets = await targetsOf(deps, flow, method.id);
  const shown = flow.stepData?.["maskedTarget"] !== undefined;
  const target =
    contact === null
      ? shown
        ? (targets[0] ?? null)
        : null
      : (targets.find((candidate) => candidate.value === contact) ?? null);
  const outcome = await issueOrRefuse(deps, { ...loaded, target, action: "submit_proof" });
  // SPEC §6.4: the owner of an address the account holds may learn privately why no code came; the page is the same.
  if (contact !== null) await sendPrivateExplanation(deps, { flow, method: method.id, contact, caller: loaded.caller });
  return outcome;
}

/** Sends another code to the same target, after 30 s and up to 3 sends per gate. */
export async function resendCode(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "resend");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const method = deps.registry.get(flow.currentMethod);
  const previous = await deps.challenges.findCurrent(flow.id, currentGate(flow));
  if (method?.delivery === undefined || flow.gateStep !== method.delivery.stepAfterSend || previous === null)
    return paced(deps, caller, fail("action_not_allowed"));
  const waitedMilliseconds = deps.clock.now().getTime() - previous.createdAt.getTime();
  if (waitedMilliseconds < CODE_RULES.resendAfterSeconds * 1000) {
    // The page says how long is left, in whole seconds rounded up, so waiting that long always suffices.
    const seconds = Math.ceil((CODE_RULES.resendAfterSeconds * 1000 - waitedMilliseconds) / 1000);
    const notices = [{ code: "resend_too_soon", values: { seconds } }] as const;
    return paced(deps, caller, succeed(stepResult(deps, flow, policy, { notices })));
  }
  const targetRef = method.targetOf(previous);
  const target = (await targetsOf(deps, flow, method.id)).find((candidate) => candidate.id === targetRef) ?? null;
  return paced(deps, caller, await issueOrRefuse(deps, { flow, policy, caller, target, action: "resend" }));
}

async function issueOrRefuse(
  deps: ResetDeps,
  input: {
    flow: ResetFlow;
    policy: SsprPolicy;
    caller: FlowCaller;
    target: VerifiedMethod | null;
    action: "submit_proof" | "resend";
  },
): Promise<StepOutcome> {
  const sends = await deps.challenges.countSends(input.flow.id, currentGate(input.flow));
  if (sends >= CODE_RULES.sendsPerGate)
    return succeed(stepResult(deps, input.flow, input.policy, { notices: [{ code: "resend_limit" }] }));
  return issueCodeToTarget(deps, input);
}

/** GATE_CHALLENGE → GATE_SELECT: choose another method. */
export async function goBack(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "back");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  // Back at gate 2, the list is the one gate 1's pass offered.
  const stepData = keepGateTwoOffer(flow.stepData, null);
  const next = transition(flow, "back", "gate_select", { currentMethod: null, gateStep: null, stepData });
  if (!(await saveStep(deps, flow, next))) return paced(deps, caller, fail("flow_changed"));
  return paced(deps, caller, succeed(stepResult(deps, savedVersionOf(next), policy)));
}

/** Any open state → CANCELLED. */
export async function cancelFlow(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "cancel");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const now = deps.clock.now();
  const reason = flow.state === "password" ? "cancelled_before_password" : "cancelled_before_gates";
  const next = transition(flow, "cancel", "cancelled", { endedAt: now, endReason: reason });
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, reason, "success", now)]),
  );
  if (!saved) return paced(deps, caller, fail("flow_changed"));
  return paced(deps, caller, succeed(stepResult(deps, savedVersionOf(next), policy)));
}
