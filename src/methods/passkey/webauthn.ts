/**
 * Passkey ceremonies (SPEC §4.5) over @simplewebauthn/server: options to hand the browser, and the checks of what it
 * sends back. The caller makes every challenge (32 bytes of its `Random`) and keeps it, so this module holds no state
 * and draws no randomness; everything a caller stores comes out as base64url text.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { Random } from "../../lib/random.js";
import { knownTransports, parseAssertion, parseAttestation } from "./webauthn-response.js";

export { readCeremonyChallenge } from "./webauthn-response.js";

/** SPEC §4.1: a 32-byte challenge, valid for 300 s. */
export const PASSKEY_CHALLENGE_BYTES = 32;
export const PASSKEY_TIMEOUT_MILLISECONDS = 300_000;
/** The bytes of a user handle: random, never the user ID, so a passkey names no one (WebAuthn §14.6.1). */
export const USER_HANDLE_BYTES = 32;
/** COSE algorithm ids in SPEC's order: ES256, EdDSA, RS256. */
export const PASSKEY_ALGORITHMS = [-7, -8, -257] as const;

/** Who the browser talks to: the RP ID is the host of Sandi's public URL, the origin that URL's origin. */
export interface RelyingParty {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
}

/** The relying party for Sandi at `publicUrl`, named after the organisation. */
export function relyingParty(publicUrl: string, orgName: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, name: orgName, origin: url.origin };
}

/** A passkey as Sandi stores it; `credentialId` and `publicKey` are base64url. */
export interface StoredPasskey {
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: readonly string[];
  readonly backedUp: boolean;
}

/** A credential to exclude at registration: one the user already has. */
export interface KnownCredential {
  readonly credentialId: string;
  readonly transports?: readonly string[];
}

function checkedChallenge(challenge: Uint8Array): Uint8Array<ArrayBuffer> {
  if (challenge.length !== PASSKEY_CHALLENGE_BYTES) throw new RangeError("a passkey challenge is 32 bytes");
  return new Uint8Array(challenge);
}

/** Options for `navigator.credentials.create`: discoverable, user verification required, no attestation. */
export function registrationOptions(
  rp: RelyingParty,
  request: {
    /** The user's handle from `newUserHandle`, base64url. */
    readonly userHandle: string;
    readonly userName: string;
    readonly displayName: string;
    readonly challenge: Uint8Array;
    readonly excludeCredentials: readonly KnownCredential[];
  },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const userID = fromBase64url(request.userHandle);
  if (userID === null || userID.length !== USER_HANDLE_BYTES) throw new RangeError("a user handle is 32 bytes");
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: request.userName,
    userDisplayName: request.displayName,
    userID: new Uint8Array(userID),
    challenge: checkedChallenge(request.challenge),
    timeout: PASSKEY_TIMEOUT_MILLISECONDS,
    attestationType: "none",
    excludeCredentials: request.excludeCredentials.map(({ credentialId, transports }) => ({
      id: credentialId,
      ...(transports === undefined ? {} : { transports: [...transports] }),
    })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    supportedAlgorithmIDs: [...PASSKEY_ALGORITHMS],
  });
}

/** Why a browser's answer was refused; the caller records it and shows one message for all. */
export type CeremonyRefusal = "malformed" | "not_verified" | "wrong_credential";

/**
 * Checks a registration response (the JSON text the page posted) against the challenge the caller issued: origin,
 * RP ID, user presence and verification, and an allowed algorithm. On success, the passkey to store.
 */
export async function verifyRegistration(
  rp: RelyingParty,
  request: { readonly responseJson: string; readonly expectedChallenge: Uint8Array },
): Promise<Outcome<StoredPasskey, CeremonyRefusal>> {
  const response: RegistrationResponseJSON | null = parseAttestation(request.responseJson);
  if (response === null) return fail("malformed");
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: toBase64url(request.expectedChallenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: [...PASSKEY_ALGORITHMS],
    });
    if (!result.verified || !result.registrationInfo.userVerified) return fail("not_verified");
    const { credential, credentialBackedUp } = result.registrationInfo;
    return succeed({
      credentialId: credential.id,
      publicKey: toBase64url(credential.publicKey),
      counter: credential.counter,
      transports: knownTransports(response.response.transports ?? []),
      backedUp: credentialBackedUp,
    });
  } catch {
    // The library throws for every failed check (wrong origin, challenge, flags, key); each means "not verified".
    return fail("not_verified");
  }
}

/** Options for `navigator.credentials.get`: no allowCredentials, so Sandi never reveals a credential ID (§4.5). */
export function authenticationOptions(
  rp: RelyingParty,
  request: { readonly challenge: Uint8Array },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: [],
    challenge: checkedChallenge(request.challenge),
    timeout: PASSKEY_TIMEOUT_MILLISECONDS,
    userVerification: "required",
  });
}

/** Which credential an assertion claims to be, and for whom: what the caller looks up before `verifyAssertion`. */
export interface AssertionClaim {
  readonly credentialId: string;
  /** base64url; null when the authenticator sent none (it must, for a discoverable credential). */
  readonly userHandle: string | null;
}

/** The claim inside an assertion's JSON text, or null when the text is not an assertion. Nothing is verified yet. */
export function readAssertionClaim(responseJson: string): AssertionClaim | null {
  const response = parseAssertion(responseJson);
  if (response === null) return null;
  return { credentialId: response.id, userHandle: response.response.userHandle ?? null };
}

/** SPEC §4.5: a counter that goes backwards (stored > 0 and new ≤ stored) means a possibly cloned passkey. */
export function counterRegressed(stored: number, received: number): boolean {
  return stored > 0 && received <= stored;
}

/** An assertion's result. A regressed counter comes apart from other refusals, so the caller can flag it. */
export type AssertionResult =
  | { readonly kind: "verified"; readonly newCounter: number; readonly backedUp: boolean }
  | { readonly kind: "cloned_suspected"; readonly storedCounter: number; readonly newCounter: number }
  | { readonly kind: "refused"; readonly reason: CeremonyRefusal };

function sameHandle(received: string | null, expected: string): boolean {
  const receivedBytes = received === null ? null : fromBase64url(received);
  const expectedBytes = fromBase64url(expected);
  if (receivedBytes === null || expectedBytes === null) return false;
  return constantTimeEqual(receivedBytes, expectedBytes);
}

/**
 * Checks an assertion against the stored passkey and the user handle of its owner: the signature over the
 * challenge, origin, RP ID, user presence and verification, then the counter. The signature is checked before the
 * counter, so only a genuine signature from a passkey with a stale counter is reported as a possible clone.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  request: {
    readonly responseJson: string;
    readonly expectedChallenge: Uint8Array;
    readonly passkey: StoredPasskey;
    readonly ownerUserHandle: string;
  },
): Promise<AssertionResult> {
  const response: AuthenticationResponseJSON | null = parseAssertion(request.responseJson);
  if (response === null) return { kind: "refused", reason: "malformed" };
  const { passkey } = request;
  const publicKey = fromBase64url(passkey.publicKey);
  if (publicKey === null) throw new RangeError("a stored passkey's public key is not base64url");
  if (
    response.id !== passkey.credentialId ||
    !sameHandle(response.response.userHandle ?? null, request.ownerUserHandle)
  )
    return { kind: "refused", reason: "wrong_credential" };
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: toBase64url(request.expectedChallenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // Counter 0 turns the library's own counter check off; ours below gives the regression its own result.
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(publicKey), counter: 0 },
      requireUserVerification: true,
    });
    const { newCounter, userVerified, credentialBackedUp } = result.authenticationInfo;
    if (!result.verified || !userVerified) return { kind: "refused", reason: "not_verified" };
    if (counterRegressed(passkey.counter, newCounter))
      return { kind: "cloned_suspected", storedCounter: passkey.counter, newCounter };
    return { kind: "verified", newCounter, backedUp: credentialBackedUp };
  } catch {
    return { kind: "refused", reason: "not_verified" };
  }
}

/** A new user handle (base64url): made once per user at the first passkey and kept for every later one. */
export function newUserHandle(random: Random): string {
  return toBase64url(random.bytes(USER_HANDLE_BYTES));
}
