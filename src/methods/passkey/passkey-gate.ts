/**
 * The passkey as a reset gate (SPEC §4.5, §6.4 item 4): the browser's ceremony with user verification required and
 * an empty allowCredentials, so the browser lists the user's passkeys for this site and Sandi names none. The answer
 * must come from a passkey of the flow's user; its counter moves forward atomically, and one that went back is
 * refused and flagged as a possible copy. Every check counts in A2 (the flow counts it before `verify`).
 *
 * What an attacker can learn, and the equal work that denies it (SPEC §6.4):
 * - The opening is the same for every flow (real, inert, a user without passkeys): 32 random bytes and the same
 *   options, with no credential id in them. Nothing is looked up.
 * - An answer that parses costs one lookup by the credential id it claims, for every flow alike. The lookup's time
 *   depends on whether that id exists, which only its holder can know to ask: an attacker learns whether HIS OWN
 *   credential is registered, never anything about the account he types.
 * - Then one signature check runs, always: against the user's passkey when the id is one of theirs and the ceremony
 *   is live, else against a dummy key nobody holds (`dummyAssertionCheck`). Another user's passkey, an unknown one
 *   and an inert flow all take the dummy path and fail alike, and the other user's counter is never touched.
 * - What is left: the user-handle comparison before the signature can end a real check early where the dummy (which
 *   compares the answer's handle with itself) goes on. Telling the two apart needs the victim's own credential id
 *   and a forged handle, and the difference (one ECDSA verification, well under a millisecond) sits under the gate's
 *   600 ms response floor. Only a genuine answer from the user's own passkey writes anything (the counter, or the
 *   clone flag).
 */
import type { GateCheck, GateVerdict, VerificationMethod } from "../../domain/methods/method-port.js";
import type { UnitOfWork, MethodStore, VerifiedMethod } from "../../domain/ports.js";
import { flowProgressEvent } from "../../domain/flows/reset/reset-events.js";
import { FLOW_LIFETIME_SECONDS } from "../../domain/flows/reset/reset-flow.js";
import { MAX_PER_USER } from "../../domain/methods.js";
import { maskedValueOf } from "../../domain/registration/method-display.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import type { Random } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import { CLONED_REASON, checkAssertion } from "./passkey-assertion.js";
import {
  dummyAssertionCheck,
  isLive,
  newGateCeremony,
  ownedPasskey,
  readGateCeremony,
} from "./passkey-gate-ceremony.js";
import { type RelyingParty, readAssertionClaim } from "./webauthn.js";

/** The longest answer read: 8 KiB, the form's and the API's limit for any field (an assertion is well under 2 KiB). */
export const MAX_CREDENTIAL_CHARACTERS = 8192;
/** The scripts the step's page loads, in order: @simplewebauthn/browser's bundle, then the gate's ceremony. */
export const PASSKEY_GATE_ASSETS = ["/vendor/simplewebauthn/index.umd.min.js", "/static/passkey-gate.js"] as const;

export interface PasskeyGateDeps {
  readonly random: Random;
  readonly unitOfWork: UnitOfWork;
  readonly methods: Pick<MethodStore, "findByCredentialId">;
  /** Sandi's relying party: its host is the RP ID, its origin the one answers must come from. */
  readonly relyingParty: () => Promise<RelyingParty>;
}

/** "We couldn't verify that passkey.", with a new ceremony to try again (the old challenge is spent). */
async function refused(deps: PasskeyGateDeps, now: Date): Promise<GateVerdict> {
  return { passed: false, reason: "SND-209", stepData: await newGateCeremony(deps, now) };
}

/** Creates the passkey gate. */
export function createPasskeyGate(deps: PasskeyGateDeps): VerificationMethod {
  return {
    id: "passkey",
    kind: "passkey",
    registration: { proof: "public_key", prefillFrom: null, maxPerUser: MAX_PER_USER.passkey },
    gatePositions: [1, 2],
    steps: ["use_passkey"],
    codeLength: () => 0,
    describeStep: (step, { stepData }) => ({
      method: "passkey",
      step,
      fields: [{ name: "credential", input: "passkey", maxLength: MAX_CREDENTIAL_CHARACTERS }],
      maskedTarget: null,
      codeLength: null,
      codeSource: null,
      assets: [...PASSKEY_GATE_ASSETS],
      ceremony: readGateCeremony(stepData)?.options ?? null,
    }),
    attemptsPerChallenge: null,
    checkCounter: "A2",
    // The same for everyone: `targets` is not even read (SPEC §6.4).
    async begin(request) {
      const stepData = await newGateCeremony(deps, request.now);
      const challenge = {
        id: toBase64url(deps.random.bytes(16)),
        flowId: request.flowId,
        gate: request.gate,
        method: "passkey" as const,
        codeHmac: null,
        targetRef: null,
        keyId: "",
        attempts: 0,
        // The row only makes the gate single-use; each ceremony's own 300 s are checked against the step data.
        expiresAt: secondsAfter(request.now, FLOW_LIFETIME_SECONDS),
        consumedAt: null,
        voidedAt: null,
        createdAt: request.now,
      };
      return { firstStep: "use_passkey", challenge, stepData };
    },
    submit(step, fields) {
      const credential = fields["credential"] ?? "";
      const fits = credential.length > 0 && credential.length <= MAX_CREDENTIAL_CHARACTERS;
      if (step !== "use_passkey" || !fits || readAssertionClaim(credential) === null)
        return { kind: "invalid", notice: "credential_invalid" };
      return { kind: "check", proof: { credential } };
    },
    verify: (check) => verifyGateAnswer(deps, check),
    targetOf: () => null,
  };
}

async function verifyGateAnswer(deps: PasskeyGateDeps, check: GateCheck): Promise<GateVerdict> {
  const responseJson = check.proof["credential"] ?? "";
  const claim = readAssertionClaim(responseJson);
  const ceremony = readGateCeremony(check.stepData);
  if (claim === null || ceremony === null) return refused(deps, check.now);
  const found = await deps.methods.findByCredentialId(claim.credentialId);
  const owned = isLive(ceremony, check.now) ? ownedPasskey(found, check.userRef) : null;
  const rp = await deps.relyingParty();
  if (owned === null) {
    await dummyAssertionCheck(rp, { responseJson, claim, expectedChallenge: ceremony.challenge });
    return refused(deps, check.now);
  }
  const checked = await checkAssertion(deps, rp, {
    responseJson,
    expectedChallenge: ceremony.challenge,
    method: owned,
  });
  if (checked.kind === "verified") return { passed: true, proved: owned.id };
  if (checked.kind === "cloned") await flagClone(deps, check, owned);
  return refused(deps, check.now);
}

/**
 * A genuine signature with a counter that went back: a possible copy of the passkey. The method history says
 * "flagged" and the audit log records the refusal on the flow, with the flow's IP and support code.
 */
async function flagClone(deps: PasskeyGateDeps, check: GateCheck, method: VerifiedMethod): Promise<void> {
  const { now } = check;
  await deps.unitOfWork.inTransaction(async (stores) => {
    const flow = await stores.flows.findById(check.flowId);
    await stores.methodHistory.append([
      {
        id: uuidv7(now, deps.random),
        userRef: method.userRef,
        methodRef: method.id,
        method: "passkey",
        action: "flagged",
        masked: maskedValueOf(method),
        actor: "user",
        ip: flow?.ip ?? "",
        // A reset flow keeps no summary of its browser; its IP and the audit event's flow id identify it.
        client: "",
        at: now,
      },
    ]);
    if (flow !== null)
      await stores.audit.append([
        flowProgressEvent(flow, CLONED_REASON, "failure", now, {
          method: "passkey",
          maskedTarget: maskedValueOf(method),
        }),
      ]);
  });
}
