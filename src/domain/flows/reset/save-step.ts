/** Writes a step in one transaction: the flow (only if nobody changed it meanwhile), its events, its messages. */
import type { TransactionStores } from "../../ports.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

/** Saves `next` over `loaded` and runs `work` in the same transaction; false when another request won. */
export async function saveStep(
  deps: Pick<ResetDeps, "unitOfWork">,
  loaded: ResetFlow,
  next: ResetFlow,
  work: (stores: TransactionStores) => Promise<void> = () => Promise.resolve(),
): Promise<boolean> {
  return deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.flows.saveIfVersion(next, loaded.version))) return false;
    await work(stores);
    return true;
  });
}

/** The flow as saved: one version later. */
export function savedVersionOf(flow: ResetFlow): ResetFlow {
  return { ...flow, version: flow.version + 1 };
}
