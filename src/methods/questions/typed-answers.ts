/**
 * The answer fields of a security-questions gate: one `answer-<question id>` per drawn question, and the typed
 * answers read back from a submission, normalised and checked for shape only (SPEC §4.6: 3–40 characters).
 */
import type { StepField } from "../../domain/methods/method-port.js";
import { ANSWER_LENGTH, normaliseAnswer, type TypedAnswer } from "../../domain/questions/answers.js";
import { CUSTOM_ID_PATTERN, questionById } from "../../domain/questions/question-pool.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import { codePointLength } from "../../domain/passwords/normalise.js";

/** `answer-b07`: the field of the answer to question `b07`. */
export const ANSWER_FIELD_PREFIX = "answer-";

/** Room for spaces around an answer of 40 characters; what is typed is normalised before it is judged. */
const ANSWER_FIELD_MAX_LENGTH = 200;

/** Whether `id` can name a question: a built-in `b01`…`b35`, or a custom `c-<stable id>`. */
function isQuestionId(id: string): boolean {
  if (/^b\d{2}$/.test(id)) return true;
  return id.startsWith("c-") && CUSTOM_ID_PATTERN.test(id.slice(2));
}

/**
 * One field per drawn question. A custom question carries its texts from the policy, since a page or API client
 * reads the built-in ones from its catalogs but has no other way to the ones an administrator wrote.
 */
export function answerFields(drawn: readonly string[], policy: SsprPolicy): StepField[] {
  return drawn.map((questionId): StepField => {
    const question = questionById(questionId, policy.questions);
    const field = {
      name: `${ANSWER_FIELD_PREFIX}${questionId}`,
      input: "answer" as const,
      maxLength: ANSWER_FIELD_MAX_LENGTH,
      questionId,
    };
    return question?.kind === "custom" ? { ...field, customQuestion: { en: question.en, id_: question.id_ } } : field;
  });
}

/**
 * The answers in `fields`, normalised: exactly `count` of them, each to a well-formed question id and 3–40
 * characters long; null otherwise. Which questions they answer is the check's business, not this one's.
 */
export function typedAnswersOf(fields: Readonly<Record<string, string>>, count: number): TypedAnswer[] | null {
  const typed = Object.entries(fields)
    .filter(([name]) => name.startsWith(ANSWER_FIELD_PREFIX))
    .map(([name, value]) => ({ questionId: name.slice(ANSWER_FIELD_PREFIX.length), answer: normaliseAnswer(value) }));
  if (typed.length !== count) return null;
  const wellFormed = typed.every((entry) => {
    const length = codePointLength(entry.answer);
    return isQuestionId(entry.questionId) && length >= ANSWER_LENGTH.min && length <= ANSWER_LENGTH.max;
  });
  return wellFormed ? typed : null;
}
