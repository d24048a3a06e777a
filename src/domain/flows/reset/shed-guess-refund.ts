/**
 * A check the hasher shed costs the user no attempt. The security-questions gate verifies its answers under one
 * hasher admission (SPEC §4.6), which a full queue refuses before the first hash: the user is answered 503 and asked
 * to retry, and nothing was judged. admitCodeGuess has counted the check in A1 and A2 by then (ADR 0013), so without
 * this a burst of other people's hashing would eat the user's attempts and could block the account.
 */
import { CapacityExceededError } from "../../../lib/concurrency-limit.js";
import { accountKey } from "../../policies/attempt-policy.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

/**
 * Runs `judgeGuess`; when the hasher refuses it at admission, takes back the hits admitCodeGuess took for this
 * check (A1's provisional failure and, for `checkCounter` "A2", the A2 hit) and rethrows the refusal. Only the
 * hasher's refusal is refunded: it comes before any comparison, so it tells nothing about the proof, whereas an
 * error after a method compared could answer a right guess apart from a wrong one, and a refund would make it free.
 */
export async function refundGuessWhenHasherSheds<T>(
  deps: Pick<ResetDeps, "unitOfWork">,
  input: { flow: ResetFlow; checkCounter: "A2" | null },
  judgeGuess: () => Promise<T>,
): Promise<T> {
  try {
    return await judgeGuess();
  } catch (error) {
    if (isHasherRefusal(error)) await takeBackAdmittedHits(deps, input);
    throw error;
  }
}

/** The hasher's admission refused the work, thrown as it is or as the cause of another error. */
function isHasherRefusal(error: unknown): boolean {
  return (
    error instanceof CapacityExceededError || (error instanceof Error && error.cause instanceof CapacityExceededError)
  );
}

/** Removes the newest A1 hit and, for A2 checks, the newest A2 hit, each under its key's lock (A1 before A2). */
async function takeBackAdmittedHits(
  deps: Pick<ResetDeps, "unitOfWork">,
  input: { flow: ResetFlow; checkCounter: "A2" | null },
): Promise<void> {
  const key = accountKey(input.flow.userRef, input.flow.typedUserId);
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.serialise("A1", key);
    await stores.throttles.removeNewestHit("A1", key);
    if (input.checkCounter === null) return;
    await stores.throttles.serialise("A2", key);
    await stores.throttles.removeNewestHit("A2", key);
  });
}
