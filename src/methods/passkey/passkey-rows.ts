/**
 * A passkey as a `verified_method` row: the public key in `secret`, the credential id in `credentialId`, the
 * signature counter in `counter`, and in `details` the user handle, transports and backup state (none a secret).
 * Every passkey of one user carries the same user handle, so an authenticator keeps one account per person.
 */
import type { VerifiedMethod } from "../../domain/ports.js";
import type { NewMethod } from "../../domain/registration/method-changes.js";
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import type { Random } from "../../lib/random.js";
import { newUserHandle, type StoredPasskey } from "./webauthn.js";

/** SPEC §4.5: a label of 1–40 characters. */
export const LABEL_MAX_CHARACTERS = 40;

/** The label as stored: NFC, spaces collapsed and trimmed, 1–40 code points, no control characters; else null. */
export function normaliseLabel(typed: string): string | null {
  const label = typed.normalize("NFC").replace(/\s+/gu, " ").trim();
  const length = Array.from(label).length;
  if (length === 0 || length > LABEL_MAX_CHARACTERS || /\p{Cc}/u.test(label)) return null;
  return label;
}

/** The row to save for a verified registration. */
export function newPasskeyMethod(passkey: StoredPasskey, label: string, userHandle: string): NewMethod {
  const publicKey = fromBase64url(passkey.publicKey);
  if (publicKey === null) throw new RangeError("a passkey's public key is not base64url");
  return {
    method: "passkey",
    value: "",
    label,
    secret: publicKey,
    credentialId: passkey.credentialId,
    counter: passkey.counter,
    details: { userHandle, transports: [...passkey.transports], backedUp: passkey.backedUp },
  };
}

/** The user handle a passkey row carries, or null for a row that is not a passkey. */
export function userHandleOf(method: VerifiedMethod): string | null {
  const handle = method.details?.["userHandle"];
  return method.method === "passkey" && typeof handle === "string" ? handle : null;
}

/** The user's handle: the one their passkeys already carry, or a new one for their first. */
export function userHandleFor(methods: readonly VerifiedMethod[], random: Random): string {
  for (const method of methods) {
    const handle = userHandleOf(method);
    if (handle !== null) return handle;
  }
  return newUserHandle(random);
}

/** The passkey a row holds, as the webauthn wrapper checks it; null for a row that is not a whole passkey. */
export function storedPasskeyOf(method: VerifiedMethod): StoredPasskey | null {
  if (method.method !== "passkey" || !method.secret || !method.credentialId) return null;
  const transports = method.details?.["transports"];
  return {
    credentialId: method.credentialId,
    publicKey: toBase64url(method.secret),
    counter: method.counter ?? 0,
    transports: Array.isArray(transports) ? transports.filter((item) => typeof item === "string") : [],
    backedUp: method.details?.["backedUp"] === true,
  };
}

/** The user's passkeys, for excludeCredentials at a new registration. */
export function knownCredentialsOf(methods: readonly VerifiedMethod[]) {
  return methods.flatMap((method) => {
    const passkey = storedPasskeyOf(method);
    return passkey === null ? [] : [{ credentialId: passkey.credentialId, transports: passkey.transports }];
  });
}
