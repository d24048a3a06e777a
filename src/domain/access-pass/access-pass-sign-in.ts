/**
 * Signing in with a temporary access pass (SPEC §18): user ID plus the one-time code, under the same CAPTCHA gate and
 * smart lockout as a password (a wrong code counts as a wrong password). A right code spends the pass, turns
 * must-change on (the user chooses a password without typing a current one) and starts an `access_pass` session,
 * which counts as a fresh step-up so the user can register methods at once. It works with no method registered.
 */
import type { AuditEvent } from "../audit-events.js";
import {
  admitAttempt,
  answerLocked,
  recordWrongPassword,
  refuseAfterRightPassword,
  type SignInResult,
  shownMinutes,
  wrongPasswordHmac,
} from "../flows/sign-in/password-sign-in.js";
import { startSession } from "../flows/sign-in/session-lifecycle.js";
import type { SignInCaller, SignInDeps } from "../flows/sign-in/sign-in-deps.js";
import { signInEvent } from "../flows/sign-in/sign-in-events.js";
import { passCaptchaGate } from "../flows/sign-in/spray-guard.js";
import type { TransactionStores } from "../ports.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../user-id.js";
import type { UserAccount } from "../users.js";
import { normaliseAccessPassCode } from "./access-pass-code.js";
import type { AccessPass } from "./access-pass-ports.js";

export interface AccessPassSignInInput {
  readonly typedUserId: string;
  readonly code: string;
  readonly caller: SignInCaller;
  readonly captcha?: string | undefined;
}

function passEvent(
  activity: "access_pass.used" | "access_pass.expired",
  input: { user: UserAccount; caller: SignInCaller; now: Date; result?: AuditEvent["result"]; reason?: string },
): AuditEvent {
  const { user, caller, now } = input;
  // The sign-in events' actor, target and origin, under the pass's own activity.
  const event = signInEvent({
    activity: "signin.succeeded",
    result: input.result ?? "success",
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    subject: { userId: user.userId, user },
    origin: caller,
    time: now,
  });
  return { ...event, activity };
}

/** The open pass of the account; one past its end is closed as "expired" and audited, and counts as none. */
async function openPass(
  stores: TransactionStores,
  input: { user: UserAccount; caller: SignInCaller; now: Date },
): Promise<AccessPass | null> {
  const pass = await stores.accessPasses.findOpen(input.user.ref);
  if (pass === null || pass.expiresAt.getTime() > input.now.getTime()) return pass;
  if (await stores.accessPasses.end(pass.id, "expired", pass.expiresAt))
    await stores.audit.append([passEvent("access_pass.expired", input)]);
  return null;
}

/** Unknown, disabled, locked accounts and accounts without a pass burn a dummy verify, as a wrong password does. */
async function isCodeRight(deps: SignInDeps, user: UserAccount | null, pass: AccessPass | null, code: string) {
  if (user === null || pass === null || !user.enabled || user.adminLocked) {
    await deps.hasher.verifyDummy(code);
    return false;
  }
  return deps.hasher.verify(pass.passHash, code);
}

/** Spends the pass (exactly one racing sign-in wins), turns must-change on and audits; false when it lost the race. */
function spend(deps: SignInDeps, input: { user: UserAccount; pass: AccessPass; caller: SignInCaller }) {
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.accessPasses.end(input.pass.id, "used", now))) return false;
    await stores.accounts.setMustChangePassword(input.user.ref, true);
    await stores.audit.append([passEvent("access_pass.used", { ...input, now })]);
    return true;
  });
}

/** Signs in with user ID and temporary access pass; the answers match the password sign-in's. */
export async function signInWithAccessPass(deps: SignInDeps, input: AccessPassSignInInput): Promise<SignInResult> {
  const gate = await passCaptchaGate(deps, { ip: input.caller.ip, captcha: input.captcha, now: deps.clock.now() });
  if (gate !== "passed") return { ok: false, reason: gate };
  const userId = normaliseUserId(input.typedUserId);
  if (!isUserIdSyntaxValid(userId)) return { ok: false, reason: "SND-113" };
  const code = normaliseAccessPassCode(input.code);
  const user = await deps.users.findUserByUserId(userId);
  const subject = { userId, user };
  // Keyed apart from passwords, so a code never matches a remembered wrong password.
  const hmac = wrongPasswordHmac(deps, userId, `access-pass:${code}`);
  const now = deps.clock.now();
  const admission = await deps.unitOfWork.inTransaction(async (stores) => {
    const admitted = await admitAttempt(stores, deps, userId, hmac);
    const pass = user === null ? null : await openPass(stores, { user, caller: input.caller, now });
    return { admitted, pass };
  });
  if (admission.admitted.kind === "locked")
    return answerLocked(deps, subject, input.caller, admission.admitted.minutes);
  const pass = admission.pass;
  const right = await isCodeRight(deps, user, pass, code);
  if (right && user !== null && pass !== null) {
    if (user.securityHold) return refuseAfterRightPassword(deps, subject, input.caller, "SND-306");
    if (await spend(deps, { user, pass, caller: input.caller })) {
      const sessionToken = await startSession(deps, user, input.caller, "access_pass");
      return { ok: true, value: { sessionToken, user: { ...user, mustChangePassword: true } } };
    }
  }
  const saved = await recordWrongPassword(deps, {
    subject,
    caller: input.caller,
    passwordHmac: hmac,
    counted: admission.admitted.counted,
  });
  return { ok: false, reason: "signin_failed", lockedMinutes: shownMinutes(deps, saved, deps.clock.now()) };
}
