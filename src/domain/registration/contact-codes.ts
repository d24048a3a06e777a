/**
 * Codes sent to a contact value being verified (SPEC §5.1: every method is verified before it is saved) or to a
 * registered one at a step-up. Kept apart from reset challenges (issue 10 item 3): a registration challenge belongs
 * to one session, holds only the code's HMAC, and is dropped 10 minutes after it began. The counters are SPEC §8's:
 * A3 for email codes, A2 for each phone number checked and each text or call, I2, R1/R2 and O1 for every send.
 */
import { toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacCode } from "../../lib/crypto/hmac-code.js";
import { randomDigits } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import { maskRecipient } from "../messages.js";
import { alertPhoneBudgetReached } from "../phone-budget-alert.js";
import type { MethodId } from "../methods.js";
import { CODE_RULES, ipLimitsFor } from "../policies/attempt-policy.js";
import type { FloodSettings } from "../policies/flood-limits.js";
import type { OutboxDraft, TransactionStores } from "../ports.js";
import type { RegistrationChallenge, RegistrationPurpose } from "./registration-ports.js";
import { decideSend, hitOwnAccountCounter, ownAccountBlock, type SendChannel } from "./registration-throttles.js";
import type { SecurityInfoCaller, SecurityInfoDeps } from "./security-info-deps.js";

/** An unfinished verification is dropped this long after it began (SPEC §5.1). */
export const VERIFICATION_SECONDS = 600;

/** What a method that sends codes tells the shared code logic. */
export interface ContactCodeSender {
  /** The method id stored on the challenge and the row: `email`, `sms` (texts or calls to a mobile), `voice_office`. */
  readonly method: MethodId;
  readonly channel: SendChannel;
  readonly codeLength: number;
  /** The code's message to `target` (an address or an E.164 number) for `caller`. */
  draft(input: {
    target: string;
    code: string;
    caller: SecurityInfoCaller;
    payload: Readonly<Record<string, unknown>>;
    orgName: string;
    now: Date;
  }): OutboxDraft;
}

export type SendRefusal =
  | { readonly ok: false; readonly reason: "blocked"; readonly until: Date }
  | { readonly ok: false; readonly reason: "too_many_sends" | "too_soon" | "expired" };

/** The account counter a send of this channel counts in: A3 for email codes, A2 for texts and calls. */
const SEND_COUNTER = { email: "A3", sms: "A2", voice: "A2" } as const;

interface SendContext {
  readonly orgName: string;
  /** The policy's flood limits (I2, R1, R2, O1). */
  readonly flood: FloodSettings;
}

async function sendContext(deps: SecurityInfoDeps): Promise<SendContext> {
  const [policy, organisation] = await Promise.all([deps.currentPolicy(), deps.organisation()]);
  return { orgName: organisation.name, flood: policy.flood };
}

async function sendCode(
  stores: TransactionStores,
  deps: SecurityInfoDeps,
  input: {
    sender: ContactCodeSender;
    caller: SecurityInfoCaller;
    target: string;
    challengeId: string;
    payload: Readonly<Record<string, unknown>>;
    now: Date;
    /** Read before the transaction: on PGlite a read outside it would wait for its one connection. */
    context: SendContext;
  },
): Promise<{ code: string; blockedUntil: Date | null; events: AuditEvent[] }> {
  const { sender, caller, target, now } = input;
  const code = randomDigits(deps.random, sender.codeLength);
  const blocked = await hitOwnAccountCounter(stores.throttles, SEND_COUNTER[sender.channel], caller, now);
  if (blocked !== null) return { code, blockedUntil: blocked.until, events: blocked.events };
  const dropped = await decideSend(stores.throttles, {
    ip: caller.ip,
    ipLimit: ipLimitsFor(caller.ip, deps.corporateEgressNetworks, input.context.flood).codes,
    channel: sender.channel,
    target,
    flood: input.context.flood,
    now,
  });
  const base = {
    actor: { type: "user" as const, id: caller.user.ref, userId: caller.user.userId },
    target: { ref: caller.user.ref, userId: caller.user.userId },
    method: sender.method,
    // Masked (`+62 ••• 12`), so the troubleshooter and /dev/outbox can say which recipient a dropped code was for.
    maskedTarget: maskRecipient(sender.channel, target),
    time: now,
  };
  if (dropped !== null) {
    // O1 drops alert the Global admins, at most hourly (SPEC §8.2), whichever flow hit the budget.
    const alerts =
      dropped === "O1"
        ? await alertPhoneBudgetReached(stores, { now, limitPerHour: input.context.flood.phoneMessagesPerHour })
        : [];
    return {
      code,
      blockedUntil: null,
      events: [{ ...base, activity: "message.suppressed", result: "failure", reason: `SND-213:${dropped}` }, ...alerts],
    };
  }
  await stores.outbox.enqueue(
    [sender.draft({ target, code, caller, payload: input.payload, orgName: input.context.orgName, now })],
    now,
  );
  return {
    code,
    blockedUntil: null,
    events: [{ ...base, activity: "message.queued", result: "success", reason: `code:${sender.method}` }],
  };
}

function codeHmac(deps: SecurityInfoDeps, challengeId: string, code: string) {
  return {
    hmac: hmacCode(deps.codeKeys.get(deps.codeKeys.currentId), challengeId, code),
    keyId: deps.codeKeys.currentId,
  };
}

/** Starts a verification of `target`: the challenge and the first code, within every counter. */
export async function startContactVerification(
  deps: SecurityInfoDeps,
  caller: SecurityInfoCaller,
  input: {
    sender: ContactCodeSender;
    purpose: RegistrationPurpose;
    target: string;
    replacesId: string | null;
    payload?: Readonly<Record<string, unknown>>;
  },
): Promise<{ ok: true; challengeId: string } | SendRefusal> {
  const now = deps.clock.now();
  const id = toBase64url(deps.random.bytes(16));
  const payload = input.payload ?? {};
  const context = await sendContext(deps);
  return deps.unitOfWork.inTransaction(async (stores) => {
    const sent = await sendCode(stores, deps, {
      sender: input.sender,
      caller,
      target: input.target,
      challengeId: id,
      payload,
      now,
      context,
    });
    await stores.audit.append(sent.events);
    if (sent.blockedUntil !== null) return { ok: false, reason: "blocked", until: sent.blockedUntil } as const;
    const { hmac, keyId } = codeHmac(deps, id, sent.code);
    const challenge: RegistrationChallenge = {
      id,
      userRef: caller.user.ref,
      sessionId: caller.session.id,
      purpose: input.purpose,
      method: input.sender.method,
      target: input.target,
      replacesId: input.replacesId,
      codeHmac: hmac,
      keyId,
      payload,
      attempts: 0,
      sends: 1,
      codeExpiresAt: secondsAfter(now, CODE_RULES.ttlSeconds),
      dropAt: secondsAfter(now, VERIFICATION_SECONDS),
      consumedAt: null,
      createdAt: now,
    };
    await stores.registrationChallenges.create(challenge);
    return { ok: true, challengeId: id } as const;
  });
}

/** "Send a new code": at most 3 sends, 30 s apart, each counted like the first. */
export async function resendContactCode(
  deps: SecurityInfoDeps,
  caller: SecurityInfoCaller,
  input: { senderFor: (payload: Readonly<Record<string, unknown>>) => ContactCodeSender; challengeId: string },
): Promise<{ ok: true } | SendRefusal> {
  const now = deps.clock.now();
  const context = await sendContext(deps);
  return deps.unitOfWork.inTransaction(async (stores) => {
    const challenge = await stores.registrationChallenges.findLive(caller.session.id, input.challengeId, now);
    if (challenge === null || challenge.target === null) return { ok: false, reason: "expired" } as const;
    // The challenge's own payload picks the sender (a call stays a call); another method's challenge finds nothing.
    const sender = input.senderFor(challenge.payload);
    if (sender.method !== challenge.method) return { ok: false, reason: "expired" } as const;
    if (challenge.sends >= CODE_RULES.sendsPerGate) return { ok: false, reason: "too_many_sends" } as const;
    const lastSent = (challenge.codeExpiresAt?.getTime() ?? 0) - CODE_RULES.ttlSeconds * 1000;
    if (now.getTime() - lastSent < CODE_RULES.resendAfterSeconds * 1000)
      return { ok: false, reason: "too_soon" } as const;
    const sent = await sendCode(stores, deps, {
      sender,
      caller,
      target: challenge.target,
      challengeId: challenge.id,
      payload: challenge.payload,
      now,
      context,
    });
    await stores.audit.append(sent.events);
    if (sent.blockedUntil !== null) return { ok: false, reason: "blocked", until: sent.blockedUntil } as const;
    const { hmac, keyId } = codeHmac(deps, challenge.id, sent.code);
    await stores.registrationChallenges.resend(challenge.id, {
      hmac,
      keyId,
      expiresAt: secondsAfter(now, CODE_RULES.ttlSeconds),
    });
    return { ok: true } as const;
  });
}

export type CodeCheck =
  | { readonly ok: true; readonly challenge: RegistrationChallenge }
  | { readonly ok: false; readonly reason: "wrong" | "void" | "expired" | "stale" }
  | { readonly ok: false; readonly reason: "blocked"; readonly until: Date };

/**
 * Checks a typed code: the attempt is counted before the compare (3 per code; for phones also A2), then compared
 * in constant time, and spent on a match. `expired` covers a dropped verification and a code past its 5 minutes.
 */
export async function checkContactCode(
  deps: SecurityInfoDeps,
  caller: SecurityInfoCaller,
  input: {
    challengeId: string;
    code: string;
    /** The method whose page took the code: another method's challenge is not found (its value would be saved as this kind). */
    method: MethodId;
    countsA2: boolean;
    /** A stale session may finish a step-up but not an enrolment: `stale` comes back, the code unspent. */
    sessionFresh: boolean;
  },
): Promise<CodeCheck> {
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores): Promise<CodeCheck> => {
    const challenge = await stores.registrationChallenges.findLive(caller.session.id, input.challengeId, now);
    if (
      challenge === null ||
      challenge.codeHmac === null ||
      challenge.keyId === null ||
      challenge.method !== input.method
    )
      return { ok: false, reason: "expired" };
    if (challenge.purpose === "enrol" && !input.sessionFresh) return { ok: false, reason: "stale" };
    const block = await ownAccountBlock(stores.throttles, caller, now);
    if (block !== null) return { ok: false, reason: "blocked", until: block };
    if (input.countsA2) {
      const blocked = await hitOwnAccountCounter(stores.throttles, "A2", caller, now);
      await stores.audit.append(blocked?.events ?? []);
      if (blocked !== null) return { ok: false, reason: "blocked", until: blocked.until };
    }
    if (!(await stores.registrationChallenges.countAttempt(challenge.id, CODE_RULES.maxAttempts)))
      return { ok: false, reason: "void" };
    if (challenge.codeExpiresAt !== null && challenge.codeExpiresAt <= now) return { ok: false, reason: "expired" };
    const typed = hmacCode(deps.codeKeys.get(challenge.keyId), challenge.id, input.code);
    if (!constantTimeEqual(typed, challenge.codeHmac)) return { ok: false, reason: "wrong" };
    if (!(await stores.registrationChallenges.consume(challenge.id, now))) return { ok: false, reason: "void" };
    return { ok: true, challenge };
  });
}
