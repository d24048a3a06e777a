/**
 * "Verify caller" (SPEC §10, GA, UA, HA, PA): before a phone-in reset, the helpdesk sends a code to one of the
 * caller's registered methods and the caller reads it back — or, for an authenticator app, reads the code the app
 * shows (`verify-caller-app.ts`). A sent code is kept only as its HMAC (SPEC §4.3) in a registration challenge of
 * purpose `verify_caller`, bound to whoever sent it (the admin's session, the API token, the console) and the user,
 * so nobody else can check it and no self-service page ever finds it. 3 tries, 5 minutes, one use. Sends are capped
 * per user (C1: 5 an hour) and per recipient (R1/R2, O1 as every code). Audited, never the code:
 * `caller.verification_sent` (reason `caller_code_sent:<way>`, `caller_code_asked:totp`, or why nothing went) and
 * `caller.verified` (reason `caller_verified`, `caller_wrong_code`, `caller_code_replayed`, `caller_code_expired` or
 * `caller_too_many_attempts`).
 */
import { toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacCode } from "../../lib/crypto/hmac-code.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { randomDigits } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import { alertPhoneBudgetReached } from "../phone-budget-alert.js";
import { CODE_RULES } from "../policies/attempt-policy.js";
import type { CodeKeys, TransactionStores, VerifiedMethod } from "../ports.js";
import { decideRecipientSend } from "../registration/registration-throttles.js";
import { eventsFor, noticeSettings, policyInForce } from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import {
  CALLER_CODE_LENGTH,
  type CallerCodeRoute,
  callerCodeDraft,
  callerCodeRoutes,
  type SentCodeRoute,
} from "./caller-code-routes.js";
import { beginAppCheck, isAppCheck, judgeAppCode } from "./verify-caller-app.js";
import {
  type CallerCheckResult,
  callerBindingOf,
  checkedEvent,
  type Judged,
  overUserCap,
  pendingCallerChallenge,
} from "./verify-caller-shared.js";

export { CALLER_CODES_PER_USER, type CallerCheckResult, callerBindingOf } from "./verify-caller-shared.js";

export type CallerSendRefusal = AdminRefusal | "no_method" | "too_many_sends" | "recipient_limit";

export interface CallerCodeSent {
  readonly user: AdminUserView;
  readonly challengeId: string;
  readonly route: CallerCodeRoute;
  readonly expiresAt: Date;
}

/** The ways a code can reach this user, for the admin to choose from (masked). */
export async function callerCodeOptions(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView; routes: CallerCodeRoute[] }, AdminRefusal>> {
  const found = await targetFor(deps, actor, "caller.verify", userId);
  if (!found.ok) return found;
  const methods = await deps.methods.listForUser(found.value.ref);
  return succeed({ user: found.value, routes: callerCodeRoutes(methods, deps.phoneDelivery) });
}

/** How the code went, in the audit's method words: `email`, `sms`, `voice_mobile` or `voice_office`. */
function wayOf(route: SentCodeRoute): string {
  if (route.channel === "voice") return route.kind === "sms" ? "voice_mobile" : "voice_office";
  return route.channel;
}

export async function sendCallerCode(
  deps: AdminDeps,
  actor: AdminActor,
  input: { userId: string; methodId: string; channel?: string; sessionId: string | null },
): Promise<Outcome<CallerCodeSent, CallerSendRefusal>> {
  const found = await targetFor(deps, actor, "caller.verify", input.userId);
  if (!found.ok) return found;
  const user = found.value;
  const methods = await deps.methods.listForUser(user.ref);
  const route = callerCodeRoutes(methods, deps.phoneDelivery).find(
    (candidate) =>
      candidate.methodId === input.methodId && (input.channel === undefined || candidate.channel === input.channel),
  );
  const method = methods.find((candidate) => candidate.id === route?.methodId);
  if (route === undefined || method === undefined) return fail("no_method");
  if (route.channel === "app") {
    const begun = await beginAppCheck(deps, actor, { user, route, method, sessionId: input.sessionId });
    return begun.ok ? succeed({ user, route, ...begun.value }) : begun;
  }
  return sendCode(deps, actor, { user, route, method, sessionId: input.sessionId });
}

/** A code to `route`: C1, the recipient caps, then the challenge and the message, in one transaction. */
async function sendCode(
  deps: AdminDeps,
  actor: AdminActor,
  input: { user: AdminUserView; route: SentCodeRoute; method: VerifiedMethod; sessionId: string | null },
): Promise<Outcome<CallerCodeSent, CallerSendRefusal>> {
  const { user, route, method } = input;
  // Read before the transaction: on PGlite a read outside it would wait for its one connection.
  const policy = await policyInForce(deps);
  const [settings, keys] = await Promise.all([noticeSettings(deps, actor, policy), deps.codeKeys()]);
  const now = deps.clock.now();
  const id = toBase64url(deps.random.bytes(16));
  const code = randomDigits(deps.random, CALLER_CODE_LENGTH[route.channel]);
  const expiresAt = secondsAfter(now, CODE_RULES.ttlSeconds);
  const about = { method: method.method, maskedTarget: route.masked };
  const refusal = await deps.unitOfWork.inTransaction(async (stores): Promise<CallerSendRefusal | null> => {
    const refused = (reason: string, extra: AuditEvent[] = []) =>
      stores.audit.append([
        ...eventsFor(actor, user, now, [{ activity: "caller.verification_sent", result: "failure", reason, ...about }]),
        ...extra,
      ]);
    if (await overUserCap(stores, user, now)) {
      await refused("caller_limit:C1");
      return "too_many_sends";
    }
    const orgPerHour = policy.flood.phoneMessagesPerHour;
    const dropped = await decideRecipientSend(stores.throttles, {
      channel: route.channel,
      target: method.value,
      flood: policy.flood,
      now,
    });
    if (dropped !== null) {
      // O1 drops alert the Global admins, at most hourly (SPEC §8.2), whoever hit the budget.
      await refused(
        `SND-213:${dropped}`,
        dropped === "O1" ? await alertPhoneBudgetReached(stores, { now, limitPerHour: orgPerHour }) : [],
      );
      return "recipient_limit";
    }
    await stores.registrationChallenges.create(
      pendingCallerChallenge({
        id,
        actor,
        sessionId: input.sessionId,
        user,
        method,
        route,
        now,
        codeExpiresAt: expiresAt,
        sent: { codeHmac: hmacCode(keys.get(keys.currentId), id, code), keyId: keys.currentId },
      }),
    );
    const lang = user.preferredLanguage ?? settings.caller.lang;
    const orgName = settings.organisation.name;
    const helpdesk = settings.organisation.helpdesk ?? "";
    const expiresInMinutes = CODE_RULES.ttlSeconds / 60;
    const draft = callerCodeDraft({
      route,
      method,
      code,
      lang,
      orgName,
      helpdesk,
      expiresInMinutes,
      notAfter: expiresAt,
    });
    await stores.outbox.enqueue([draft], now);
    const sent = {
      activity: "caller.verification_sent",
      result: "success",
      reason: `caller_code_sent:${wayOf(route)}`,
    } as const;
    await stores.audit.append(eventsFor(actor, user, now, [{ ...sent, ...about }]));
    return null;
  });
  if (refusal !== null) return fail(refusal);
  return succeed({ user, challengeId: id, route, expiresAt });
}

export interface CallerChecked {
  readonly user: AdminUserView;
  readonly result: CallerCheckResult;
  /** Tries left on this code after this one (0 once it is void or spent). */
  readonly attemptsLeft: number;
}

/** Digits only: the admin may type the code as the caller reads it, with spaces. */
function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/gu, "");
}

/** The read-back against the challenge: counted before the compare, so racing guesses cannot pass the cap. */
async function judge(
  deps: AdminDeps,
  stores: TransactionStores,
  input: { binding: string; challengeId: string; code: string; user: AdminUserView; keys: CodeKeys; now: Date },
): Promise<Judged> {
  const { now } = input;
  const challenge = await stores.registrationChallenges.findLive(input.binding, input.challengeId, now);
  if (challenge === null || challenge.purpose !== "verify_caller" || challenge.userRef !== input.user.ref)
    return { result: "expired", attemptsLeft: 0, challenge: null };
  if (isAppCheck(challenge)) return judgeAppCode(deps, stores, { ...input, challenge });
  const outcome = (result: CallerCheckResult, attemptsLeft = 0): Judged => ({ result, attemptsLeft, challenge });
  if (challenge.codeHmac === null || challenge.keyId === null) return outcome("expired");
  if (!(await stores.registrationChallenges.countAttempt(challenge.id, CODE_RULES.maxAttempts)))
    return outcome("too_many_attempts");
  if (challenge.codeExpiresAt !== null && challenge.codeExpiresAt <= now) return outcome("expired");
  const typed = hmacCode(input.keys.get(challenge.keyId), challenge.id, normaliseCode(input.code));
  if (!constantTimeEqual(typed, challenge.codeHmac))
    return outcome("not_verified", Math.max(0, CODE_RULES.maxAttempts - challenge.attempts - 1));
  if (!(await stores.registrationChallenges.consume(challenge.id, now))) return outcome("expired");
  return outcome("verified");
}

export async function checkCallerCode(
  deps: AdminDeps,
  actor: AdminActor,
  input: { userId: string; challengeId: string; code: string; sessionId: string | null },
): Promise<Outcome<CallerChecked, AdminRefusal>> {
  const found = await targetFor(deps, actor, "caller.verify", input.userId);
  if (!found.ok) return found;
  const user = found.value;
  const keys = await deps.codeKeys();
  const now = deps.clock.now();
  const binding = callerBindingOf(actor, input.sessionId, user.ref);
  const judged = await deps.unitOfWork.inTransaction(async (stores) => {
    const verdict = await judge(deps, stores, { ...input, binding, user, keys, now });
    await stores.audit.append(eventsFor(actor, user, now, [checkedEvent(verdict)]));
    return verdict;
  });
  return succeed({ user, result: judged.result, attemptsLeft: judged.attemptsLeft });
}

/** A live code of this sender's, for the page that takes the read-back: where it went and until when. */
export interface CallerChallengeView {
  readonly user: AdminUserView;
  /** Null when the code is spent, void, expired or not this sender's. */
  readonly live: { readonly masked: string; readonly channel: string; readonly expiresAt: Date } | null;
}

export async function callerChallenge(
  deps: AdminDeps,
  actor: AdminActor,
  input: { userId: string; challengeId: string; sessionId: string | null },
): Promise<Outcome<CallerChallengeView, AdminRefusal>> {
  const found = await targetFor(deps, actor, "caller.verify", input.userId);
  if (!found.ok) return found;
  const user = found.value;
  const now = deps.clock.now();
  const binding = callerBindingOf(actor, input.sessionId, user.ref);
  const challenge = await deps.unitOfWork.inTransaction((stores) =>
    stores.registrationChallenges.findLive(binding, input.challengeId, now),
  );
  const usable =
    challenge !== null &&
    challenge.purpose === "verify_caller" &&
    challenge.userRef === user.ref &&
    challenge.codeExpiresAt !== null &&
    challenge.codeExpiresAt > now &&
    challenge.attempts < CODE_RULES.maxAttempts;
  if (!usable) return succeed({ user, live: null });
  const { masked, channel } = challenge.payload;
  return succeed({
    user,
    live: {
      masked: typeof masked === "string" ? masked : "",
      channel: typeof channel === "string" ? channel : "",
      expiresAt: challenge.codeExpiresAt,
    },
  });
}
