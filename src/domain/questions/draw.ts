/**
 * Drawing the questions a reset gate asks (SPEC §4.6): `toReset` of the user's set at random, drawn afresh after
 * every wrong set; and, for an unknown user ID (SPEC's inert flow), a stand-in set fixed by a keyed hash of the ID.
 */
import { hmacSha256 } from "../../lib/crypto/sha256.js";
import type { Random } from "../../lib/random.js";

/**
 * `count` distinct questions of `questionIds`, uniformly at random (a partial Fisher–Yates shuffle). A set smaller
 * than `count` (the policy raised `toReset` after the user registered) yields all of it, shuffled: the caller counts
 * such a set as unusable at a gate (`canDrawQuestions`).
 */
export function drawQuestions(questionIds: readonly string[], count: number, random: Random): string[] {
  const remaining = [...questionIds];
  const drawn: string[] = [];
  while (drawn.length < count && remaining.length > 0) {
    const index = random.integerBelow(remaining.length);
    drawn.push(...remaining.splice(index, 1));
  }
  return drawn;
}

/** Whether a set of `setSize` answers can serve a gate that asks `toReset` of them. */
export function canDrawQuestions(setSize: number, toReset: number): boolean {
  return setSize >= toReset;
}

/**
 * `count` distinct indices below `size`, fixed by `bytes` (a keyed hash): a partial Fisher–Yates shuffle whose step
 * `i` reads the big-endian 16-bit word at bytes `2i`, `2i + 1`, taken modulo the items left. The modulo bias (at most
 * 55 / 65,536 for SPEC's largest pool) is harmless: the draw must be stable and plausible, not secret. `bytes` must
 * hold 2 bytes per index (an HMAC-SHA-256 digest, 32 bytes, serves up to 16).
 */
export function indicesFromBytes(bytes: Uint8Array, size: number, count: number): number[] {
  const wanted = Math.min(count, size);
  if (bytes.length < wanted * 2) throw new RangeError(`need ${String(wanted * 2)} bytes, got ${String(bytes.length)}`);
  const remaining = Array.from({ length: size }, (_, index) => index);
  const drawn: number[] = [];
  for (let step = 0; step < wanted; step++) {
    const word = ((bytes[step * 2] ?? 0) << 8) | (bytes[step * 2 + 1] ?? 0);
    drawn.push(...remaining.splice(word % remaining.length, 1));
  }
  return drawn;
}

/** What the inert draw hashes: a label keeps this HMAC apart from any other use of the same server key. */
export function inertDrawInput(normalisedUserId: string): string {
  return `sandi-inert-questions:${normalisedUserId}`;
}

/**
 * The stand-in set of an unknown user ID: `setSize` (`questions.toRegister`) questions of the policy's pool, the
 * same on every attempt for that ID and unguessable without `serverKey`. The gate then draws `toReset` of them with
 * `drawQuestions`, as for a real user, so repeated attempts show the same few questions a real set would.
 */
export function inertQuestionSet(
  serverKey: Uint8Array,
  normalisedUserId: string,
  poolIds: readonly string[],
  setSize: number,
): string[] {
  const digest = hmacSha256(serverKey, inertDrawInput(normalisedUserId));
  return indicesFromBytes(digest, poolIds.length, setSize).map((index) => poolIds[index] ?? "");
}
