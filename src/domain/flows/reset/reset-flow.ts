/** The reset flow model: stored state moved along the table in reset-states.ts. */
import type { MethodStepId, StepData } from "../../methods/method-steps.js";
import type { MethodId } from "../../methods.js";
import type { ReasonCode } from "../../reasons.js";
import type { Language } from "../../users.js";
import type { ResetState } from "./reset-states.js";

/** Where the user is inside GATE_CHALLENGE: a step of the current method (its contact value, its code…). */
export type GateStep = MethodStepId;

export interface ResetFlow {
  readonly id: string;
  /** SHA-256 of the handle's secret; the handle lives only in the browser's cookie. */
  readonly secretHash: Uint8Array;
  readonly supportCode: string;
  readonly state: ResetState;
  readonly action: "reset" | "unlock";
  /** The ID as the user typed it, normalised. */
  readonly typedUserId: string;
  /** The account this flow serves; null for an unknown ID. */
  readonly userRef: string | null;
  /** Why the flow is inert (SPEC §6.4); null for a real flow. Never shown before a gate is passed. */
  readonly inertReason: ReasonCode | null;
  readonly methodsPassed: readonly MethodId[];
  readonly currentMethod: MethodId | null;
  readonly gateStep: GateStep | null;
  readonly passwordSubmissions: number;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
  /** SPEC §11.2 reason the flow ended with (`succeeded:reset`, `superseded`, …). */
  readonly endReason: string | null;
  readonly lang: Language;
  readonly ip: string;
  readonly version: number;
  /** What the current gate step shows of itself (see StepData); absent or null outside a gate. */
  readonly stepData?: StepData | null | undefined;
  /** When the flow entered WRITING (a directory write in flight); absent in every other state. */
  readonly writingSince?: Date | undefined;
}

export const FLOW_LIFETIME_SECONDS = 15 * 60;
export const MAX_PASSWORD_SUBMISSIONS = 10;

/** The gate the user is on: 1 before any method passed, 2 after one. */
export function currentGate(flow: ResetFlow): number {
  return flow.methodsPassed.length + 1;
}

/** True when the flow's absolute lifetime has run out. */
export function isExpired(flow: ResetFlow, now: Date): boolean {
  return now.getTime() >= flow.expiresAt.getTime();
}
