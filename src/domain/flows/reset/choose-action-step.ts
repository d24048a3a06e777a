/**
 * ACTION → GATE_SELECT (SPEC §6.5): "I forgot my password" or "I know my password, but my account is locked". The
 * page is the same for every ID, locked or not, known or not, so the choice reveals nothing and costs the same.
 */
import { fail, succeed } from "../../../lib/outcome.js";
import { loadForSubmission } from "./flow-guard.js";
import { stepResult } from "./flow-view.js";
import { paced, type StepOutcome } from "./gate-steps.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";
import { savedVersionOf, saveStep } from "./save-step.js";

export const FLOW_ACTIONS = ["reset", "unlock"] as const satisfies readonly ResetFlow["action"][];
export type FlowAction = (typeof FLOW_ACTIONS)[number];

/** True when `value` names one of the two actions. */
export function isFlowAction(value: string): value is FlowAction {
  return (FLOW_ACTIONS as readonly string[]).includes(value);
}

/** Records the user's choice and presents the methods of gate 1. */
export async function chooseAction(deps: ResetDeps, caller: FlowCaller, action: FlowAction): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "choose_action");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const now = deps.clock.now();
  // Each step reads the policy in force: once unlock-only is switched off, the choice is a reset (which unlocks too).
  const chosen: FlowAction = policy.unlockWithoutReset ? action : "reset";
  const next = transition(flow, "choose_action", "gate_select", { action: chosen });
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([
      flowProgressEvent(flow, `action_chosen:${chosen}`, "success", now),
      flowProgressEvent(flow, "options_presented", "success", now),
    ]),
  );
  if (!saved) return paced(deps, caller, fail("flow_changed"));
  return paced(deps, caller, succeed(stepResult(deps, savedVersionOf(next), policy)));
}
