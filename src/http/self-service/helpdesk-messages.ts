/** The contact form's field problems in the user's language, each tied to its field. */
import type { FieldProblem } from "../../domain/helpdesk/helpdesk-request.js";
import { MESSAGE_MAX_CHARACTERS } from "../../domain/helpdesk/helpdesk-request.js";
import type { Language, Translate } from "../../i18n/i18n.js";
import type { FormError } from "../views/layout.js";

/** Which sentence each problem gets. */
const PROBLEM_KEYS = {
  replyTo: { missing: "helpdesk.error.reply_to_missing", invalid: "helpdesk.error.reply_to_invalid" },
  userId: { missing: "helpdesk.error.user_id_missing", invalid: "helpdesk.error.user_id_invalid" },
  supportCode: { invalid: "helpdesk.error.support_code_invalid" },
  message: { missing: "helpdesk.error.message_missing", too_long: "helpdesk.error.message_too_long" },
} as const;

function keyOf(problem: FieldProblem): string {
  const keys: Partial<Record<FieldProblem["problem"], string>> = PROBLEM_KEYS[problem.field];
  return keys[problem.problem] ?? "common.error.invalid_input";
}

/** A number as the reader writes it: `1,000` in English, `1.000` in Indonesian. */
export function formatCount(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB").format(value);
}

/** The message limit as the page shows it. */
export function messageLimitText(lang: Language): string {
  return formatCount(MESSAGE_MAX_CHARACTERS, lang);
}

/** One message per problem, naming its field; a message too long says how long it is. */
export function problemErrors(t: Translate, lang: Language, problems: readonly FieldProblem[]): FormError[] {
  return problems.map((problem) => ({
    field: problem.field,
    message: t(keyOf(problem), { count: formatCount(problem.characters ?? 0, lang), max: messageLimitText(lang) }),
  }));
}
