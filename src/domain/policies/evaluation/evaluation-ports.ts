/**
 * Evaluation mode (issue 12 item 4): a draft policy runs beside the live one for 1–30 days. Each reset flow's
 * eligibility checks record what the draft would have decided next to what the live policy decided; nothing the
 * draft decides is enforced. The store keeps the evaluations and their decisions (reason codes, flow ids, times).
 */
import type { SsprPolicy } from "../sspr-policy.js";

export const EVALUATION_MIN_DAYS = 1;
export const EVALUATION_MAX_DAYS = 30;

/** Where in a flow the decision was taken: at identify, or a re-check before a gate, the password or the unlock. */
export type DecisionStep = "identify" | "recheck";

export type EvaluationEnd = "stopped" | "adopted" | "expired";

export interface PolicyEvaluation {
  readonly id: string;
  readonly draft: SsprPolicy;
  /** Who started it, as a policy version names its author (`admin:<userId>`, `system:console`). */
  readonly startedBy: string;
  readonly startedAt: Date;
  readonly endsAt: Date;
  readonly stoppedBy: string | null;
  readonly stoppedAt: Date | null;
  readonly endReason: EvaluationEnd | null;
}

export interface EvaluationDecision {
  readonly evaluationId: string;
  readonly flowId: string;
  readonly step: DecisionStep;
  /** SPEC §13.2 code of the live decision, null when the flow goes on. */
  readonly liveReason: string | null;
  readonly draftReason: string | null;
  readonly at: Date;
}

/** Decisions counted by what each policy said. */
export interface DecisionCount {
  readonly step: DecisionStep;
  readonly liveReason: string | null;
  readonly draftReason: string | null;
  readonly decisions: number;
  /** Distinct flows behind them. */
  readonly flows: number;
}

export interface EvaluationStore {
  /** Inserts a new evaluation; "running" when one without a stop time exists. */
  start(evaluation: PolicyEvaluation): Promise<"started" | "running">;
  /** The evaluation without a stop time (running, or past its end and not yet closed), or null. */
  open(): Promise<PolicyEvaluation | null>;
  /** The newest evaluation, open or closed, or null. */
  latest(): Promise<PolicyEvaluation | null>;
  /** Closes the open evaluation `id`; false when it was closed already. */
  close(id: string, end: { by: string; at: Date; reason: EvaluationEnd }): Promise<boolean>;
  record(decisions: readonly EvaluationDecision[]): Promise<void>;
  /** Every (step, live, draft) combination the evaluation met, with its counts. */
  countDecisions(evaluationId: string): Promise<DecisionCount[]>;
}

/** True while `evaluation` is open and before its end. */
export function isRunning(evaluation: PolicyEvaluation | null, now: Date): boolean {
  return evaluation !== null && evaluation.stoppedAt === null && evaluation.endsAt.getTime() > now.getTime();
}
