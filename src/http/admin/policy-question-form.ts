/**
 * The policy page's question pickers (SPEC §3 `questions.builtIn`, `questions.custom`; §4.6) as form fields: one
 * checkbox per built-in question, and one row per custom question (its stable id hidden, its English and Indonesian
 * texts) plus blank rows for new ones, so the whole offer is edited without JavaScript or JSON.
 */
import { ALL_BUILT_IN_NUMBERS, type CustomQuestion } from "../../domain/questions/question-pool.js";
import { parseCustomQuestions, QUESTION_LIMITS } from "../../domain/questions/question-settings.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";

type Values = Readonly<Record<string, string>>;

/** The policy keys the pickers stand for: the generic field loop leaves these two to this module. */
export const QUESTION_PICKER_KEYS: readonly string[] = ["questions.builtIn", "questions.custom"];

/** Blank rows shown after the admin's own questions (a save brings two more, up to SPEC's 20). */
const BLANK_CUSTOM_ROWS = 2;

/** Rows read from a post at most: twice the limit, so a refused post of too many still shows them all. */
const MAX_ROWS_READ = 2 * QUESTION_LIMITS.maxCustom;

/** The checkbox of built-in question `number`. */
export function builtInFieldName(number: number): string {
  return `questions.builtIn.${String(number)}`;
}

/** The three fields of custom question row `row` (0-based). */
export function customFieldNames(row: number): { id: string; en: string; id_: string } {
  const prefix = `questions.custom.${String(row)}`;
  return { id: `${prefix}.id`, en: `${prefix}.en`, id_: `${prefix}.id_` };
}

function customRows(questions: readonly CustomQuestion[]): Record<string, string> {
  const values: Record<string, string> = {};
  const rows = Math.min(questions.length + BLANK_CUSTOM_ROWS, QUESTION_LIMITS.maxCustom);
  for (let row = 0; row < Math.max(rows, questions.length); row++) {
    const names = customFieldNames(row);
    const question = questions[row];
    values[names.id] = question?.id ?? "";
    values[names.en] = question?.en ?? "";
    values[names.id_] = question?.id_ ?? "";
  }
  return values;
}

/** The pickers' fields for `policy`, as the page shows them. */
export function questionValuesOf(policy: SsprPolicy): Record<string, string> {
  const values: Record<string, string> = {};
  for (const number of ALL_BUILT_IN_NUMBERS)
    values[builtInFieldName(number)] = policy.questions.builtIn.includes(number) ? "on" : "off";
  return { ...values, ...customRows(policy.questions.custom) };
}

/** How many custom rows `values` hold (rows are numbered from 0 without gaps). */
export function customRowCount(values: Values): number {
  let rows = 0;
  while (rows < MAX_ROWS_READ && values[customFieldNames(rows).en] !== undefined) rows++;
  return rows;
}

/**
 * The custom questions a post describes: rows with neither text are dropped (that is how a question is removed); a
 * row keeps its hidden id, so an edited text keeps users' answers (SPEC §4.6); a new row's id is derived from its
 * texts. Undefined when a row cannot be read (a malformed id); lengths and duplicates are `checkPolicy`'s.
 */
function customFromForm(body: Values): CustomQuestion[] | undefined {
  const entries: Record<string, string>[] = [];
  for (let row = 0; row < customRowCount(body); row++) {
    const names = customFieldNames(row);
    const en = body[names.en]?.trim() ?? "";
    const indonesian = body[names.id_]?.trim() ?? "";
    if (en === "" && indonesian === "") continue;
    const id = body[names.id]?.trim() ?? "";
    entries.push({
      ...(id === "" ? {} : { id }),
      ...(en === "" ? {} : { en }),
      ...(indonesian === "" ? {} : { id_: indonesian }),
    });
  }
  return parseCustomQuestions(JSON.stringify(entries));
}

/** The questions a post describes: the ticked built-in numbers and the custom rows (undefined: unreadable). */
export function questionsFromForm(body: Values): { builtIn: number[]; custom: CustomQuestion[] | undefined } {
  return {
    builtIn: ALL_BUILT_IN_NUMBERS.filter((number) => body[builtInFieldName(number)] === "on"),
    custom: customFromForm(body),
  };
}

/** The pickers' fields as posted: an unticked box is off, and the custom rows are the posted rows, no others. */
export function typedQuestionValues(body: Values): Record<string, string> {
  const values: Record<string, string> = {};
  for (const number of ALL_BUILT_IN_NUMBERS)
    values[builtInFieldName(number)] = body[builtInFieldName(number)] === "on" ? "on" : "off";
  for (let row = 0; row < customRowCount(body); row++)
    for (const name of Object.values(customFieldNames(row))) values[name] = body[name] ?? "";
  return values;
}
