/**
 * "Diagnose this user" (SPEC §13.1): a GET form for a user ID or a support code, and the 13 checks, each with its
 * status in words (never colour alone), its findings with reason codes and admin hints, and its fix in plain words.
 * Plain HTML: no script, every control reachable by keyboard.
 */
import type { Diagnosis } from "../../domain/troubleshoot/diagnose-user.js";
import { type CheckResult, checkNumber, type FixAction, type Finding } from "../../domain/troubleshoot/diagnosis.js";
import {
  adminHint,
  describeCheck,
  describeFinding,
  describeFix,
  describeFixAction,
  describeStatus,
  type WordsLocale,
} from "../../i18n/diagnosis-words.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { formatDateTime } from "./format-time.js";

/** Where the page of a helpdesk action lives, for the actions that have one; the fix is named in words otherwise. */
/** The page of the helpdesk action that applies a fix, for the diagnosed user's account ref. */
export type FixActionLinks = Readonly<Partial<Record<FixAction, (ref: string) => string>>>;

export interface DiagnosePageModel {
  readonly query: string;
  readonly diagnosis: Diagnosis | null;
  /** True when the form was sent empty. */
  readonly missingQuery: boolean;
  readonly fixLinks: FixActionLinks;
}

function queryForm(t: Translate, model: DiagnosePageModel): Html {
  const error = model.missingQuery ? html`<p class="field-error" id="q-error">${t("diagnose.no_query")}</p>` : html``;
  const described = model.missingQuery ? "q-hint q-error" : "q-hint";
  const invalid = model.missingQuery ? html` aria-invalid="true"` : html``;
  return html`<form method="get" action="/admin/diagnose" role="search">
<label for="q">${t("diagnose.query_label")}</label>
<p class="hint" id="q-hint">${t("diagnose.query_hint")}</p>${error}
<input type="text" id="q" name="q" value="${model.query}" autocomplete="off" spellcheck="false" aria-describedby="${described}"${invalid}>
<div class="actions"><button class="button" type="submit">${t("diagnose.submit")}</button></div>
</form>`;
}

function findingItem(t: Translate, item: Finding, locale: WordsLocale): Html {
  if (item.code === undefined) return html`<li>${describeFinding(t, item, locale)}</li>`;
  return html`<li>${describeFinding(t, item, locale)}
<br><span class="code">${item.code}</span> — <span class="hint">${adminHint(t, item.code)}</span></li>`;
}

function fixAction(t: Translate, check: CheckResult, diagnosis: Diagnosis, links: FixActionLinks): Html {
  const action = check.fixAction;
  if (action === undefined || diagnosis.user === null) return html``;
  if (!diagnosis.mayFix[action]) return html`<p class="hint">${t("diagnose.fix_not_allowed")}</p>`;
  const link = links[action];
  const words = describeFixAction(t, action);
  if (link === undefined) return html`<p><strong>${words}</strong></p>`;
  return html`<p><a class="button" href="${link(diagnosis.user.ref)}">${words}</a></p>`;
}

function checkItem(
  t: Translate,
  check: CheckResult,
  context: { diagnosis: Diagnosis; locale: WordsLocale; links: FixActionLinks },
): Html {
  const id = `check-${check.check}`;
  const fix = describeFix(t, check);
  const fixText = fix === "" ? html`` : html`<p><strong>${t("diagnose.fix_label")}:</strong> ${fix}</p>`;
  return html`<li class="check check-${check.status}">
<h3 id="${id}">${checkNumber(check.check)}. ${describeCheck(t, check.check)}: <span class="check-status">${describeStatus(t, check.status)}</span></h3>
<ul>${check.findings.map((item) => findingItem(t, item, context.locale))}</ul>
${fixText}${fixAction(t, check, context.diagnosis, context.links)}
</li>`;
}

function summary(t: Translate, diagnosis: Diagnosis): string {
  const count = (status: CheckResult["status"]) => diagnosis.checks.filter((check) => check.status === status).length;
  return t("diagnose.summary", {
    pass: count("pass"),
    warn: count("warn"),
    fail: count("fail"),
    not_available: count("not_available"),
  });
}

function resultSection(t: Translate, model: DiagnosePageModel, diagnosis: Diagnosis, lang: WordsLocale["lang"]): Html {
  const locale = { lang, timeZone: diagnosis.timeZone };
  const heading =
    diagnosis.user === null
      ? t("diagnose.result_heading_unknown", { query: model.query })
      : t("diagnose.result_heading", { userId: `${diagnosis.user.userId} (${diagnosis.user.displayName})` });
  const context = { diagnosis, locale, links: model.fixLinks };
  return html`<section aria-labelledby="result-heading">
<h2 id="result-heading">${heading}</h2>
<p>${t("diagnose.ran_at", { time: formatDateTime(diagnosis.ranAt, lang, diagnosis.timeZone) })}</p>
<p>${summary(t, diagnosis)}</p>
<ol class="checks">${diagnosis.checks.map((check) => checkItem(t, check, context))}</ol>
</section>`;
}

/** The page body: the form, then the diagnosis when one ran. */
export function adminDiagnosePage(t: Translate, lang: WordsLocale["lang"], model: DiagnosePageModel): Html {
  const result = model.diagnosis === null ? html`` : resultSection(t, model, model.diagnosis, lang);
  return html`<p>${t("diagnose.intro")}</p>
${queryForm(t, model)}
${result}
<p><a href="/admin">${t("diagnose.back")}</a></p>`;
}
