/**
 * The authenticator app in My security info (SPEC §4.4): a new secret shown once as a QR code and as text, saved
 * only after the app's first code matches (within the 10-minute verification), and a step-up with a current code.
 *
 * The secret is never stored in the clear: the unfinished verification holds it sealed to its own challenge, the
 * saved row sealed to its owner (AES-256-GCM under a key derived from the key store's current key, whose id the
 * row keeps in `details.keyId`). Every code typed counts in A2 before it is compared (SPEC §8.1), and a step
 * accepted once is refused for good (SND-207): `advanceCounter` only moves forward, atomically.
 */
import type { NewMethod } from "../../domain/registration/method-changes.js";
import type { RegistrationChallenge } from "../../domain/registration/registration-ports.js";
import { hitOwnAccountCounter, ownAccountBlock } from "../../domain/registration/registration-throttles.js";
import type { SecurityInfoCaller, SecurityInfoDeps } from "../../domain/registration/security-info-deps.js";
import { MAX_PER_USER } from "../../domain/methods.js";
import type { CodeKeys, TransactionStores, VerifiedMethod } from "../../domain/ports.js";
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import { open, seal } from "../../lib/crypto/secret-box.js";
import { matchTotp, newTotpSecret, type TotpMatch } from "../../lib/crypto/totp.js";
import { secondsAfter } from "../../lib/time.js";
import { parseTotpLabel } from "./totp-label.js";
import { openSavedSecret, sealSavedSecret, totpBoxKey } from "./totp-secret.js";

/** An unfinished verification is dropped this long after it began (SPEC §5.1). */
const VERIFICATION_SECONDS = 600;

/** A verification in progress: what the scan page shows. The secret leaves only to be drawn and typed. */
export interface TotpEnrolment {
  readonly challengeId: string;
  readonly label: string;
  readonly secret: Uint8Array;
}

export type TotpStartRefusal = "label_invalid" | "limit_reached";

/** Why a typed code did not pass; `replayed` is SND-207, `wrong` SND-201. */
export type TotpCodeRefusal =
  | { readonly ok: false; readonly reason: "wrong" | "replayed" | "expired" | "stale" | "not_found" }
  | { readonly ok: false; readonly reason: "blocked"; readonly until: Date };

export interface TotpRegistration {
  /** Starts a verification with a new secret under `label` (1–40 characters). */
  start(
    caller: SecurityInfoCaller,
    typedLabel: string,
  ): Promise<{ ok: true; enrolment: TotpEnrolment } | { ok: false; reason: TotpStartRefusal }>;
  /** The verification `challengeId` of this session, while it lasts: to draw the scan page again. */
  reopen(caller: SecurityInfoCaller, challengeId: string): Promise<TotpEnrolment | null>;
  /** The app's first code: on a match the verification is spent and the method to save comes back. */
  finish(
    caller: SecurityInfoCaller,
    input: { challengeId: string; code: string; sessionFresh: boolean },
  ): Promise<{ ok: true; method: NewMethod } | TotpCodeRefusal>;
  /** A step-up with the registered app `methodId`. */
  stepUp(
    caller: SecurityInfoCaller,
    input: { methodId: string; code: string },
  ): Promise<{ ok: true; method: VerifiedMethod } | TotpCodeRefusal>;
}

function enrolmentData(challengeId: string, userRef: string): string {
  return `totp-enrolment:${userRef}:${challengeId}`;
}

/**
 * The row of an app whose secret is already known (the demo organisation's users, benchmarks), sealed exactly as
 * a registration seals it. `counter` is the last accepted step; 0 when no code was used yet.
 */
export function totpMethodFor(
  codeKeys: CodeKeys,
  userRef: string,
  app: { secret: Uint8Array; label: string; counter?: number },
): NewMethod {
  const keyId = codeKeys.currentId;
  return {
    method: "totp",
    value: "",
    label: app.label,
    secret: sealSavedSecret(codeKeys, keyId, app.secret, userRef),
    counter: app.counter ?? 0,
    details: { keyId },
  };
}

export function createTotpRegistration(deps: SecurityInfoDeps): TotpRegistration {
  const boxKey = (keyId: string) => totpBoxKey(deps.codeKeys, keyId);

  const openEnrolment = (challenge: RegistrationChallenge, userRef: string): TotpEnrolment | null => {
    const { box, keyId, label } = challenge.payload;
    if (typeof box !== "string" || typeof keyId !== "string" || typeof label !== "string") return null;
    const sealed = fromBase64url(box);
    const secret = sealed === null ? null : open(boxKey(keyId), sealed, enrolmentData(challenge.id, userRef));
    return secret === null ? null : { challengeId: challenge.id, label, secret };
  };

  const findEnrolment = async (
    stores: Pick<TransactionStores, "registrationChallenges">,
    caller: SecurityInfoCaller,
    id: string,
    now: Date,
  ) => {
    const challenge = await stores.registrationChallenges.findLive(caller.session.id, id, now);
    return challenge !== null && challenge.method === "totp" && challenge.purpose === "enrol" ? challenge : null;
  };

  /** The saved secret compared with `code`; a row whose box does not open matches nothing. */
  const matchSaved = (method: VerifiedMethod, userRef: string, code: string, now: Date): TotpMatch => {
    const secret = openSavedSecret(deps.codeKeys, method, userRef);
    // An unreadable row still costs the same compare, against a secret nobody has.
    const match = matchTotp(secret ?? new Uint8Array(20), code, now, method.counter ?? null);
    return secret === null ? { outcome: "wrong" } : match;
  };

  /** The account block, or the A2 hit every typed code makes before it is compared; null to go on. */
  const countAttempt = async (stores: TransactionStores, caller: SecurityInfoCaller, now: Date) => {
    const block = await ownAccountBlock(stores.throttles, caller, now);
    if (block !== null) return { ok: false, reason: "blocked", until: block } as const;
    const blocked = await hitOwnAccountCounter(stores.throttles, "A2", caller, now);
    await stores.audit.append(blocked?.events ?? []);
    return blocked === null ? null : ({ ok: false, reason: "blocked", until: blocked.until } as const);
  };

  return {
    async start(caller, typedLabel) {
      const label = parseTotpLabel(typedLabel);
      if (label === null) return { ok: false, reason: "label_invalid" };
      const apps = (await deps.methods.listForUser(caller.user.ref)).filter((method) => method.method === "totp");
      if (apps.length >= MAX_PER_USER.totp) return { ok: false, reason: "limit_reached" };
      const now = deps.clock.now();
      const id = toBase64url(deps.random.bytes(16));
      const secret = newTotpSecret(deps.random);
      const keyId = deps.codeKeys.currentId;
      const box = seal(boxKey(keyId), secret, enrolmentData(id, caller.user.ref));
      await deps.unitOfWork.inTransaction((stores) =>
        stores.registrationChallenges.create({
          id,
          userRef: caller.user.ref,
          sessionId: caller.session.id,
          purpose: "enrol",
          method: "totp",
          target: null,
          replacesId: null,
          codeHmac: null,
          keyId: null,
          payload: { box: toBase64url(box), keyId, label },
          attempts: 0,
          sends: 0,
          codeExpiresAt: null,
          dropAt: secondsAfter(now, VERIFICATION_SECONDS),
          consumedAt: null,
          createdAt: now,
        }),
      );
      return { ok: true, enrolment: { challengeId: id, label, secret } };
    },

    async reopen(caller, challengeId) {
      const now = deps.clock.now();
      const challenge = await deps.unitOfWork.inTransaction((stores) =>
        findEnrolment(stores, caller, challengeId, now),
      );
      return challenge === null ? null : openEnrolment(challenge, caller.user.ref);
    },

    async finish(caller, input) {
      const now = deps.clock.now();
      return deps.unitOfWork.inTransaction(async (stores) => {
        const challenge = await findEnrolment(stores, caller, input.challengeId, now);
        const enrolment = challenge === null ? null : openEnrolment(challenge, caller.user.ref);
        if (challenge === null || enrolment === null) return { ok: false, reason: "expired" } as const;
        if (!input.sessionFresh) return { ok: false, reason: "stale" } as const;
        const refused = await countAttempt(stores, caller, now);
        if (refused !== null) return refused;
        const match = matchTotp(enrolment.secret, input.code, now, null);
        if (match.outcome !== "accepted") return { ok: false, reason: "wrong" } as const;
        if (!(await stores.registrationChallenges.consume(challenge.id, now)))
          return { ok: false, reason: "expired" } as const;
        const method = totpMethodFor(deps.codeKeys, caller.user.ref, {
          secret: enrolment.secret,
          label: enrolment.label,
          counter: match.step,
        });
        return { ok: true, method } as const;
      });
    },

    async stepUp(caller, input) {
      const now = deps.clock.now();
      return deps.unitOfWork.inTransaction(async (stores) => {
        const method = await stores.methods.findForUser(caller.user.ref, input.methodId);
        if (method === null || method.method !== "totp") return { ok: false, reason: "not_found" } as const;
        const refused = await countAttempt(stores, caller, now);
        if (refused !== null) return refused;
        const match = matchSaved(method, caller.user.ref, input.code, now);
        if (match.outcome === "replayed") return { ok: false, reason: "replayed" } as const;
        if (match.outcome === "wrong") return { ok: false, reason: "wrong" } as const;
        // Two requests with the same code race here; the counter moves forward for one of them only.
        if (!(await stores.methods.advanceCounter(method.id, match.step)))
          return { ok: false, reason: "replayed" } as const;
        return { ok: true, method } as const;
      });
    },
  };
}
