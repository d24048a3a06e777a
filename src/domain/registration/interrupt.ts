/**
 * The registration interrupt after a sign-in (SPEC §5.2): whether it shows, why (register the missing methods,
 * reconfirm, or a forced re-registration), and whether "Skip for now (N days left)" is offered. Pure.
 */
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { AccountState } from "../users.js";
import type { Readiness } from "./readiness.js";

const DAY_MILLISECONDS = 24 * 3600 * 1000;

export type InterruptMode = "register" | "reconfirm" | "forced";

export type InterruptDecision =
  | { readonly show: false }
  | {
      readonly show: true;
      readonly mode: InterruptMode;
      /** Days of skipping left (counted from the first interrupt), or null when skipping is not offered. */
      readonly skipDaysLeft: number | null;
    };

function reconfirmDue(policy: SsprPolicy, confirmedAt: Date | null, now: Date): boolean {
  const days = policy.registration.reconfirmDays;
  if (days === 0 || confirmedAt === null) return false;
  return confirmedAt.getTime() + days * DAY_MILLISECONDS <= now.getTime();
}

function skipDaysLeft(policy: SsprPolicy, firstPromptAt: Date | null, now: Date): number | null {
  if (!policy.registration.skipAllowed) return null;
  const elapsed = firstPromptAt === null ? 0 : Math.floor((now.getTime() - firstPromptAt.getTime()) / DAY_MILLISECONDS);
  const left = policy.registration.maxSkipDays - elapsed;
  return left > 0 ? left : null;
}

/** SPEC §5.2 for one user right after a sign-in. Privileged users must register first, with no skip. */
export function interruptFor(input: {
  readonly readiness: Readiness;
  readonly account: Pick<AccountState, "registrationDates">;
  readonly policy: SsprPolicy;
  readonly now: Date;
}): InterruptDecision {
  const { readiness, policy, now } = input;
  const dates = input.account.registrationDates;
  // An interrupt the user cannot satisfy (too few methods can be registered in this build) would only lock them out.
  if (!readiness.registered && readiness.registeredKinds.length + readiness.addable.length < readiness.toRegister)
    return { show: false };
  if (readiness.privileged && !readiness.registered) return { show: true, mode: "forced", skipDaysLeft: null };
  if (!policy.registration.requiredAtSignIn || !readiness.enabled) return { show: false };
  if ((dates?.forcedAt ?? null) !== null) return { show: true, mode: "forced", skipDaysLeft: null };
  const mode: InterruptMode | null = !readiness.registered
    ? "register"
    : reconfirmDue(policy, dates?.confirmedAt ?? null, now)
      ? "reconfirm"
      : null;
  if (mode === null) return { show: false };
  return { show: true, mode, skipDaysLeft: skipDaysLeft(policy, dates?.firstPromptAt ?? null, now) };
}
