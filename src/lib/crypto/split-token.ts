/** Bearer tokens as `id.secret`: the id is the lookup key, only SHA-256 of the secret is stored (Lucia). */
import type { Random } from "../random.js";
import { toBase64url } from "./base64url.js";
import { constantTimeEqual } from "./constant-time-equal.js";
import { sha256 } from "./sha256.js";

/** A fresh token, its lookup id and the hash to store. */
export function createSplitToken(random: Random): { token: string; id: string; secretHash: Uint8Array } {
  const id = toBase64url(random.bytes(12));
  const secret = toBase64url(random.bytes(20)); // 160 bits; the Copenhagen Book asks for at least 112
  return { token: `${id}.${secret}`, id, secretHash: sha256(secret) };
}

/** Splits a presented token; null when it is not of the form. */
export function parseSplitToken(token: string): { id: string; secret: string } | null {
  const match = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{27})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], secret: match[2] };
}

/** True when `secret` hashes to `storedHash`, compared in constant time. */
export function isSecretValid(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(sha256(secret), storedHash);
}
