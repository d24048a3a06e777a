/**
 * Passkeys in My security info (SPEC §4.5, §5.1): adding one (a registration ceremony, verified before it is saved)
 * and a step-up with one. Each ceremony is a registration challenge of the session: its id is the WebAuthn
 * challenge itself, so the browser's answer names its ceremony; it is spent at the first answer and lapses after
 * 300 s. Saving goes through the security-info service like every method's.
 */
import { MAX_PER_USER } from "../../domain/methods.js";
import type { VerifiedMethod } from "../../domain/ports.js";
import type { NewMethod } from "../../domain/registration/method-changes.js";
import type { RegistrationChallenge, RegistrationPurpose } from "../../domain/registration/registration-ports.js";
import type { SecurityInfoCaller, SecurityInfoDeps } from "../../domain/registration/security-info-deps.js";
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import { secondsAfter } from "../../lib/time.js";
import { CLONED_REASON, checkAssertion, flagClonedPasskey } from "./passkey-assertion.js";
import { knownCredentialsOf, newPasskeyMethod, userHandleFor } from "./passkey-rows.js";
import {
  authenticationOptions,
  type CeremonyRefusal,
  PASSKEY_CHALLENGE_BYTES,
  PASSKEY_TIMEOUT_MILLISECONDS,
  readAssertionClaim,
  readCeremonyChallenge,
  registrationOptions,
  type RelyingParty,
  verifyRegistration,
} from "./webauthn.js";

export type PasskeyCeremonyDeps = Pick<SecurityInfoDeps, "clock" | "random" | "unitOfWork" | "methods"> & {
  /** Sandi's relying party now (its name is the organisation's, which an admin may change). */
  readonly relyingParty: () => Promise<RelyingParty>;
};

type Options<T> = Promise<
  { readonly ok: true; readonly options: T } | { readonly ok: false; readonly reason: "limit_reached" }
>;
export type RegistrationFinish =
  | { readonly ok: true; readonly method: NewMethod }
  | { readonly ok: false; readonly reason: "expired" | "duplicate" | CeremonyRefusal };
export type StepUpFinish =
  | { readonly ok: true; readonly method: VerifiedMethod }
  | {
      readonly ok: false;
      readonly reason: "expired" | "cloned" | CeremonyRefusal;
      readonly method: VerifiedMethod | null;
    };

export interface PasskeyCeremonies {
  /** Options for a new passkey; refused at SPEC §4.1's 10. */
  registrationOptions(caller: SecurityInfoCaller): Options<object>;
  /** The passkey to save, once the answer is verified; `label` is already normalised. */
  finishRegistration(
    caller: SecurityInfoCaller,
    input: { responseJson: string; label: string },
  ): Promise<RegistrationFinish>;
  stepUpOptions(caller: SecurityInfoCaller): Promise<object>;
  /** The caller's passkey that signed, verified and its counter moved on; a regression is flagged. */
  finishStepUp(caller: SecurityInfoCaller, responseJson: string): Promise<StepUpFinish>;
}

async function startCeremony(
  deps: PasskeyCeremonyDeps,
  caller: SecurityInfoCaller,
  purpose: RegistrationPurpose,
  payload: Readonly<Record<string, unknown>>,
): Promise<Uint8Array> {
  const now = deps.clock.now();
  const challenge = deps.random.bytes(PASSKEY_CHALLENGE_BYTES);
  const record: RegistrationChallenge = {
    id: toBase64url(challenge),
    userRef: caller.user.ref,
    sessionId: caller.session.id,
    purpose,
    method: "passkey",
    target: null,
    replacesId: null,
    codeHmac: null,
    keyId: null,
    payload,
    attempts: 0,
    sends: 0,
    codeExpiresAt: secondsAfter(now, PASSKEY_TIMEOUT_MILLISECONDS / 1000),
    dropAt: secondsAfter(now, PASSKEY_TIMEOUT_MILLISECONDS / 1000),
    consumedAt: null,
    createdAt: now,
  };
  await deps.unitOfWork.inTransaction((stores) => stores.registrationChallenges.create(record));
  return challenge;
}

/** The session's live ceremony the answer names, spent now (one answer per ceremony); null when there is none. */
async function takeCeremony(
  deps: PasskeyCeremonyDeps,
  caller: SecurityInfoCaller,
  purpose: RegistrationPurpose,
  responseJson: string,
): Promise<{ challenge: Uint8Array; payload: Readonly<Record<string, unknown>> } | null> {
  const id = readCeremonyChallenge(responseJson);
  const challenge = id === null ? null : fromBase64url(id);
  if (id === null || challenge?.length !== PASSKEY_CHALLENGE_BYTES) return null;
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    const record = await stores.registrationChallenges.findLive(caller.session.id, id, now);
    if (record === null || record.purpose !== purpose || record.method !== "passkey") return null;
    if (!(await stores.registrationChallenges.consume(record.id, now))) return null;
    return { challenge, payload: record.payload };
  });
}

export function createPasskeyCeremonies(deps: PasskeyCeremonyDeps): PasskeyCeremonies {
  return {
    async registrationOptions(caller) {
      const methods = await deps.methods.listForUser(caller.user.ref);
      if (methods.filter((method) => method.method === "passkey").length >= MAX_PER_USER.passkey)
        return { ok: false, reason: "limit_reached" };
      const userHandle = userHandleFor(methods, deps.random);
      const rp = await deps.relyingParty();
      const challenge = await startCeremony(deps, caller, "enrol", { userHandle });
      const options = await registrationOptions(rp, {
        userHandle,
        userName: caller.user.userId,
        displayName: caller.user.displayName || caller.user.userId,
        challenge,
        excludeCredentials: knownCredentialsOf(methods),
      });
      return { ok: true, options };
    },

    async finishRegistration(caller, input) {
      const ceremony = await takeCeremony(deps, caller, "enrol", input.responseJson);
      const userHandle = ceremony?.payload["userHandle"];
      if (ceremony === null || typeof userHandle !== "string") return { ok: false, reason: "expired" };
      const rp = await deps.relyingParty();
      const verified = await verifyRegistration(rp, {
        responseJson: input.responseJson,
        expectedChallenge: ceremony.challenge,
      });
      if (!verified.ok) return verified;
      if ((await deps.methods.findByCredentialId(verified.value.credentialId)) !== null)
        return { ok: false, reason: "duplicate" };
      return { ok: true, method: newPasskeyMethod(verified.value, input.label, userHandle) };
    },

    async stepUpOptions(caller) {
      const challenge = await startCeremony(deps, caller, "step_up", {});
      return authenticationOptions(await deps.relyingParty(), { challenge });
    },

    async finishStepUp(caller, responseJson) {
      const ceremony = await takeCeremony(deps, caller, "step_up", responseJson);
      if (ceremony === null) return { ok: false, reason: "expired", method: null };
      const claim = readAssertionClaim(responseJson);
      const found = claim === null ? null : await deps.methods.findByCredentialId(claim.credentialId);
      // Another user's passkey proves nothing about this one, and is not named to them.
      const method = found?.userRef === caller.user.ref ? found : null;
      if (method === null) return { ok: false, reason: "wrong_credential", method: null };
      const rp = await deps.relyingParty();
      const checked = await checkAssertion(deps, rp, { responseJson, expectedChallenge: ceremony.challenge, method });
      if (checked.kind === "verified") return { ok: true, method: checked.method };
      if (checked.kind === "refused") return { ok: false, reason: checked.reason, method };
      const now = deps.clock.now();
      const actor = { type: "user" as const, id: caller.user.ref, userId: caller.user.userId };
      await flagClonedPasskey(deps, {
        caller,
        method,
        now,
        event: {
          activity: "security_info.step_up",
          result: "failure",
          reason: CLONED_REASON,
          actor,
          target: { ref: caller.user.ref, userId: caller.user.userId },
          ip: caller.ip,
          client: caller.client,
          lang: caller.lang,
          method: "passkey",
          maskedTarget: method.label ?? "",
          time: now,
        },
      });
      return { ok: false, reason: "cloned", method };
    },
  };
}
