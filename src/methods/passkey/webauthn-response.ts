/**
 * The browser's passkey answer arrives as JSON text in a form field, typed by nobody we trust: these checks give it
 * the shape @simplewebauthn/server expects, or refuse it before the library sees it.
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

/** The transports WebAuthn Level 3 names (the library types them as plain strings). */
export type PasskeyTransport = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";

/**
 * The longest answer read. A "none" attestation with an RSA key is about 1.5 KB once encoded; a browser that sends
 * a full attestation anyway carries certificates of a few KB. Beyond this, it is not a passkey answer.
 */
export const MAX_RESPONSE_CHARACTERS = 16_384;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TRANSPORTS: ReadonlySet<string> = new Set<PasskeyTransport>([
  "ble",
  "cable",
  "hybrid",
  "internal",
  "nfc",
  "smart-card",
  "usb",
]);

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBase64url(value: unknown): value is string {
  return typeof value === "string" && BASE64URL.test(value);
}

/** The fields every answer has, and its inner `response` object, or null. */
interface CredentialCommon {
  readonly id: string;
  readonly clientDataJSON: string;
  readonly attachment: { authenticatorAttachment?: "platform" | "cross-platform" };
  readonly inner: Json;
}

function credentialObject(text: string): CredentialCommon | null {
  if (text.length === 0 || text.length > MAX_RESPONSE_CHARACTERS) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(parsed) || parsed.type !== "public-key") return null;
  if (!isBase64url(parsed.id) || parsed.rawId !== parsed.id) return null;
  if (!isObject(parsed.response) || !isBase64url(parsed.response.clientDataJSON)) return null;
  if (parsed.clientExtensionResults !== undefined && !isObject(parsed.clientExtensionResults)) return null;
  const { authenticatorAttachment } = parsed;
  return {
    id: parsed.id,
    clientDataJSON: parsed.response.clientDataJSON,
    attachment:
      authenticatorAttachment === "platform" || authenticatorAttachment === "cross-platform"
        ? { authenticatorAttachment }
        : {},
    inner: parsed.response,
  };
}

/** The transports Sandi knows, in the order given, each once; anything else an authenticator sends is dropped. */
export function knownTransports(values: readonly unknown[]): PasskeyTransport[] {
  const kept = values.filter((value): value is PasskeyTransport => TRANSPORTS.has(String(value)));
  return [...new Set(kept)];
}

/** A registration answer (`startRegistration`'s result as JSON), or null when it is not one. */
export function parseAttestation(text: string): RegistrationResponseJSON | null {
  const found = credentialObject(text);
  if (found === null) return null;
  const { id, clientDataJSON, inner } = found;
  if (!isBase64url(inner.attestationObject)) return null;
  const transports = Array.isArray(inner.transports) ? knownTransports(inner.transports) : [];
  return {
    id,
    rawId: id,
    type: "public-key",
    clientExtensionResults: {},
    ...found.attachment,
    response: {
      clientDataJSON,
      attestationObject: inner.attestationObject,
      transports,
    },
  };
}

/** A sign-in answer (`startAuthentication`'s result as JSON), or null when it is not one. */
export function parseAssertion(text: string): AuthenticationResponseJSON | null {
  const found = credentialObject(text);
  if (found === null) return null;
  const { id, clientDataJSON, inner } = found;
  if (!isBase64url(inner.authenticatorData) || !isBase64url(inner.signature)) return null;
  const userHandle = inner.userHandle;
  if (userHandle !== undefined && userHandle !== null && !isBase64url(userHandle)) return null;
  return {
    id,
    rawId: id,
    type: "public-key",
    clientExtensionResults: {},
    ...found.attachment,
    response: {
      clientDataJSON,
      authenticatorData: inner.authenticatorData,
      signature: inner.signature,
      ...(isBase64url(userHandle) ? { userHandle } : {}),
    },
  };
}

/**
 * The challenge an answer claims to sign (base64url, from its clientDataJSON), or null. Unverified: the caller only
 * uses it to find the ceremony it belongs to, and the verification then compares it with the one issued.
 */
export function readCeremonyChallenge(text: string): string | null {
  const found = credentialObject(text);
  if (found === null) return null;
  try {
    const clientData: unknown = JSON.parse(Buffer.from(found.clientDataJSON, "base64url").toString("utf8"));
    return isObject(clientData) && isBase64url(clientData.challenge) ? clientData.challenge : null;
  } catch {
    return null;
  }
}
