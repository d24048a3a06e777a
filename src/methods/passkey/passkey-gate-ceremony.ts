/**
 * The passkey gate's ceremony (SPEC §4.5, §6.4 item 4): the request options a gate step shows, saved as the flow's
 * public step data, and the check of an answer with equal work whoever the flow is for.
 *
 * The WebAuthn challenge is no secret: it travels to the browser in the options. It lives in the step data, and it
 * works once: a pass consumes the gate's challenge row and moves the flow on (the step data goes with it), and a
 * failure replaces it with a fresh ceremony. An answer to a ceremony older than 300 s is refused.
 */
import type { StepData } from "../../domain/methods/method-port.js";
import type { VerifiedMethod } from "../../domain/ports.js";
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import type { Random } from "../../lib/random.js";
import {
  type AssertionClaim,
  type AssertionResult,
  authenticationOptions,
  PASSKEY_CHALLENGE_BYTES,
  PASSKEY_TIMEOUT_MILLISECONDS,
  type RelyingParty,
  verifyAssertion,
} from "./webauthn.js";

/** One ceremony as the step data keeps it: the options JSON the page hands the browser, its challenge, its start. */
export interface GateCeremony {
  readonly options: string;
  readonly challenge: Uint8Array;
  readonly issuedAt: number;
}

/** A new ceremony: 32 random bytes and request options with no allowCredentials, the same for every flow. */
export async function newGateCeremony(
  deps: { readonly random: Random; readonly relyingParty: () => Promise<RelyingParty> },
  now: Date,
): Promise<StepData> {
  const challenge = deps.random.bytes(PASSKEY_CHALLENGE_BYTES);
  const options = await authenticationOptions(await deps.relyingParty(), { challenge });
  return { options: JSON.stringify(options), challenge: toBase64url(challenge), issuedAt: now.getTime() };
}

/** The ceremony saved in `stepData`, or null when there is none (or it is not whole). */
export function readGateCeremony(stepData: StepData | null): GateCeremony | null {
  const options = stepData?.["options"];
  const text = stepData?.["challenge"];
  const issuedAt = stepData?.["issuedAt"];
  if (typeof options !== "string" || typeof text !== "string" || typeof issuedAt !== "number") return null;
  const challenge = fromBase64url(text);
  return challenge?.length === PASSKEY_CHALLENGE_BYTES ? { options, challenge, issuedAt } : null;
}

/** True while an answer to `ceremony` may still be accepted (SPEC §4.1: 300 s). */
export function isLive(ceremony: GateCeremony, now: Date): boolean {
  const age = now.getTime() - ceremony.issuedAt;
  return age >= 0 && age < PASSKEY_TIMEOUT_MILLISECONDS;
}

/**
 * A P-256 public key (COSE) nobody holds the private half of: the dummy an answer is checked against when the flow
 * has no passkey to check it with, so the signature check runs either way.
 */
const DUMMY_PUBLIC_KEY =
  "pQECAyYgASFYILoe0xhW7YvJaVGs_4dTYd9m4L-6QCnXPVYnzWUzpqFJIlgge4d7Q5xheXWh3PA4pm9GOCEAKMSIABaQtG5d8vy9gxc";

/**
 * Equal work for an answer no passkey of this flow's user can pass (an unknown credential, another user's, an inert
 * flow, a lapsed ceremony): the same library check of the same answer against a key nobody holds. It always fails.
 */
export async function dummyAssertionCheck(
  rp: RelyingParty,
  input: { readonly responseJson: string; readonly claim: AssertionClaim; readonly expectedChallenge: Uint8Array },
): Promise<AssertionResult> {
  const { claim } = input;
  return verifyAssertion(rp, {
    responseJson: input.responseJson,
    expectedChallenge: input.expectedChallenge,
    passkey: {
      credentialId: claim.credentialId,
      publicKey: DUMMY_PUBLIC_KEY,
      counter: 0,
      transports: [],
      backedUp: false,
    },
    ownerUserHandle: claim.userHandle ?? "",
  });
}

/** The passkey `found` by the answer's credential id, when it is one of the flow user's; null otherwise. */
export function ownedPasskey(found: VerifiedMethod | null, userRef: string | null): VerifiedMethod | null {
  if (found === null || userRef === null) return null;
  return found.method === "passkey" && found.userRef === userRef ? found : null;
}
