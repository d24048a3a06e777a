/**
 * Password sign-in under smart lockout and I3: while I3 holds, no solved CAPTCHA, no attempt; then count, compare,
 * record — a locked ID is answered before any check, and every failure counts against the caller's IP.
 */
import { matchPasswordDummy } from "../../../lib/crypto/password-hash.js";
import { hmacSha256 } from "../../../lib/crypto/sha256.js";
import type { UserAccount, SignInLockout, TransactionStores } from "../../ports.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../../user-id.js";
import {
  type CountedFailure,
  countFailure,
  currentLockout,
  isLocked,
  isRepeatedWrongPassword,
  lockSeconds,
  minutesLeft,
  rememberWrongPassword,
} from "./lockout-policy.js";
import type { SignInCaller, SignInDeps, SignInFailure } from "./sign-in-deps.js";
import { FAILURE_REASONS, signInEvent } from "./sign-in-events.js";
import { markIfPasswordCompromised } from "./compromised-password.js";
import { withPasswordExpiry } from "./expired-password.js";
import { startSession } from "./session-lifecycle.js";
import { isTemporaryPasswordExpired, noteTemporaryPasswordUsed } from "./temporary-password-expiry.js";
import { countFailureFromIp, passCaptchaGate } from "./spray-guard.js";

/** What a sign-in attempt gives the page: a session token, or a failure with the {n} of the shared message. */
export type SignInResult =
  | { ok: true; value: { sessionToken: string; user: UserAccount } }
  | { ok: false; reason: SignInFailure; lockedMinutes?: number };

/** Whether the attempt may check a password, decided and counted before the (slow) check. */
type Admission =
  | { readonly kind: "locked"; readonly minutes: number }
  | { readonly kind: "admitted"; readonly counted: CountedFailure | null };

/** Keyed, and bound to the ID, so one wrong password on two IDs leaves no shared trace. */
export function wrongPasswordHmac(deps: SignInDeps, userId: string, password: string): string {
  const digest = hmacSha256(deps.lockoutKey, `signin-wrong:${userId}\u0000${password}`);
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Counted before the password is compared, as codes are: a burst of parallel guesses all count, instead of all
 * slipping past the lock check while their Argon2 verifies run. A right password then clears the count again.
 */
export async function admitAttempt(
  stores: TransactionStores,
  deps: SignInDeps,
  userId: string,
  passwordHmac: string,
): Promise<Admission> {
  const now = deps.clock.now();
  const lockout = currentLockout(await stores.signInLockouts.find(userId), userId, now);
  if (isLocked(lockout, now)) return { kind: "locked", minutes: minutesLeft(lockout, now) };
  if (isRepeatedWrongPassword(lockout, passwordHmac)) return { kind: "admitted", counted: null };
  const counted = countFailure(lockout, deps.settings, now);
  await stores.signInLockouts.save(counted.lockout);
  return { kind: "admitted", counted };
}

/** Unknown, disabled and admin-locked accounts burn a dummy verify: their answer and timing match a wrong password. */
async function isPasswordRight(deps: SignInDeps, user: UserAccount | null, password: string): Promise<boolean> {
  if (user === null || !user.enabled || user.adminLocked) {
    await matchPasswordDummy(deps.hasher, password);
    return false;
  }
  return deps.directory.verifyPassword(user, password);
}

function failureReason(user: UserAccount | null, counted: CountedFailure | null): string {
  if (user === null) return "SND-101";
  if (!user.enabled) return "SND-103";
  if (user.adminLocked) return "SND-411";
  return counted === null ? FAILURE_REASONS.passwordRepeated : FAILURE_REASONS.passwordWrong;
}

/** The {n} of the shared message: time left on a lock, or else a first lock's length, so the text reads the same. */
export function shownMinutes(deps: SignInDeps, lockout: SignInLockout | null, now: Date): number {
  if (lockout !== null && isLocked(lockout, now)) return minutesLeft(lockout, now);
  return Math.max(1, Math.ceil(lockSeconds(deps.settings, 1) / 60));
}

/** The normalised typed ID, and the account when one was found. */
interface AttemptSubject {
  readonly userId: string;
  readonly user: UserAccount | null;
}

interface WrongAttempt {
  readonly subject: AttemptSubject;
  readonly caller: SignInCaller;
  readonly passwordHmac: string;
  readonly counted: CountedFailure | null;
}

/** Remembers the wrong password, hard-locks the account at 100, and audits; returns the record as saved. */
export async function recordWrongPassword(deps: SignInDeps, attempt: WrongAttempt): Promise<SignInLockout> {
  const { subject, caller, counted } = attempt;
  const now = deps.clock.now();
  const origin = { subject, origin: caller, time: now };
  // Read before the transaction: on PGlite a read outside it would wait for its one connection.
  const ipLimit = (await deps.currentPolicy()).flood.signInFailuresPerIpPer10Minutes;
  return deps.unitOfWork.inTransaction(async (stores) => {
    const lockout = currentLockout(await stores.signInLockouts.find(subject.userId), subject.userId, now);
    const saved = rememberWrongPassword(lockout, attempt.passwordHmac);
    await stores.signInLockouts.save(saved);
    const events = [
      signInEvent({
        activity: "signin.failed",
        result: "failure",
        reason: failureReason(subject.user, counted),
        ...origin,
      }),
    ];
    if (counted?.lockStarted === true)
      events.push(signInEvent({ activity: "signin.locked", result: "success", reason: "SND-307", ...origin }));
    if (counted?.hardLockReached === true && subject.user !== null && !subject.user.adminLocked) {
      await stores.accounts.setAdminLock(subject.user.ref, true, now);
      events.push(signInEvent({ activity: "signin.locked", result: "success", reason: "SND-411", ...origin }));
    }
    events.push(...(await countFailureFromIp(stores.throttles, { caller, now, limit: ipLimit })));
    await stores.audit.append(events);
    return saved;
  });
}

/**
 * A right password under a security hold (SND-306) or an expired temporary password (SND-308): the counter is
 * cleared (the password is proven), the session refused.
 */
export async function refuseAfterRightPassword(
  deps: SignInDeps,
  subject: AttemptSubject,
  caller: SignInCaller,
  reason: "SND-306" | "SND-308",
): Promise<SignInResult> {
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.signInLockouts.clear(subject.userId);
    await stores.audit.append([
      signInEvent({
        activity: "signin.failed",
        result: "failure",
        reason,
        subject,
        origin: caller,
        time: now,
      }),
    ]);
  });
  return { ok: false, reason };
}

export async function answerLocked(
  deps: SignInDeps,
  subject: AttemptSubject,
  caller: SignInCaller,
  minutes: number,
): Promise<SignInResult> {
  const now = deps.clock.now();
  const event = signInEvent({
    activity: "signin.failed",
    result: "failure",
    reason: "SND-307",
    subject,
    origin: caller,
    time: now,
  });
  // A locked ID still counts against the IP: a sprayer cycling through locked accounts would otherwise go free.
  const limit = (await deps.currentPolicy()).flood.signInFailuresPerIpPer10Minutes;
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.audit.append([event, ...(await countFailureFromIp(stores.throttles, { caller, now, limit }))]);
  });
  return { ok: false, reason: "signin_failed", lockedMinutes: minutes };
}

/** What one attempt brings: the typed ID and password, the caller, and the CAPTCHA payload if the form had one. */
export interface SignInInput {
  readonly typedUserId: string;
  readonly password: string;
  readonly caller: SignInCaller;
  readonly captcha?: string | undefined;
}

/** Signs in with a user ID and password (SPEC §5.1, §8.2 I3, §8.3). */
export async function signInWithPassword(deps: SignInDeps, input: SignInInput): Promise<SignInResult> {
  const { ip } = input.caller;
  const gate = await passCaptchaGate(deps, { ip, captcha: input.captcha, now: deps.clock.now() });
  // Refused before the ID is looked up or any password checked, so the answer is the same for every account. Not
  // audited: a sprayer without solutions would write a row per request, and the crossing into I3 is already there.
  if (gate !== "passed") return { ok: false, reason: gate };
  const userId = normaliseUserId(input.typedUserId);
  if (!isUserIdSyntaxValid(userId)) return { ok: false, reason: "SND-113" };
  const user = await deps.users.findUserByUserId(userId);
  const subject = { userId, user };
  const passwordHmac = wrongPasswordHmac(deps, userId, input.password);
  const admission = await deps.unitOfWork.inTransaction((stores) => admitAttempt(stores, deps, userId, passwordHmac));
  // While locked no password is checked, for known and unknown IDs alike: the lock shields the directory too.
  if (admission.kind === "locked") return answerLocked(deps, subject, input.caller, admission.minutes);
  const passwordRight = await isPasswordRight(deps, user, input.password);
  if (passwordRight && user !== null) {
    if (user.securityHold) return refuseAfterRightPassword(deps, subject, input.caller, "SND-306");
    if (isTemporaryPasswordExpired(user, deps.clock.now()))
      return refuseAfterRightPassword(deps, subject, input.caller, "SND-308");
    await noteTemporaryPasswordUsed(deps, user);
    // Evidence of compromise (SPEC §18): a password in the global list marks must-change; the sign-in goes on.
    const marked = await markIfPasswordCompromised(deps, { user, password: input.password, caller: input.caller });
    const signedIn = await withPasswordExpiry(deps, marked, "password");
    const sessionToken = await startSession(deps, signedIn, input.caller);
    return { ok: true, value: { sessionToken, user: signedIn } };
  }
  const saved = await recordWrongPassword(deps, {
    subject,
    caller: input.caller,
    passwordHmac,
    counted: admission.counted,
  });
  return { ok: false, reason: "signin_failed", lockedMinutes: shownMinutes(deps, saved, deps.clock.now()) };
}

/**
 * Checks the current password of a signed-in user (change password, SPEC §9.5) under the same smart lockout as the
 * sign-in form, so a stolen session cannot be used to guess the password at leisure. A right password clears the
 * counter; a wrong one is counted, remembered and audited as a failed sign-in. No CAPTCHA: the session is proof of
 * a browser.
 */
export async function checkCurrentPassword(
  deps: SignInDeps,
  input: { user: UserAccount; password: string; caller: SignInCaller },
): Promise<{ right: true } | { right: false; lockedMinutes: number }> {
  const { user, password, caller } = input;
  const subject = { userId: user.userId, user };
  const passwordHmac = wrongPasswordHmac(deps, user.userId, password);
  const admission = await deps.unitOfWork.inTransaction((stores) =>
    admitAttempt(stores, deps, user.userId, passwordHmac),
  );
  if (admission.kind === "locked") {
    await answerLocked(deps, subject, caller, admission.minutes);
    return { right: false, lockedMinutes: admission.minutes };
  }
  if (await deps.directory.verifyPassword(user, password)) {
    await deps.unitOfWork.inTransaction((stores) => stores.signInLockouts.clear(user.userId));
    return { right: true };
  }
  const saved = await recordWrongPassword(deps, { subject, caller, passwordHmac, counted: admission.counted });
  return { right: false, lockedMinutes: shownMinutes(deps, saved, deps.clock.now()) };
}
