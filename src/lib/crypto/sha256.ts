/** SHA-256 and HMAC-SHA-256 over UTF-8 text or bytes. */
import { createHash, createHmac, createSecretKey, type KeyObject } from "node:crypto";

/**
 * Each key's `KeyObject`, made once: `createHmac` with raw bytes imports the key on every call, which the
 * benchmark's profile showed as a measurable share of a request. Keys are long-lived buffers loaded at start.
 */
const keyObjects = new WeakMap<Uint8Array, KeyObject>();

function keyObjectFor(key: Uint8Array): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    keyObject = createSecretKey(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/** SHA-256 digest. */
export function sha256(input: string | Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(input).digest());
}

/** HMAC-SHA-256 digest under `key`. */
export function hmacSha256(key: Uint8Array, input: string | Uint8Array): Uint8Array {
  return new Uint8Array(createHmac("sha256", keyObjectFor(key)).update(input).digest());
}
