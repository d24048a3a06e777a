/**
 * Security-question answers (SPEC §4.6): normalisation, the checks on a new set, and hashing and checking through
 * the injected Argon2id hasher. An answer never leaves this module in the clear: only its hash is stored.
 */
import type { SecretHasher } from "../../lib/crypto/argon2id.js";
import { codePointLength } from "../passwords/normalise.js";

/** SPEC §4.6: an answer's length in code points, after normalisation. */
export const ANSWER_LENGTH = { min: 3, max: 40 } as const;

/** One answer as the user typed it, to the question `questionId` (`b07`, `c-<stable id>`). */
export interface TypedAnswer {
  readonly questionId: string;
  readonly answer: string;
}

/** One answer as stored (in the question method's `details`): the question id and the Argon2id PHC string. */
export interface StoredAnswer {
  readonly questionId: string;
  readonly answerHash: string;
}

/** Why one entry of a new set is refused; `index` is its position in the set as submitted. */
export interface AnswerProblem {
  readonly index: number;
  readonly problem:
    | "question_required"
    | "unknown_question"
    | "duplicate_question"
    | "answer_too_short"
    | "answer_too_long"
    | "duplicate_answer";
}

/**
 * NFKC, lowercase, every run of whitespace one space, trimmed: "  Jalan  MERDEKA " and "jalan merdeka" are one
 * answer. NFKC runs again after lowercasing because a lowercased letter can decompose differently, and without it
 * a second normalisation could change the result (the property test checks it is idempotent).
 */
export function normaliseAnswer(typed: string): string {
  return typed.normalize("NFKC").toLowerCase().normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/**
 * The text hashed for an answer: `sandi-question:<question id>:<normalised answer>`. Binding the question id means
 * a hash copied onto another question of the same set (or another user's row) never verifies, and two questions
 * with the same answer do not produce look-alike inputs. Question ids hold no `:`, so the input is unambiguous.
 */
export function answerHashInput(questionId: string, normalisedAnswer: string): string {
  return `sandi-question:${questionId}:${normalisedAnswer}`;
}

function lengthProblem(normalised: string): AnswerProblem["problem"] | null {
  const length = codePointLength(normalised);
  if (length < ANSWER_LENGTH.min) return "answer_too_short";
  if (length > ANSWER_LENGTH.max) return "answer_too_long";
  return null;
}

/**
 * SPEC §4.6's checks on a set being registered: each entry names a question the pool offers (`offeredIds`), no
 * question twice, answers 3–40 characters after normalisation, no two equal answers. Empty when the set is fine;
 * the count (`questions.toRegister`) is the caller's, since the form has exactly that many rows.
 */
export function checkAnswerSet(entries: readonly TypedAnswer[], offeredIds: readonly string[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seenQuestions = new Set<string>();
  const seenAnswers = new Set<string>();
  entries.forEach((entry, index) => {
    const normalised = normaliseAnswer(entry.answer);
    if (entry.questionId === "") problems.push({ index, problem: "question_required" });
    else if (!offeredIds.includes(entry.questionId)) problems.push({ index, problem: "unknown_question" });
    else if (seenQuestions.has(entry.questionId)) problems.push({ index, problem: "duplicate_question" });
    seenQuestions.add(entry.questionId);
    const lengthIssue = lengthProblem(normalised);
    if (lengthIssue !== null) problems.push({ index, problem: lengthIssue });
    else if (seenAnswers.has(normalised)) problems.push({ index, problem: "duplicate_answer" });
    seenAnswers.add(normalised);
  });
  return problems;
}

/**
 * Hashes a checked set, one answer after another (each hash holds about 19 MiB; the hasher's own limits queue
 * them). Run `checkAnswerSet` first: this does not check. Wrap it in `admitHashing` so a request is refused before
 * its first hash, never between two.
 */
export async function hashAnswers(hasher: SecretHasher, set: readonly TypedAnswer[]): Promise<StoredAnswer[]> {
  const stored: StoredAnswer[] = [];
  for (const { questionId, answer } of set)
    stored.push({ questionId, answerHash: await hasher.hash(answerHashInput(questionId, normaliseAnswer(answer))) });
  return stored;
}

/**
 * True only if every typed answer is right: each names a stored question, no question twice, none missing. Every
 * typed answer costs one Argon2id verification whether or not an earlier one failed (an unknown question burns a
 * dummy verification), so the time taken does not say which answer was wrong or how many were.
 */
export async function checkAnswers(
  hasher: SecretHasher,
  stored: readonly StoredAnswer[],
  typed: readonly TypedAnswer[],
): Promise<boolean> {
  let allRight = typed.length > 0 && new Set(typed.map((entry) => entry.questionId)).size === typed.length;
  for (const { questionId, answer } of typed) {
    const input = answerHashInput(questionId, normaliseAnswer(answer));
    const match = stored.find((entry) => entry.questionId === questionId);
    if (match === undefined) {
      await hasher.verifyDummy(input);
      allRight = false;
    } else if (!(await hasher.verify(match.answerHash, input))) allRight = false;
  }
  return allRight;
}
