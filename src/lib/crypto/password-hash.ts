/**
 * Passwords as SPEC §7.2 hashes and compares them: in Unicode NFC, so a password set on a keyboard that sends
 * decomposed characters (NFD, common on macOS) works typed as composed ones, and the other way round.
 *
 * Hashes made before this rule were made from the raw typed form. A compare therefore tries the NFC form first and,
 * only when the typed text is not already NFC, the raw form once; a match on the raw form says "rehash", and the
 * directory replaces the stored hash with one of the NFC form.
 */
import type { SecretHasher } from "./argon2id.js";

/** The result of comparing a typed password with a stored hash. */
export type PasswordMatch = "match" | "match_rehash" | "mismatch";

/** The form every password is hashed and compared in. */
export function passwordForHashing(password: string): string {
  return password.normalize("NFC");
}

/** Hashes the NFC form of `password`. */
export function hashPassword(hasher: SecretHasher, password: string): Promise<string> {
  return hasher.hash(passwordForHashing(password));
}

/** NFC first; the raw form once more only when it differs (a hash made before NFC), which asks for a rehash. */
export async function matchPassword(hasher: SecretHasher, stored: string, password: string): Promise<PasswordMatch> {
  const composed = passwordForHashing(password);
  if (await hasher.verify(stored, composed)) return "match";
  if (composed === password) return "mismatch";
  return (await hasher.verify(stored, password)) ? "match_rehash" : "mismatch";
}

/** True when `password` matches the stored hash in either form. */
export async function isPasswordMatch(hasher: SecretHasher, stored: string, password: string): Promise<boolean> {
  return (await matchPassword(hasher, stored, password)) !== "mismatch";
}

/** The dummy work of a compare with no hash to compare: as many verifies as `matchPassword` would run on a miss. */
export async function matchPasswordDummy(hasher: SecretHasher, password: string): Promise<void> {
  const composed = passwordForHashing(password);
  await hasher.verifyDummy(composed);
  if (composed !== password) await hasher.verifyDummy(password);
}
