/**
 * A user's registered question set as the question method's row keeps it: `details.answers`, a list of question
 * ids with their answer hashes (never an answer), and which of its questions a gate can still ask.
 */
import type { StoredAnswer } from "./answers.js";
import { type QuestionOffer, questionById } from "./question-pool.js";

/** The row's `details` for a set: what `maskedValueOf` counts ("5 questions set up") and the gate checks against. */
export type QuestionSetDetails = { readonly answers: readonly StoredAnswer[] }; // a type, so it fits Record<string, unknown>

function isStoredAnswer(value: unknown): value is StoredAnswer {
  if (value === null || typeof value !== "object") return false;
  const entry = value as Record<string, unknown>;
  return typeof entry["questionId"] === "string" && typeof entry["answerHash"] === "string";
}

/** The `details` to store for a hashed set. */
export function questionSetDetails(answers: readonly StoredAnswer[]): QuestionSetDetails {
  return { answers: answers.map(({ questionId, answerHash }) => ({ questionId, answerHash })) };
}

/** The stored answers read back from a row's `details`; entries of any other shape are left out, none at all gives []. */
export function storedAnswersOf(details: Readonly<Record<string, unknown>> | null | undefined): StoredAnswer[] {
  const answers = details?.["answers"];
  return Array.isArray(answers) ? answers.filter(isStoredAnswer) : [];
}

/**
 * The set's questions a gate can ask: every built-in one, and each custom one the policy still lists (a custom
 * question the admin deleted has no text left to show). The gate draws `toReset` of these; with fewer, the set
 * does not count as usable (`canDrawQuestions`).
 */
export function askableQuestionIds(stored: readonly StoredAnswer[], offer: QuestionOffer): string[] {
  return stored.map((entry) => entry.questionId).filter((id) => questionById(id, offer) !== null);
}
