/** The catalog key (and its values) each refusal of a question set shows; the texts live in `questions.json`. */
import { ANSWER_LENGTH, type AnswerProblem } from "./answers.js";

/** A message to show beside a field: a catalog key and its placeholders. */
export interface QuestionMessage {
  readonly key: string;
  readonly values: Readonly<Record<string, number>>;
}

const KEYS: Readonly<Record<AnswerProblem["problem"], string>> = {
  question_required: "questions.error.question_required",
  unknown_question: "questions.error.unknown_question",
  duplicate_question: "questions.error.duplicate_question",
  answer_too_short: "questions.error.answer_too_short",
  answer_too_long: "questions.error.answer_too_long",
  duplicate_answer: "questions.error.duplicate_answer",
};

/** The message for one problem of a new set. */
export function answerProblemMessage(problem: AnswerProblem["problem"]): QuestionMessage {
  return { key: KEYS[problem], values: { min: ANSWER_LENGTH.min, max: ANSWER_LENGTH.max } };
}

/** What a gate shows after any wrong set, never saying which answer was wrong (SPEC §4.6). */
export const WRONG_ANSWERS_MESSAGE: QuestionMessage = { key: "questions.error.wrong", values: {} };
