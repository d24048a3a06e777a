/**
 * The security-question pool (SPEC §4.6): the 35 built-in questions (`b01`…`b35`, their texts in the catalogs under
 * `questions.builtin.q01`…) and up to 20 the administrator wrote (`c-<stable id>`), and the text a user reads.
 */

/** SPEC §4.6: how many built-in questions exist, numbered 1–35. */
export const BUILT_IN_QUESTION_COUNT = 35;

/** The numbers of every built-in question, 1–35: the policy's default offer. */
export const ALL_BUILT_IN_NUMBERS: readonly number[] = Array.from(
  { length: BUILT_IN_QUESTION_COUNT },
  (_, index) => index + 1,
);

/**
 * A question an administrator wrote, as the policy stores it (`questions.custom`): `id` is its stable id (it keeps
 * users' answers valid when the admin edits the text), `en` and `id_` its English and Indonesian texts, one of them
 * possibly missing, never both.
 */
export interface CustomQuestion {
  readonly id: string;
  readonly en: string | null;
  readonly id_: string | null;
}

/** The part of the policy's `questions` section the pool is made of. */
export interface QuestionOffer {
  /** Numbers 1–35 of the built-in questions offered. */
  readonly builtIn: readonly number[];
  readonly custom: readonly CustomQuestion[];
}

/** A question the pool offers: `id` is what a user's stored set names, and what is bound into the answer's hash. */
export type PoolQuestion =
  | { readonly kind: "built_in"; readonly id: string; readonly number: number }
  | { readonly kind: "custom"; readonly id: string; readonly en: string | null; readonly id_: string | null };

/** The languages questions are written in (the i18n languages; domain/ does not import i18n/). */
export type QuestionLanguage = "en" | "id";

/** Translates a catalog key; the caller passes i18n's translate function for the user's language. */
export type TranslateQuestion = (key: string) => string;

/** The stable ids of a custom question: lowercase letters, digits and inner hyphens, at most 32 characters. */
export const CUSTOM_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** `b01`…`b35`: a built-in question's id. */
export function builtInQuestionId(questionNumber: number): string {
  return `b${String(questionNumber).padStart(2, "0")}`;
}

/** `c-<stable id>`: a custom question's id; the prefix keeps it apart from the built-ins forever. */
export function customQuestionId(question: CustomQuestion): string {
  return `c-${question.id}`;
}

/** The catalog key of built-in question `questionNumber`: `questions.builtin.q07`. */
export function builtInQuestionKey(questionNumber: number): string {
  return `questions.builtin.q${String(questionNumber).padStart(2, "0")}`;
}

/** The questions a policy offers: its built-ins in number order (duplicates and unknown numbers dropped), then its custom ones as listed. */
export function questionPool(offer: QuestionOffer): PoolQuestion[] {
  const numbers = [...new Set(offer.builtIn)]
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= BUILT_IN_QUESTION_COUNT)
    .sort((a, b) => a - b);
  const builtIn = numbers.map((n): PoolQuestion => ({ kind: "built_in", id: builtInQuestionId(n), number: n }));
  const custom = offer.custom.map(
    (question): PoolQuestion => ({
      kind: "custom",
      id: customQuestionId(question),
      en: question.en,
      id_: question.id_,
    }),
  );
  return [...builtIn, ...custom];
}

/** The pool's question with `questionId`, or null when the policy no longer offers it. */
export function findPoolQuestion(pool: readonly PoolQuestion[], questionId: string): PoolQuestion | null {
  return pool.find((question) => question.id === questionId) ?? null;
}

/**
 * The question `questionId` names, wherever a stored set may point: a built-in one always (its text lives in the
 * catalogs, so it still shows after the policy stops offering it), a custom one only while the policy lists it (its
 * text lives there). Null for an id that names neither.
 */
export function questionById(questionId: string, offer: QuestionOffer): PoolQuestion | null {
  const builtIn = /^b(\d{2})$/.exec(questionId);
  if (builtIn) {
    const questionNumber = Number(builtIn[1]);
    return questionNumber >= 1 && questionNumber <= BUILT_IN_QUESTION_COUNT
      ? { kind: "built_in", id: questionId, number: questionNumber }
      : null;
  }
  const custom = offer.custom.find((question) => customQuestionId(question) === questionId);
  return custom ? { kind: "custom", id: questionId, en: custom.en, id_: custom.id_ } : null;
}

/**
 * The language a question is shown in to a user reading `language`: a built-in one, and a custom one with both
 * texts, in the user's language; a custom one with a single text in the language the admin wrote it in (the page
 * marks it with `lang` so screen readers pronounce it right).
 */
export function questionLanguage(question: PoolQuestion, language: QuestionLanguage): QuestionLanguage {
  if (question.kind === "built_in") return language;
  const wanted = language === "en" ? question.en : question.id_;
  if (wanted !== null && wanted !== "") return language;
  return language === "en" ? "id" : "en";
}

/** The text of a question for a user reading `language`; `translate` reads the built-ins' catalog texts. */
export function questionText(question: PoolQuestion, language: QuestionLanguage, translate: TranslateQuestion): string {
  if (question.kind === "built_in") return translate(builtInQuestionKey(question.number));
  const shown = questionLanguage(question, language);
  return (shown === "en" ? question.en : question.id_) ?? "";
}
