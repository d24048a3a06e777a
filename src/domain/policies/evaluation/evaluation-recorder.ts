/**
 * What a reset flow calls at each eligibility check while an evaluation runs: the draft's decision through the same
 * `checkEligibility` (and the same organisation-wide checks) as the live one, recorded beside it; nothing enforced.
 * The open evaluation is read at most once per `cacheMilliseconds` (as the policy is), so a flow pays a query only
 * when a draft is being evaluated. Known and unknown IDs record alike (SPEC §6.4: equal work).
 */
import type { Clock } from "../../../lib/clock.js";
import type { RegistrableKind } from "../../methods.js";
import type { VerifiedMethod } from "../../ports.js";
import type { UserAccount } from "../../users.js";
import { checkEligibility, type Eligibility } from "../eligibility.js";
import type { MethodId } from "../../methods.js";
import { checkPolicy, type SsprPolicy } from "../sspr-policy.js";
import { type DecisionStep, type EvaluationStore, isRunning, type PolicyEvaluation } from "./evaluation-ports.js";

export interface EvaluationCheck {
  readonly flowId: string;
  readonly step: DecisionStep;
  readonly user: UserAccount | null;
  readonly verified: readonly VerifiedMethod[];
  readonly live: Eligibility;
  readonly gateKinds: readonly RegistrableKind[];
}

export interface EvaluationRecorder {
  /** Records the draft's decision beside `check.live` when an evaluation runs; never throws into the flow. */
  recordCheck(check: EvaluationCheck): Promise<void>;
}

/** SPEC §6.3 checks 0a–0b of a policy: SND-104 when its scope is None, SND-105 when it is invalid. */
export function organisationReasonOf(policy: SsprPolicy, methods: readonly MethodId[]): "SND-104" | "SND-105" | null {
  if (policy.scope === "none") return "SND-104";
  return checkPolicy(policy, methods).length > 0 ? "SND-105" : null;
}

export function createEvaluationRecorder(deps: {
  store: EvaluationStore;
  clock: Clock;
  policyMethods: readonly MethodId[];
  cacheMilliseconds: number;
  /** Where a failed recording is reported; the flow goes on regardless. */
  onError?: (error: unknown) => void;
}): EvaluationRecorder {
  let cached: { evaluation: PolicyEvaluation | null; at: number } | null = null;
  const open = async (now: Date) => {
    if (cached !== null && now.getTime() - cached.at < deps.cacheMilliseconds) return cached.evaluation;
    cached = { evaluation: await deps.store.open(), at: now.getTime() };
    return cached.evaluation;
  };
  return {
    async recordCheck(check) {
      try {
        const now = deps.clock.now();
        const evaluation = await open(now);
        if (evaluation === null || !isRunning(evaluation, now)) return;
        const draft = evaluation.draft;
        const draftReason =
          organisationReasonOf(draft, deps.policyMethods) ??
          checkEligibility(check.user, check.verified, draft, check.gateKinds).reason;
        await deps.store.record([
          {
            evaluationId: evaluation.id,
            flowId: check.flowId,
            step: check.step,
            liveReason: check.live.reason,
            draftReason,
            at: now,
          },
        ]);
      } catch (error) {
        // Evaluation is advice for an admin: a failed recording must never fail a user's reset.
        deps.onError?.(error);
      }
    },
  };
}
