/**
 * Registering a question set (SPEC §4.1, §4.6): the user's `toRegister` rows are checked, then hashed; the result
 * is the `details` of the question method's row. Hashing runs before any transaction opens (each hash takes tens
 * of milliseconds, and PGlite serves one transaction at a time).
 */
import { admitHashing, type SecretHasher } from "../../lib/crypto/argon2id.js";
import { type AnswerProblem, checkAnswerSet, hashAnswers, type TypedAnswer } from "./answers.js";
import { questionPool } from "./question-pool.js";
import { type QuestionSetDetails, questionSetDetails } from "./question-set.js";
import type { QuestionSettings } from "./question-settings.js";

export type QuestionSetOutcome =
  | { readonly ok: true; readonly details: QuestionSetDetails }
  | { readonly ok: false; readonly problems: readonly AnswerProblem[] };

/**
 * The rows of the form, exactly `toRegister` of them (a missing row counts as a row without a question), checked
 * against the policy's pool and hashed under one admission to the hasher when all is well.
 */
export async function buildQuestionSet(
  hasher: SecretHasher,
  entries: readonly TypedAnswer[],
  settings: QuestionSettings,
): Promise<QuestionSetOutcome> {
  const rows = Array.from({ length: settings.toRegister }, (_, index) => {
    return entries[index] ?? { questionId: "", answer: "" };
  });
  const offered = questionPool(settings).map((question) => question.id);
  const problems = [
    ...checkAnswerSet(rows, offered),
    ...entries.slice(settings.toRegister).map((_, extra) => ({
      index: settings.toRegister + extra,
      problem: "unknown_question" as const,
    })),
  ];
  if (problems.length > 0) return { ok: false, problems };
  const stored = await admitHashing(hasher, (admitted) => hashAnswers(admitted, rows));
  return { ok: true, details: questionSetDetails(stored) };
}
