/**
 * The policy page's question pickers: a checkbox per built-in question (its text in the reader's language) and a row
 * per custom question with its English and Indonesian texts, plus blank rows for new ones. Both are fieldsets, so a
 * screen reader hears the group's name and hint before the boxes; problems from a refused save sit at the top.
 */
import { ALL_BUILT_IN_NUMBERS } from "../../../domain/questions/question-pool.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { builtInFieldName, customFieldNames, customRowCount } from "../../admin/policy-question-form.js";
import { type FormError, fieldErrors, fieldErrorText } from "../layout.js";
import { fieldId } from "./policy-fields.js";

type Values = Readonly<Record<string, string>>;

function questionText(t: Translate, number: number): string {
  return t(`questions.builtin.q${String(number).padStart(2, "0")}`);
}

function pickerHead(t: Translate, key: string, errors: readonly FormError[]): { id: string; head: Html } {
  const id = fieldId(key);
  const messages = fieldErrors(errors, id);
  const head = html`<legend>${t(`policy_admin.field.${key}`)}</legend>
<p class="hint" id="${id}-hint">${t(`policy_admin.allowed_text.${key}`)}</p>
${fieldErrorText(t, id, messages)}`;
  return { id, head };
}

/** One checkbox per built-in question (SPEC §4.6's 35), ticked when the policy offers it. */
export function builtInPicker(t: Translate, values: Values, errors: readonly FormError[]): Html {
  const { id, head } = pickerHead(t, "questions.builtIn", errors);
  const boxes = ALL_BUILT_IN_NUMBERS.map((number) => {
    const name = builtInFieldName(number);
    const boxId = fieldId(name);
    return html`<div class="choice"><input type="checkbox" id="${boxId}" name="${name}" value="on"${values[name] === "on" ? html` checked` : ""}>
<label for="${boxId}">${String(number)}. ${questionText(t, number)}</label></div>`;
  });
  return html`<fieldset class="question-picker" id="${id}" aria-describedby="${id}-hint">
${head}
${boxes}
</fieldset>`;
}

/** A row per custom question: its id kept hidden (answers stay valid when a text is edited), then its two texts. */
export function customQuestionRows(t: Translate, values: Values, errors: readonly FormError[]): Html {
  const { id, head } = pickerHead(t, "questions.custom", errors);
  const rows = Array.from({ length: customRowCount(values) }, (_, row) => {
    const names = customFieldNames(row);
    const text = (name: string, label: string) => {
      const inputId = fieldId(name);
      return html`<label for="${inputId}">${label}</label>
<input type="text" id="${inputId}" name="${name}" value="${values[name] ?? ""}" maxlength="400">`;
    };
    return html`<fieldset class="custom-question">
<legend>${t("policy_admin.questions.custom_row", { number: row + 1 })}</legend>
<input type="hidden" name="${names.id}" value="${values[names.id] ?? ""}">
${text(names.en, t("policy_admin.questions.english"))}
${text(names.id_, t("policy_admin.questions.indonesian"))}
</fieldset>`;
  });
  return html`<fieldset class="question-picker" id="${id}" aria-describedby="${id}-hint">
${head}
${rows}
</fieldset>`;
}
