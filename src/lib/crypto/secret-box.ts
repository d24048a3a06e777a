/**
 * Secrets at rest (an authenticator app's TOTP secret, SPEC §4.4): AES-256-GCM with a fresh 96-bit IV per seal.
 *
 * A box is `version(1) | iv(12) | tag(16) | ciphertext`. The associated data is authenticated, not stored: the
 * caller binds a box to what it belongs to (a TOTP secret to its method id), so a row copied onto another method
 * does not open. The version byte is authenticated too, so it cannot be changed to steer how a box is read.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const encoder = new TextEncoder();

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? encoder.encode(data) : data;
}

/** The authenticated associated data: the version byte, then the caller's binding. */
function additionalData(associatedData: Uint8Array | string): Uint8Array {
  const bound = toBytes(associatedData);
  const out = new Uint8Array(1 + bound.length);
  out[0] = VERSION;
  out.set(bound, 1);
  return out;
}

function requireKey(key: Uint8Array): void {
  // A wrong-sized key is a wiring mistake, not bad input: fail loudly instead of deriving something.
  if (key.length !== KEY_BYTES) throw new RangeError(`secret box key must be ${String(KEY_BYTES)} bytes`);
}

/**
 * The box key for one `purpose`, derived with HKDF-SHA-256 from a key of the key store: the store's keys sign code
 * HMACs, and one key should not serve two algorithms, so a box is never sealed under the stored key itself.
 */
export function deriveSecretBoxKey(serverKey: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", serverKey, new Uint8Array(0), `sandi secret box: ${purpose}`, KEY_BYTES));
}

/** Encrypts `plaintext` under `key` (32 bytes), bound to `associatedData`. */
export function seal(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array | string): Uint8Array {
  requireKey(key);
  // A random 96-bit IV: NIST SP 800-38D allows 2^32 seals per key this way, far beyond a few apps per user.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const box = new Uint8Array(HEADER_BYTES + ciphertext.length);
  box[0] = VERSION;
  box.set(iv, 1);
  box.set(cipher.getAuthTag(), 1 + IV_BYTES);
  box.set(ciphertext, HEADER_BYTES);
  return box;
}

/** The plaintext of `box`, or null when the key, the associated data or any byte of the box is wrong. */
export function open(key: Uint8Array, box: Uint8Array, associatedData: Uint8Array | string): Uint8Array | null {
  requireKey(key);
  if (box.length < HEADER_BYTES || box[0] !== VERSION) return null;
  const iv = box.subarray(1, 1 + IV_BYTES);
  const tag = box.subarray(1 + IV_BYTES, HEADER_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(associatedData));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([decipher.update(box.subarray(HEADER_BYTES)), decipher.final()]);
    return new Uint8Array(plaintext);
  } catch {
    return null; // final() throws when the tag does not verify
  }
}
