/**
 * "Verify caller" by authenticator app (SPEC §10): nothing is sent. The admin asks the caller to read the code their
 * app shows now and types it; Sandi checks it with the reset gate's own TOTP check (`deps.checkAppCode`: the window,
 * and a step accepted once — at a gate, a step-up or here — is refused for good). A check is a registration
 * challenge of purpose `verify_caller` with no code in it, bound like a sent code's: 3 tries, 5 minutes, one use.
 * Beginning one counts in C1 with the sent codes (5 an hour per user), so nobody guesses more than 15 app codes of
 * one user an hour through the helpdesk. Not in A1/A2: those are the user's own self-service counters, and a
 * helpdesk's wrong tries must not block the user's reset.
 */
import { toBase64url } from "../../lib/crypto/base64url.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { secondsAfter } from "../../lib/time.js";
import { CODE_RULES } from "../policies/attempt-policy.js";
import type { TransactionStores, VerifiedMethod } from "../ports.js";
import type { RegistrationChallenge } from "../registration/registration-ports.js";
import { eventsFor } from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import type { AppCodeRoute } from "./caller-code-routes.js";
import { type Judged, overUserCap, pendingCallerChallenge } from "./verify-caller-shared.js";

export interface AppCheckBegun {
  readonly challengeId: string;
  readonly expiresAt: Date;
}

/** Begins a check of `route`'s app: C1, then the challenge; audited as `caller_code_asked:totp` (or `caller_limit:C1`). */
export async function beginAppCheck(
  deps: AdminDeps,
  actor: AdminActor,
  input: { user: AdminUserView; route: AppCodeRoute; method: VerifiedMethod; sessionId: string | null },
): Promise<Outcome<AppCheckBegun, "too_many_sends">> {
  const { user, route, method } = input;
  const now = deps.clock.now();
  const id = toBase64url(deps.random.bytes(16));
  const expiresAt = secondsAfter(now, CODE_RULES.ttlSeconds);
  const about = { method: method.method, ...(route.masked === "" ? {} : { maskedTarget: route.masked }) };
  const begun = await deps.unitOfWork.inTransaction(async (stores) => {
    const event = (result: "success" | "failure", reason: string) =>
      stores.audit.append(
        eventsFor(actor, user, now, [{ activity: "caller.verification_sent", result, reason, ...about }]),
      );
    if (await overUserCap(stores, user, now)) {
      await event("failure", "caller_limit:C1");
      return false;
    }
    await stores.registrationChallenges.create(
      pendingCallerChallenge({ ...input, id, actor, now, codeExpiresAt: expiresAt, sent: null }),
    );
    await event("success", "caller_code_asked:totp");
    return true;
  });
  return begun ? succeed({ challengeId: id, expiresAt }) : fail("too_many_sends");
}

/** Whether a challenge is an app check (no code of its own: the caller's app holds it). */
export function isAppCheck(challenge: RegistrationChallenge): boolean {
  return challenge.payload["channel"] === "app";
}

/**
 * The code read from the app, against the challenge's app: the try counted before the check, so racing guesses
 * cannot pass the cap; the app's counter moved on in the same transaction when it passes.
 */
export async function judgeAppCode(
  deps: AdminDeps,
  stores: TransactionStores,
  input: { challenge: RegistrationChallenge; code: string; user: AdminUserView; now: Date },
): Promise<Judged> {
  const { challenge, now, user } = input;
  const outcome = (result: Judged["result"], attemptsLeft = 0): Judged => ({ result, attemptsLeft, challenge });
  if (!(await stores.registrationChallenges.countAttempt(challenge.id, CODE_RULES.maxAttempts)))
    return outcome("too_many_attempts");
  if (challenge.codeExpiresAt !== null && challenge.codeExpiresAt <= now) return outcome("expired");
  const app = challenge.target === null ? null : await stores.methods.findForUser(user.ref, challenge.target);
  // The app was removed since the check began: nothing left to prove.
  if (app === null || app.method !== "totp") return outcome("expired");
  const verdict = await deps.checkAppCode({ userRef: user.ref, apps: [app], code: input.code, now }, stores.methods);
  const left = Math.max(0, CODE_RULES.maxAttempts - challenge.attempts - 1);
  if (!verdict.passed) return outcome(verdict.reason === "SND-207" ? "replayed" : "not_verified", left);
  if (!(await stores.registrationChallenges.consume(challenge.id, now))) return outcome("expired");
  return outcome("verified");
}
