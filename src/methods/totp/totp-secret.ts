/**
 * An authenticator app's secret at rest (SPEC §4.4): AES-256-GCM under a key derived from the key store's key
 * (`details.keyId` on the row), bound to its owner, so a box copied onto another user's row does not open. Shared by
 * registration (which seals it) and the reset gate (which opens it).
 */
import type { CodeKeys, VerifiedMethod } from "../../domain/ports.js";
import { deriveSecretBoxKey, open, seal } from "../../lib/crypto/secret-box.js";

const BOX_PURPOSE = "totp secret";

/** The box key of the key store's key `keyId`. */
export function totpBoxKey(codeKeys: CodeKeys, keyId: string): Uint8Array {
  return deriveSecretBoxKey(codeKeys.get(keyId), BOX_PURPOSE);
}

/** What a saved secret is bound to: its owner. */
function savedSecretData(userRef: string): string {
  return `totp-method:${userRef}`;
}

/** The secret sealed for a saved row of `userRef` under the key `keyId`. */
export function sealSavedSecret(codeKeys: CodeKeys, keyId: string, secret: Uint8Array, userRef: string): Uint8Array {
  return seal(totpBoxKey(codeKeys, keyId), secret, savedSecretData(userRef));
}

/** The saved row's secret, or null when the row has none, names no key, or its box does not open for `userRef`. */
export function openSavedSecret(codeKeys: CodeKeys, method: VerifiedMethod, userRef: string): Uint8Array | null {
  const keyId = method.details?.["keyId"];
  if (typeof keyId !== "string" || method.secret == null) return null;
  return open(totpBoxKey(codeKeys, keyId), method.secret, savedSecretData(userRef));
}
