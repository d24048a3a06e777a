/**
 * GATE_CHALLENGE's submissions, whatever the method: the method says what the typed fields mean (a contact value to
 * send a code to, a code to check, or neither), and the flow carries it out under the shared counters.
 */
import { fail, succeed } from "../../../lib/outcome.js";
import type { MethodStepId } from "../../methods/method-port.js";
import { checkProof } from "./code-step.js";
import { loadForSubmission, stopIfBlocked } from "./flow-guard.js";
import { stepResult } from "./flow-view.js";
import { paced, sendCodeToContact, type StepOutcome } from "./gate-steps.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";

/** Submits `fields` at the current method's `step`; refused when the flow is at another step. */
export async function submitMethodStep(
  deps: ResetDeps,
  caller: FlowCaller,
  input: { step: MethodStepId; fields: Readonly<Record<string, string>> },
): Promise<StepOutcome> {
  return paced(deps, caller, await submitUnpaced(deps, caller, input));
}

async function submitUnpaced(
  deps: ResetDeps,
  caller: FlowCaller,
  input: { step: MethodStepId; fields: Readonly<Record<string, string>> },
): Promise<StepOutcome> {
  // A proof's check reads the account block under A1's lock (admitCodeGuess); the other submissions ask here.
  const loaded = await loadForSubmission(deps, caller, "submit_proof", { blockChecked: "by_caller" });
  if (!loaded.ok) return loaded;
  const { flow, policy } = loaded.value;
  const method = deps.registry.get(flow.currentMethod);
  if (method === undefined || flow.gateStep !== input.step) return fail("action_not_allowed");
  const submission = method.submit(input.step, input.fields, policy);
  if (submission.kind !== "check") {
    const stopped = await stopIfBlocked(deps, flow, "submit_proof");
    if (stopped !== null) return stopped;
  }
  switch (submission.kind) {
    case "invalid":
      return succeed(stepResult(deps, flow, policy, { notices: [{ code: submission.notice }] }));
    case "send_code":
      if (method.delivery === undefined) return fail("action_not_allowed");
      return sendCodeToContact(deps, { flow, policy, method, caller }, submission.contact);
    case "check":
      return checkProof(deps, { flow, policy, method }, submission.proof);
  }
}
