/**
 * V10's count (SPEC §3): users who can reset under the live policy and could not under a draft. The policy save asks
 * through this seam; the policy simulation (`simulatedLossCounter`) answers it for every person of the directory.
 */
import type { ResetLoss } from "../policies/policy-validation.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";

/** Counts the loss of a change from `live` to `draft`, or null when it was not counted. */
export type LossCounter = (live: SsprPolicy, draft: SsprPolicy) => Promise<ResetLoss | null>;
