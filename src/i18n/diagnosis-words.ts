/**
 * "Diagnose this user" in words, for the admin page and `sandi user diagnose` alike: each check's name and status,
 * its findings with their values (kinds, scopes, roles, states and times in the reader's language), its fix, and
 * the admin hint of a finding's reason code (the one catalog docs/reason-codes.md lists).
 */
import type {
  CheckId,
  CheckResult,
  CheckStatus,
  FactValues,
  Finding,
  FixAction,
} from "../domain/troubleshoot/diagnosis.js";
import { REASONS, type ReasonCode } from "../domain/reasons.js";
import { describeReason } from "./audit-words.js";
import { formatDateTime } from "./format-date-time.js";
import type { Language, Translate } from "./i18n.js";

/** What a time is shown in: the reader's language and the organisation's zone. */
export interface WordsLocale {
  readonly lang: Language;
  readonly timeZone: string;
}

/** Values whose words come from the catalog, by the value's name: the catalog key prefix of each. */
const WORDED_VALUES: Readonly<Record<string, string>> = {
  kind: "diagnose.kind",
  scope: "admin.policy.scope_value",
  role: "admin.role",
  status: "diagnose.message_status",
  state: "diagnose.flow_state",
};

function durationWords(t: Translate, minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return t("diagnose.duration.hours", { n: minutes / 60 });
  return t("diagnose.duration.minutes", { n: minutes });
}

function wordedValues(t: Translate, values: FactValues, locale: WordsLocale): Record<string, string | number> {
  const words: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    const prefix = WORDED_VALUES[name];
    if (value instanceof Date) words[name] = formatDateTime(value, locale.lang, locale.timeZone);
    // A counter's window, counted in minutes: "24 h" reads better than "1440 min".
    else if (name === "window" && typeof value === "number") words[name] = durationWords(t, value);
    // A flow's end is a SPEC §11.2 status reason (`succeeded:reset`), worded as the audit log words it.
    else if (name === "end") words[name] = describeReason(t, String(value));
    else if (prefix !== undefined && value !== "") words[name] = t(`${prefix}.${String(value)}`);
    else words[name] = value;
  }
  return words;
}

export function describeCheck(t: Translate, check: CheckId): string {
  return t(`diagnose.check.${check}`);
}

export function describeStatus(t: Translate, status: CheckStatus): string {
  return t(`diagnose.status.${status}`);
}

/** The finding as a sentence; a reason code stays beside the words wherever it is shown. */
export function describeFinding(t: Translate, item: Finding, locale: WordsLocale): string {
  const words = t(`diagnose.fact.${item.fact}`, wordedValues(t, item.values ?? {}, locale));
  // An empty value (a method without a target, a flow without an end) leaves a gap before punctuation: close it.
  return words
    .replace(/\s+([:,.;])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** What a reason code means for an administrator and what to do. */
export function adminHint(t: Translate, code: ReasonCode): string {
  return t(REASONS[code].adminHint);
}

/** The check's fix in plain words, or "" when nothing needs fixing. */
export function describeFix(t: Translate, result: CheckResult): string {
  return result.fix === null ? "" : t(`diagnose.fix.${result.fix}`);
}

export function describeFixAction(t: Translate, action: FixAction): string {
  return t(`diagnose.fix_action.${action}`);
}
