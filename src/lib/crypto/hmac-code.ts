/** Keyed hashes for short codes: HMAC-SHA-256 over `challengeId:code`, so a stolen table cannot be brute-forced offline. */
import { hmacSha256 } from "./sha256.js";

/** The digest stored for a code of a challenge. */
export function hmacCode(key: Uint8Array, challengeId: string, code: string): Uint8Array {
  return hmacSha256(key, `${challengeId}:${code}`);
}
