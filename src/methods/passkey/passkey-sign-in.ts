/**
 * Signing in to My account with a passkey, no password (SPEC §4.5, §5.1). Before sign-in there is no session to
 * keep a challenge in, so the challenge travels in a ticket the server signs (for a cookie) and is spent in the
 * one-use store at the first answer: an answer works once, on every instance. The passkey names its owner; the
 * session records `signedInWith: "passkey"`, which counts as a fresh step-up.
 */
import type { AuditEvent } from "../../domain/audit-events.js";
import { startSession } from "../../domain/flows/sign-in/session-lifecycle.js";
import type { SignInCaller } from "../../domain/flows/sign-in/sign-in-deps.js";
import { signInEvent } from "../../domain/flows/sign-in/sign-in-events.js";
import type { CaptchaStore, Clock, MethodStore, Random, UnitOfWork, UserAccount } from "../../domain/ports.js";
import { methodEvent } from "../../domain/registration/method-changes.js";
import type { UserAccounts } from "../../domain/user-accounts.js";
import { policyAsSeenBy } from "../../domain/policies/method-targeting.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacSha256 } from "../../lib/crypto/sha256.js";
import { CLONED_REASON, checkAssertion, flagClonedPasskey, refusedReason } from "./passkey-assertion.js";
import {
  authenticationOptions,
  PASSKEY_CHALLENGE_BYTES,
  PASSKEY_TIMEOUT_MILLISECONDS,
  readAssertionClaim,
  type RelyingParty,
} from "./webauthn.js";

export interface PasskeySignInDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly unitOfWork: UnitOfWork;
  readonly methods: MethodStore;
  readonly users: UserAccounts;
  /** Spends each sign-in challenge once (the store that spends proof-of-work solutions; keys never collide). */
  readonly spent: CaptchaStore;
  /** Signs the tickets. */
  readonly ticketKey: Uint8Array;
  readonly relyingParty: () => Promise<RelyingParty>;
  /**
   * The policy in force. Its `methods.passkey` switch off, the sign-in page offers no passkey and none is accepted;
   * on but aimed at some groups (SPEC §18 per-method targeting), a passkey signs in only the users it is aimed at.
   */
  readonly currentPolicy: () => Promise<SsprPolicy>;
}

export type PasskeySignInResult =
  | { readonly ok: true; readonly sessionToken: string; readonly user: UserAccount }
  | { readonly ok: false; readonly reason: "expired" | "refused" };

export interface PasskeySignIn {
  /** Whether the sign-in page offers "Sign in with a passkey". */
  offered(): Promise<boolean>;
  /** Options for the browser, and the signed ticket that carries their challenge until the answer comes. */
  begin(): Promise<{ options: object; ticket: string }>;
  finish(input: {
    ticket: string | undefined;
    responseJson: string;
    caller: SignInCaller;
  }): Promise<PasskeySignInResult>;
}

const SPENT_PREFIX = "passkey-signin:";

function ticketMac(key: Uint8Array, challenge: string, expires: number): string {
  return toBase64url(hmacSha256(key, `${SPENT_PREFIX}${challenge}.${String(expires)}`));
}

/** The ticket's challenge and expiry when its signature holds, else null. */
function openTicket(key: Uint8Array, ticket: string | undefined): { challenge: string; expires: number } | null {
  const [challenge = "", expiresText = "", mac = "", ...rest] = (ticket ?? "").split(".");
  const expires = Number(expiresText);
  if (
    rest.length > 0 ||
    !/^\d{1,15}$/.test(expiresText) ||
    fromBase64url(challenge)?.length !== PASSKEY_CHALLENGE_BYTES
  )
    return null;
  const encoder = new TextEncoder();
  return constantTimeEqual(encoder.encode(mac), encoder.encode(ticketMac(key, challenge, expires)))
    ? { challenge, expires }
    : null;
}

function usable(user: UserAccount | null): user is UserAccount {
  return user !== null && user.enabled && !user.adminLocked && !user.securityHold;
}

/** Why an account behind a genuine passkey may not sign in, as the password sign-in audits it. */
function accountReason(user: UserAccount | null): string {
  if (user === null) return "SND-101";
  if (!user.enabled) return "SND-103";
  return user.adminLocked ? "SND-411" : "SND-306";
}

export function createPasskeySignIn(deps: PasskeySignInDeps): PasskeySignIn {
  const refuse = async (events: readonly AuditEvent[]): Promise<PasskeySignInResult> => {
    await deps.unitOfWork.inTransaction((stores) => stores.audit.append(events));
    return { ok: false, reason: "refused" };
  };
  return {
    // The page is the same for everyone, before anyone is known: it offers the passkey when anyone may use one.
    offered: async () => (await deps.currentPolicy()).methods.passkey,

    async begin() {
      const challenge = deps.random.bytes(PASSKEY_CHALLENGE_BYTES);
      const expires = deps.clock.now().getTime() + PASSKEY_TIMEOUT_MILLISECONDS;
      const text = toBase64url(challenge);
      const options = await authenticationOptions(await deps.relyingParty(), { challenge });
      return { options, ticket: `${text}.${String(expires)}.${ticketMac(deps.ticketKey, text, expires)}` };
    },

    async finish({ ticket, responseJson, caller }) {
      const now = deps.clock.now();
      const policy = await deps.currentPolicy();
      if (!policy.methods.passkey) return { ok: false, reason: "refused" };
      const opened = openTicket(deps.ticketKey, ticket);
      if (opened === null || opened.expires <= now.getTime()) return { ok: false, reason: "expired" };
      if (!(await deps.spent.spend(`${SPENT_PREFIX}${opened.challenge}`, new Date(opened.expires), now)))
        return { ok: false, reason: "expired" };
      const claim = readAssertionClaim(responseJson);
      const method = claim === null ? null : await deps.methods.findByCredentialId(claim.credentialId);
      const nobody = { userId: null, user: null };
      const failed = (reason: string, subject: { userId: string | null; user: UserAccount | null }) =>
        signInEvent({ activity: "signin.failed", result: "failure", reason, subject, origin: caller, time: now });
      if (method?.method !== "passkey") return refuse([failed(refusedReason("wrong_credential"), nobody)]);
      const expectedChallenge = fromBase64url(opened.challenge) ?? new Uint8Array();
      const checked = await checkAssertion(deps, await deps.relyingParty(), {
        responseJson,
        expectedChallenge,
        method,
      });
      const user = await deps.users.findUserByRef(method.userRef);
      const subject = { userId: user?.userId ?? null, user };
      if (checked.kind === "refused") return refuse([failed(refusedReason(checked.reason), subject)]);
      if (checked.kind === "cloned") {
        if (user !== null)
          await flagClonedPasskey(deps, {
            caller: { ...caller, user },
            method,
            now,
            event: failed(CLONED_REASON, subject),
          });
        return { ok: false, reason: "refused" };
      }
      if (!usable(user)) return refuse([failed(accountReason(user), subject)]);
      // A passkey not aimed at this user is a method the policy does not give them (SND-210), proven or not.
      if (!policyAsSeenBy(policy, user).methods.passkey) return refuse([failed("SND-210", subject)]);
      await deps.unitOfWork.inTransaction(async (stores) => {
        await stores.methods.markUsed(method.id, now);
        await stores.methodHistory.append([methodEvent(deps, { ...caller, user }, method, "used_sign_in", now)]);
      });
      const sessionToken = await startSession(deps, user, caller, "passkey");
      return { ok: true, sessionToken, user };
    },
  };
}
