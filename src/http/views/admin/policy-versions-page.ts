/**
 * `/admin/policy/versions` (the 50 kept, who and when) and `/admin/policy/versions/:n` (what that version changed
 * against the one before, old → new in plain words, and for a global admin the restore button).
 */
import type { PolicyVersionDiff } from "../../../domain/admin/policy-versions.js";
import type { PolicyFinding } from "../../../domain/policies/policy-validation.js";
import type { PolicyVersion } from "../../../domain/ports.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { errorSummary } from "../layout.js";
import { changeLabel, changeValue, findingMessage, policyNav } from "./policy-words.js";

export function versionPath(version: number): string {
  return `/admin/policy/versions/${String(version)}`;
}

function when(locale: TimeLocale, date: Date): string {
  return formatDateTime(date, locale.lang, locale.timeZone);
}

export function versionsPage(t: Translate, model: { versions: readonly PolicyVersion[]; locale: TimeLocale }): Html {
  const rows = model.versions.map(
    (version) => html`<tr>
  <td data-label="${t("policy_admin.versions.version")}"><a href="${versionPath(version.version)}">${t("policy_admin.versions.link", { version: version.version })}</a></td>
  <td data-label="${t("policy_admin.versions.when")}">${when(model.locale, version.createdAt)}</td>
  <td data-label="${t("policy_admin.versions.who")}">${version.createdBy}</td>
</tr>`,
  );
  const table =
    rows.length === 0
      ? html`<p role="status">${t("admin.policy.none")}</p>`
      : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="versions-caption">
<table class="stack">
<caption id="versions-caption">${t("policy_admin.versions.caption", { count: rows.length })}</caption>
<thead><tr>${(["version", "when", "who"] as const).map((column) => html`<th scope="col">${t(`policy_admin.versions.${column}`)}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`;
  return html`${policyNav(t, "versions")}
<p>${t("policy_admin.versions.intro")}</p>
${table}`;
}

export interface VersionPageModel {
  readonly diff: PolicyVersionDiff;
  readonly locale: TimeLocale;
  /** The restore form's CSRF token, or null for a reader (no restore button). */
  readonly csrf: string | null;
  readonly blocks: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
}

function changesTable(t: Translate, diff: PolicyVersionDiff): Html {
  if (diff.against === "not_kept")
    return html`<p>${t("policy_admin.diff.not_kept", { version: diff.version.version - 1 })}</p>`;
  if (diff.changes.length === 0) return html`<p>${t("policy_admin.diff.none")}</p>`;
  const caption =
    diff.against === "defaults" ? t("policy_admin.diff.caption_defaults") : t("policy_admin.diff.caption");
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="diff-caption">
<table class="stack">
<caption id="diff-caption">${caption}</caption>
<thead><tr>${(["setting", "old", "new"] as const).map((column) => html`<th scope="col">${t(`policy_admin.diff.${column}`)}</th>`)}</tr></thead>
<tbody>${diff.changes.map(
    (change) => html`<tr>
  <td data-label="${t("policy_admin.diff.setting")}">${changeLabel(t, change.field)}</td>
  <td data-label="${t("policy_admin.diff.old")}">${changeValue(t, change.field, change.old)}</td>
  <td data-label="${t("policy_admin.diff.new")}">${changeValue(t, change.field, change.new)}</td>
</tr>`,
  )}</tbody>
</table>
</div>`;
}

function restoreForm(t: Translate, model: VersionPageModel): Html {
  if (model.csrf === null) return html``;
  const number = model.diff.version.version;
  const warnings =
    model.warnings.length === 0
      ? html``
      : html`<div class="notice warning" role="status" id="policy-warnings">
<h2>${t("policy_admin.warnings.heading")}</h2>
<ul>${model.warnings.map((warning) => html`<li>${findingMessage(t, warning, undefined)}</li>`)}</ul>
<div class="choice"><input type="checkbox" id="confirm-warnings" name="confirmWarnings" value="on">
<label for="confirm-warnings">${t("policy_admin.warnings.confirm")}</label></div>
</div>`;
  return html`<form method="post" action="${versionPath(number)}/restore">
<input type="hidden" name="csrf" value="${model.csrf}">
<p>${t("policy_admin.restore.explain", { version: number })}</p>
${warnings}
<p class="actions"><button type="submit">${t("policy_admin.restore.button", { version: number })}</button></p>
</form>`;
}

export function versionPage(t: Translate, model: VersionPageModel): Html {
  const { version } = model.diff;
  const errors = model.blocks.map((finding) => findingMessage(t, finding, undefined));
  return html`${policyNav(t, "versions")}
<p>${t("admin.policy.version", { version: version.version, time: when(model.locale, version.createdAt), by: version.createdBy })}</p>
${errorSummary(t, errors)}
${changesTable(t, model.diff)}
${restoreForm(t, model)}`;
}
