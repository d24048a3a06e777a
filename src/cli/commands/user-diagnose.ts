/**
 * `sandi user diagnose <userId|supportCode>`: "Diagnose this user" (SPEC §13.1) on the console, as "system
 * (console)", through the same domain service as the admin page. One block per check: its status, its findings
 * with their reason codes and admin hints, and the fix in plain words; never a secret, code or full address.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type CheckResult, checkNumber, type FixAction } from "../../domain/troubleshoot/diagnosis.js";
import { type Diagnosis, parseDiagnoseQuery } from "../../domain/troubleshoot/diagnose-user.js";
import {
  adminHint,
  describeCheck,
  describeFinding,
  describeFix,
  describeFixAction,
  describeStatus,
  type WordsLocale,
} from "../../i18n/diagnosis-words.js";
import { formatDateTime } from "../../i18n/format-date-time.js";
import { createTranslator, LANGUAGES, type Language, type Translate } from "../../i18n/i18n.js";
import { type CommandOutput, type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";

/** The console command that applies each fix, where one exists. */
const FIX_COMMANDS: Readonly<Partial<Record<FixAction, string>>> = {
  clear_block: "sandi user clear-block",
  unlock: "sandi user unlock",
};

function languageOption(typed: string | undefined, fallback: Language): Language {
  if (typed === undefined) return fallback;
  const lang = LANGUAGES.find((candidate) => candidate === typed);
  if (lang === undefined) throw new UsageError(`--lang must be ${LANGUAGES.join(" or ")}`);
  return lang;
}

function printCheck(
  output: CommandOutput,
  t: Translate,
  check: CheckResult,
  context: { locale: WordsLocale; userId: string | null },
) {
  const number = String(checkNumber(check.check)).padStart(2, " ");
  output.out(`${number}. ${describeCheck(t, check.check)}: ${describeStatus(t, check.status).toUpperCase()}`);
  for (const item of check.findings) {
    output.out(`    - ${describeFinding(t, item, context.locale)}`);
    if (item.code !== undefined) output.out(`      ${item.code}: ${adminHint(t, item.code)}`);
  }
  const fix = describeFix(t, check);
  if (fix !== "") output.out(`    ${t("diagnose.fix_label")}: ${fix}`);
  const command = check.fixAction === undefined ? undefined : FIX_COMMANDS[check.fixAction];
  if (check.fixAction !== undefined && context.userId !== null) {
    const action = describeFixAction(t, check.fixAction);
    output.out(command === undefined ? `    → ${action}` : `    → ${action}: ${command} ${context.userId}`);
  }
}

function printDiagnosis(output: CommandOutput, t: Translate, diagnosis: Diagnosis, lang: Language, query: string) {
  const locale = { lang, timeZone: diagnosis.timeZone };
  const heading =
    diagnosis.user === null
      ? t("diagnose.result_heading_unknown", { query })
      : t("diagnose.result_heading", { userId: `${diagnosis.user.userId} (${diagnosis.user.displayName})` });
  output.out(heading);
  output.out(t("diagnose.ran_at", { time: formatDateTime(diagnosis.ranAt, lang, diagnosis.timeZone) }));
  const userId = diagnosis.user?.userId ?? null;
  for (const check of diagnosis.checks) printCheck(output, t, check, { locale, userId });
}

const diagnose: DatabaseCommand = {
  kind: "database",
  name: "user diagnose",
  usage: "<userId|supportCode> [--lang en|id]",
  summary: "run the 13 troubleshooter checks for a user ID or a reset's support code (SPEC §13.1)",
  options: { lang: { type: "string" } },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const typed = positional(args, 0);
    const query = parseDiagnoseQuery(typed);
    if (query === null) throw new UsageError("type a user ID (name@domain) or a support code (K7QF-2M9D)");
    const lang = languageOption(stringOption(args, "lang"), context.config.organisation.defaultLanguage);
    const t = createTranslator().forLanguage(lang);
    const diagnosis = await context.admin.diagnoseUser(CONSOLE_ACTOR, query);
    if (!diagnosis.ok) {
      context.err("Not allowed.");
      return EXIT.failed;
    }
    printDiagnosis(context, t, diagnosis.value, lang, typed.trim());
    return EXIT.ok;
  },
};

/** `user diagnose`. */
export const USER_DIAGNOSE_COMMANDS: readonly DatabaseCommand[] = [diagnose];
