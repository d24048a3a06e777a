/**
 * The security-questions form (SPEC §4.6): `toRegister` rows, each a question chosen from the policy's pool and its
 * answer. After an error the chosen questions stay selected and every answer field is empty: an answer is never
 * written into a page.
 */
import { ANSWER_LENGTH } from "../../../domain/questions/answers.js";
import {
  type PoolQuestion,
  type QuestionLanguage,
  questionLanguage,
  questionText,
} from "../../../domain/questions/question-pool.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "../layout.js";

export interface QuestionsFormModel {
  readonly action: string;
  readonly csrf: string;
  /** The row id of the set being replaced (a change), or null for a first set. */
  readonly replace: string | null;
  readonly pool: readonly PoolQuestion[];
  readonly toRegister: number;
  readonly toReset: number;
  /** The question chosen in each row so far ("" when none). */
  readonly chosen: readonly string[];
  /** Errors by field (`question_<n>`, `answer_<n>`), already translated. */
  readonly errors: readonly FormError[];
}

function questionOptions(t: Translate, model: QuestionsFormModel, lang: QuestionLanguage, chosen: string): Html[] {
  return model.pool.map((question) => {
    const shownIn = questionLanguage(question, lang);
    const langAttribute = shownIn === lang ? html`` : html` lang="${shownIn}"`;
    const selected = question.id === chosen ? html` selected` : html``;
    return html`<option value="${question.id}"${langAttribute}${selected}>${questionText(question, lang, t)}</option>`;
  });
}

function questionRow(t: Translate, model: QuestionsFormModel, lang: QuestionLanguage, index: number): Html {
  const row = index + 1;
  const questionField = `question_${String(row)}`;
  const answerField = `answer_${String(row)}`;
  const questionErrors = fieldErrors(model.errors, questionField);
  const answerErrors = fieldErrors(model.errors, answerField);
  const hint = `${answerField}-hint`;
  return html`<fieldset><legend>${t("questions.register.question_label", { number: row })}</legend>
  <label for="${questionField}">${t("questions.register.choose")}</label>${fieldErrorText(t, questionField, questionErrors)}
  <select id="${questionField}" name="${questionField}" required${fieldState(questionField, questionErrors)}>
    <option value="">${t("questions.register.choose")}</option>
    ${questionOptions(t, model, lang, model.chosen[index] ?? "")}
  </select>
  <label for="${answerField}">${t("questions.register.answer_label")}</label>
  <p class="hint" id="${hint}">${t("questions.register.answer_hint", { min: ANSWER_LENGTH.min, max: ANSWER_LENGTH.max })}</p>${fieldErrorText(t, answerField, answerErrors)}
  <input id="${answerField}" name="${answerField}" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="200" required${fieldState(answerField, answerErrors, [hint])}>
</fieldset>`;
}

/** The form; `lang` is the page's language (a custom question written in the other one carries `lang`). */
export function questionsPage(t: Translate, lang: QuestionLanguage, model: QuestionsFormModel): Html {
  const rows = Array.from({ length: model.toRegister }, (_, index) => questionRow(t, model, lang, index));
  const retype = model.errors.length > 0 ? html`<p class="hint">${t("questions.register.retype")}</p>` : html``;
  return html`<p>${t("questions.register.intro", { count: model.toRegister, asked: model.toReset })}</p>
<p class="hint">${t("questions.register.privacy")}</p>
${errorSummary(t, model.errors)}${retype}
<form method="post" action="${model.action}" novalidate>
  <input type="hidden" name="csrf" value="${model.csrf}">
  ${model.replace === null ? "" : html`<input type="hidden" name="replace" value="${model.replace}">`}
  ${rows}
  <button type="submit">${t("questions.register.save")}</button>
</form>
<p><a href="/account/security-info">${t("common.cancel")}</a></p>`;
}
