/**
 * GATE_CHALLENGE for security questions (SPEC §4.6): the drawn questions in the page's language, one answer field
 * each. Answers are secrets: a page never writes one back, and an error never points at the answer that was wrong.
 */
import type { StepField } from "../../../domain/methods/method-port.js";
import { ANSWER_LENGTH } from "../../../domain/questions/answers.js";
import {
  type PoolQuestion,
  type QuestionLanguage,
  questionById,
  questionLanguage,
  questionText,
} from "../../../domain/questions/question-pool.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, type FormError } from "../layout.js";
import { actions, detachedForm, type FlowPageModel } from "./flow-parts.js";

const HINT_ID = "answers-hint";

/** The question a field asks: a custom one from the texts the field carries, a built-in one by its id. */
export function questionOfField(field: StepField): PoolQuestion | null {
  const questionId = field.questionId ?? "";
  if (field.customQuestion !== undefined) return { kind: "custom", id: questionId, ...field.customQuestion };
  return questionById(questionId, { builtIn: [], custom: [] });
}

/** One question and its empty answer field; a question written only in the other language says so with `lang`. */
function answerRow(t: Translate, lang: QuestionLanguage, field: StepField): Html {
  const question = questionOfField(field);
  const shownIn = question === null ? lang : questionLanguage(question, lang);
  const text = question === null ? t("gate_questions.unavailable") : questionText(question, lang, t);
  const langAttribute = shownIn === lang ? html`` : html` lang="${shownIn}"`;
  return html`<label for="${field.name}"${langAttribute}>${text}</label>
  <input id="${field.name}" name="${field.name}" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="${String(field.maxLength)}" required aria-describedby="${HINT_ID}">`;
}

/**
 * Every message about a set is about the set as a whole: tied to one field, it would hint which answer was wrong
 * (SPEC §4.6), so the summary lists it without a link.
 */
function setErrors(errors: readonly FormError[]): string[] {
  return errors.map((error) => (typeof error === "string" ? error : error.message));
}

/** "Answer these questions as you did when you set them up." */
export function questionsGatePage(t: Translate, model: FlowPageModel): Html {
  const { view, lang } = model;
  const fields = (view.step?.fields ?? []).filter((field) => field.input === "answer");
  return html`<p>${t("gate_questions.intro", { number: fields.length })}</p>
${errorSummary(t, setErrors(model.errors))}
<form method="post" action="/reset/step" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="hidden" name="step" value="answer_questions">
  <p class="hint" id="${HINT_ID}">${t("gate_questions.hint", { min: ANSWER_LENGTH.min, max: ANSWER_LENGTH.max })}</p>
  ${fields.map((field) => answerRow(t, lang, field))}
  ${actions(t("gate_questions.submit"), { formId: "back-form", label: t("reset.gate.other_method") })}
</form>
${detachedForm(view, "back-form", "/reset/back")}`;
}
