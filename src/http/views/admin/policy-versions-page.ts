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
import { pageOfItems, sortedBy } from "../../../lib/paging.js";
import { errorSummary } from "../layout.js";
import { dataTable, listHref, type TableColumn, type TableOrder, tablePager } from "./data-table.js";
import { changeLabel, changeValue, findingMessage, policyNav } from "./policy-words.js";

export function versionPath(version: number): string {
  return `/admin/policy/versions/${String(version)}`;
}

function when(locale: TimeLocale, date: Date): string {
  return formatDateTime(date, locale.lang, locale.timeZone);
}

/** The columns the version list sorts by ("when" follows the version number: versions are saved in order). */
export const VERSION_SORTS = ["version", "who"] as const;
export type VersionSort = (typeof VERSION_SORTS)[number];
export const VERSION_ORDER = { sorts: VERSION_SORTS, sort: "version", dir: "desc" } as const;
const VERSIONS_PER_PAGE = 25;

function versionListHref(order: TableOrder<VersionSort>): string {
  const page = order.page > 1 ? String(order.page) : "";
  return listHref("/admin/policy/versions", { sort: order.sort, dir: order.dir, page });
}

export function versionsPage(
  t: Translate,
  model: { versions: readonly PolicyVersion[]; locale: TimeLocale; order: TableOrder<VersionSort> },
): Html {
  const { order } = model;
  const key = (version: PolicyVersion) => (order.sort === "who" ? version.createdBy : version.version);
  const sorted = sortedBy(model.versions, key, {
    descending: order.dir === "desc",
    tieBreak: (version) => -version.version,
  });
  const paged = pageOfItems(sorted, order.page, VERSIONS_PER_PAGE);
  const columns: TableColumn<VersionSort>[] = [
    { label: t("policy_admin.versions.version"), sort: "version", firstDir: "desc" },
    { label: t("policy_admin.versions.when") },
    { label: t("policy_admin.versions.who"), sort: "who" },
  ];
  const table =
    paged.total === 0
      ? html`<p role="status">${t("admin.policy.none")}</p>`
      : html`${dataTable({
          id: "versions",
          caption: t("policy_admin.versions.caption", { count: paged.total }),
          columns,
          rows: paged.items.map((version) => [
            html`<a href="${versionPath(version.version)}">${t("policy_admin.versions.link", { version: version.version })}</a>`,
            when(model.locale, version.createdAt),
            version.createdBy,
          ]),
          order: { ...order, page: paged.page },
          hrefFor: versionListHref,
        })}${tablePager(t, {
          page: paged.page,
          pageCount: paged.pageCount,
          hasNext: paged.page < paged.pageCount,
          hrefFor: (page) => versionListHref({ ...order, page }),
        })}`;
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
