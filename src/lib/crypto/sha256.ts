/** SHA-256 and HMAC-SHA-256 over UTF-8 text or bytes. */
import { createHash, createHmac } from "node:crypto";

/** SHA-256 digest. */
export function sha256(input: string | Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(input).digest());
}

/** HMAC-SHA-256 digest under `key`. */
export function hmacSha256(key: Uint8Array, input: string | Uint8Array): Uint8Array {
  return new Uint8Array(createHmac("sha256", key).update(input).digest());
}
