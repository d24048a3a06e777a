/**
 * SPEC §5.1's freshness rule before any security-info change: a user who has a non-question method must have
 * passed one of them (a step-up; a passkey sign-in counts) within 10 minutes; a user with none must have signed
 * in within 10 minutes, or gives the password again. Pure.
 */
import { kindOfMethod } from "../methods.js";
import type { Session, VerifiedMethod } from "../ports.js";

export const FRESHNESS_SECONDS = 600;

/** `fresh`: changes may go ahead; `step_up`: pass a registered non-question method; `password`: give it again. */
export type Freshness = "fresh" | "step_up" | "password";

function within(at: Date | null | undefined, now: Date): boolean {
  return at !== null && at !== undefined && now.getTime() - at.getTime() < FRESHNESS_SECONDS * 1000;
}

/** Methods that may prove the user at a step-up: every registered kind but questions. */
export function stepUpMethods(methods: readonly VerifiedMethod[]): VerifiedMethod[] {
  return methods.filter((method) => kindOfMethod(method.method) !== "questions");
}

export function freshnessOf(
  session: Pick<Session, "createdAt" | "signedInWith" | "steppedUpAt">,
  methods: readonly VerifiedMethod[],
  now: Date,
): Freshness {
  if (within(session.steppedUpAt, now)) return "fresh";
  // A passkey or a temporary access pass (SPEC §18) is itself a strong proof: fresh for 10 minutes.
  if (session.signedInWith !== "password" && within(session.createdAt, now)) return "fresh";
  if (stepUpMethods(methods).length > 0) return "step_up";
  return within(session.createdAt, now) ? "fresh" : "password";
}
