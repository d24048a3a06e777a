/**
 * SPEC §6.7's advisory strength bar: zxcvbn's 0–4 score of the first 64 characters, with the user's names and the
 * organisation's as guessable words. It helps the user choose; it never decides acceptance (§7 does).
 */
import { type StrengthScore, scoreStrength, warmStrengthScorer } from "../lib/password-strength.js";
import type { DirectoryEntry } from "./users.js";

export type { StrengthScore };

/** Whose password it is: the words zxcvbn should treat as already known to a guesser. */
export type StrengthPerson = Pick<DirectoryEntry, "userId" | "firstName" | "lastName" | "displayName">;

/** The names a guesser would try first: first, last and display name, the user ID and its local part, the organisation. */
export function strengthInputsOf(person: StrengthPerson, organisationName: string): string[] {
  const at = person.userId.lastIndexOf("@");
  const localPart = at === -1 ? person.userId : person.userId.slice(0, at);
  const words = [person.firstName, person.lastName, person.displayName, person.userId, localPart, organisationName];
  const pieces = [...localPart.split(/[^\p{L}\p{N}]+/u), ...organisationName.split(/\s+/u)];
  return [...new Set([...words, ...pieces].map((word) => word.trim()).filter((word) => word.length > 0))];
}

/** The advisory score of `password` for `person`; null when the scorer cannot answer now. */
export function passwordStrength(
  password: string,
  person: StrengthPerson,
  organisationName: string,
): Promise<StrengthScore | null> {
  return scoreStrength(password.normalize("NFC"), strengthInputsOf(person, organisationName));
}

/** Gets the scorer ready while the user reads the page, so the first strength answer does not wait for it. */
export function preparePasswordStrength(): void {
  warmStrengthScorer();
}
