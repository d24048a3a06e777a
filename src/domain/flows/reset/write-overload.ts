/**
 * A password write refused for overload (the hasher or the database was full: nothing was written) must not leave
 * the flow in WRITING, where only housekeeping would end it, as FAILED, 30 s later. The flow goes back to PASSWORD,
 * the submission uncounted (the user broke no rule), and the error goes on to be answered 503 with Retry-After.
 */
import { isOverload } from "../../../lib/overload.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { transition } from "./reset-transition.js";
import { saveStep } from "./save-step.js";

/** Runs `write` for the flow saved as WRITING; on an overload, puts the flow back to PASSWORD and rethrows. */
export async function writeReleasingOnOverload<T>(
  deps: Pick<ResetDeps, "unitOfWork">,
  writing: ResetFlow,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isOverload(error)) throw error;
    const back = transition(writing, "finish_write", "password", { writingSince: undefined });
    // The database may be the full resource: then housekeeping ends the flow, as for any write that never returned.
    await saveStep(deps, writing, back).catch(() => false);
    throw error;
  }
}
