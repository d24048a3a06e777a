/**
 * NOT_LOCKED (SPEC §6.5, §6.8): the account was not locked. "Reset my password instead" goes to PASSWORD in the same
 * flow with no new gates (the password step re-runs checks 4–9 and counts the gates already passed); "Finish" ends
 * the flow, so nobody at this browser can reset the password later without passing the gates again.
 */
import { fail, succeed } from "../../../lib/outcome.js";
import { loadForSubmission } from "./flow-guard.js";
import { stepResult } from "./flow-view.js";
import { paced, type StepOutcome } from "./gate-steps.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";
import { savedVersionOf, saveStep } from "./save-step.js";
import { FINISHED_NOT_LOCKED } from "./unlock-after-gates.js";

/** NOT_LOCKED → PASSWORD: the flow becomes a reset. */
export async function resetInstead(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "reset_instead");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const now = deps.clock.now();
  const next = transition(flow, "reset_instead", "password", { action: "reset" });
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, "reset_instead", "success", now)]),
  );
  if (!saved) return paced(deps, caller, fail("flow_changed"));
  return paced(deps, caller, succeed(stepResult(deps, savedVersionOf(next), policy)));
}

/** NOT_LOCKED → CANCELLED by the user's "Finish": nothing was changed. */
export async function finishNotLocked(deps: ResetDeps, caller: FlowCaller): Promise<StepOutcome> {
  const loaded = await loadForSubmission(deps, caller, "finish");
  if (!loaded.ok) return paced(deps, caller, loaded);
  const { flow, policy } = loaded.value;
  const now = deps.clock.now();
  const next = transition(flow, "finish", "cancelled", { endedAt: now, endReason: FINISHED_NOT_LOCKED });
  const saved = await saveStep(deps, flow, next, (stores) =>
    stores.audit.append([flowProgressEvent(flow, FINISHED_NOT_LOCKED, "success", now)]),
  );
  if (!saved) return paced(deps, caller, fail("flow_changed"));
  return paced(deps, caller, succeed(stepResult(deps, savedVersionOf(next), policy)));
}
