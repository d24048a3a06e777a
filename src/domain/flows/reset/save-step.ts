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

/** Thrown inside `saveStepConsuming`'s transaction to roll the flow's move back when the challenge was already used. */
class ChallengeAlreadyUsed extends Error {}

/**
 * `saveStep` for a passed gate: the challenge is consumed in the same transaction as the flow's move (flow first, as
 * every step locks it), so a right code costs one commit instead of two. Of racing right guesses only one consumes
 * it; for the others nothing is written and the answer is false, as for a lost flow save.
 */
export async function saveStepConsuming(
  deps: Pick<ResetDeps, "unitOfWork">,
  input: { loaded: ResetFlow; next: ResetFlow; challengeId: string; now: Date },
  work: (stores: TransactionStores) => Promise<void>,
): Promise<boolean> {
  try {
    return await saveStep(deps, input.loaded, input.next, async (stores) => {
      if (!(await stores.challenges.consume(input.challengeId, input.now))) throw new ChallengeAlreadyUsed();
      await work(stores);
    });
  } catch (error) {
    if (error instanceof ChallengeAlreadyUsed) return false;
    throw error;
  }
}

/** The flow as saved: one version later. */
export function savedVersionOf(flow: ResetFlow): ResetFlow {
  return { ...flow, version: flow.version + 1 };
}
