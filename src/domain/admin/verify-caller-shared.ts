/**
 * What both ways of "Verify caller" (SPEC §10) share — a code sent to the caller, and the code the caller's own
 * authenticator app shows: whom a pending check belongs to, the per-user cap C1, and how a check is judged and
 * audited (never the code).
 */
import { secondsAfter, secondsBefore } from "../../lib/time.js";
import { HOUR_SECONDS } from "../policies/attempt-policy.js";
import type { TransactionStores, VerifiedMethod } from "../ports.js";
import type { RegistrationChallenge } from "../registration/registration-ports.js";
import { type AdminActor, actorLabelOf } from "./admin-actor.js";
import type { AdminUserView } from "./admin-ports.js";

/**
 * C1: caller verifications of one user by any helpdesk, per hour (beyond SPEC §8.2's per-recipient caps): codes
 * sent, and checks of an app's code begun. One a recipient cap then drops counts too: C1 bounds how often anyone may
 * try to reach the user in the helpdesk's name, and, with 3 tries each, how many app codes anyone may guess.
 */
export const CALLER_CODES_PER_USER = { limit: 5, windowSeconds: HOUR_SECONDS } as const;
/** The challenge outlives its code a little, so a late read-back says "expired" rather than "not found". */
export const CHALLENGE_SECONDS = 600;

/** What checking a read-back code found; `replayed`: an app code already accepted once (SND-207). */
export type CallerCheckResult = "verified" | "not_verified" | "replayed" | "expired" | "too_many_attempts";

/**
 * Whom a pending check belongs to, and about whom: the admin's session (the portal), else the token or the console,
 * with the target user. One pending check per (holder, user): a new one for the same user replaces the old one, and
 * two tabs of one session verifying two callers keep one each. Prefixed, so a self-service page looking up its own
 * session's challenges (the admin's step-up) never finds a caller's code.
 */
export function callerBindingOf(actor: AdminActor, sessionId: string | null, userRef: string): string {
  // The admin's ref too: a session id alone would do today, but then a stolen id would be the only lock.
  const holder =
    actor.type === "admin" && sessionId !== null ? `session:${actor.ref}:${sessionId}` : actorLabelOf(actor);
  return `verify-caller:${holder}:user:${userRef}`;
}

/** C1 for the user: true when another verification would pass the hourly cap (the lock is held until commit). */
export async function overUserCap(stores: TransactionStores, user: AdminUserView, now: Date): Promise<boolean> {
  const key = `u:${user.ref}`;
  await stores.throttles.serialise("C1", key);
  const since = secondsBefore(now, CALLER_CODES_PER_USER.windowSeconds);
  const sent = await stores.throttles.count("C1", key, since, CALLER_CODES_PER_USER.limit);
  if (sent >= CALLER_CODES_PER_USER.limit) return true;
  await stores.throttles.hit("C1", key, now);
  return false;
}

/** What a pending check is made of: whose, about which method and route, when its code ends, and the code if sent. */
export interface PendingCallerCheck {
  readonly id: string;
  readonly actor: AdminActor;
  readonly sessionId: string | null;
  readonly user: AdminUserView;
  readonly method: VerifiedMethod;
  readonly route: { readonly channel: string; readonly masked: string };
  readonly now: Date;
  readonly codeExpiresAt: Date;
  /** The sent code's keyed hash; null for an app check, whose code the caller's app holds. */
  readonly sent: { readonly codeHmac: Uint8Array; readonly keyId: string } | null;
}

/** The challenge row of a pending check, the one shape both ways store (one per holder and user: callerBindingOf). */
export function pendingCallerChallenge(check: PendingCallerCheck): RegistrationChallenge {
  const { now, user, method, route } = check;
  return {
    id: check.id,
    userRef: user.ref,
    sessionId: callerBindingOf(check.actor, check.sessionId, user.ref),
    purpose: "verify_caller",
    method: method.method,
    target: method.id,
    replacesId: null,
    codeHmac: check.sent?.codeHmac ?? null,
    keyId: check.sent?.keyId ?? null,
    payload: { channel: route.channel, masked: route.masked },
    attempts: 0,
    sends: check.sent === null ? 0 : 1,
    codeExpiresAt: check.codeExpiresAt,
    dropAt: secondsAfter(now, CHALLENGE_SECONDS),
    consumedAt: null,
    createdAt: now,
  };
}

/** A check's verdict, and the challenge it was made against (null when none of this sender's was found). */
export interface Judged {
  readonly result: CallerCheckResult;
  readonly attemptsLeft: number;
  readonly challenge: RegistrationChallenge | null;
}

const REASON_OF: Readonly<Record<CallerCheckResult, string>> = {
  verified: "caller_verified",
  not_verified: "caller_wrong_code",
  replayed: "caller_code_replayed",
  expired: "caller_code_expired",
  too_many_attempts: "caller_too_many_attempts",
};

/** `caller.verified` with the result; the method and masked target when the challenge was found. Never the code. */
export function checkedEvent(judged: Judged) {
  const masked = judged.challenge?.payload["masked"];
  const about =
    judged.challenge === null
      ? {}
      : {
          method: judged.challenge.method,
          ...(typeof masked === "string" && masked !== "" ? { maskedTarget: masked } : {}),
        };
  const result = judged.result === "verified" ? "success" : "failure";
  return { activity: "caller.verified", result, reason: REASON_OF[judged.result], ...about } as const;
}
