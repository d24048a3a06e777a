/**
 * My security info (SPEC §5.1): the readiness panel, one row per method (masked, §4.2), the methods one may add,
 * and the method history. Nothing here shows a full address, number, secret or answer.
 */
import type { RegistrableKind } from "../../../domain/methods.js";
import { kindOfMethod } from "../../../domain/methods.js";
import { recoveryCodesRunningLow } from "../../../domain/recovery-codes.js";
import type { SecurityInfoOverview } from "../../../domain/registration/security-info-service.js";
import { describeClient } from "../../../i18n/client-words.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";

export interface OverviewModel {
  readonly overview: SecurityInfoOverview;
  readonly csrfToken: string;
  /** Where each kind is added (only kinds with pages in this build). */
  readonly addPaths: ReadonlyMap<RegistrableKind, string>;
  /** Where an existing method is changed (kinds whose value can be replaced). */
  readonly changePath: (kind: RegistrableKind, id: string) => string | null;
  readonly notice: string | null;
  /** An approved application the user came from (SPEC §5.2 item 5), offered as the way back. */
  readonly returnUrl?: string | null;
}

function readinessPanel(t: Translate, overview: SecurityInfoOverview): Html {
  const { readiness } = overview;
  if (readiness.capable && readiness.registered)
    return html`<section class="notice" aria-labelledby="readiness"><h2 id="readiness">${t("security_info.ready.yes")}</h2>
<p>${t("security_info.ready.yes_detail")}</p></section>`;
  const reasons: Html[] = [];
  if (readiness.notEnabledReason !== null)
    reasons.push(html`<li>${t(`security_info.ready.reason.${readiness.notEnabledReason}`)}</li>`);
  if (readiness.missing > 0)
    reasons.push(html`<li>${t("security_info.ready.reason.missing", { count: readiness.missing })}</li>`);
  if (readiness.notEnabledReason === null && readiness.usableKinds.length < readiness.gatesRequired)
    reasons.push(html`<li>${t("security_info.ready.reason.gates", { count: readiness.gatesRequired })}</li>`);
  return html`<section class="error-summary" aria-labelledby="readiness"><h2 id="readiness">${t("security_info.ready.no")}</h2>
<ul>${reasons}</ul></section>`;
}

/** SPEC §18: a recovery-code set with 2 codes left or fewer says so where the user looks. */
function lowOnCodes(t: Translate, kind: RegistrableKind, shown: string): Html | "" {
  if (kind !== "recovery_code" || !recoveryCodesRunningLow(Number(shown))) return "";
  return html`<span class="warning-text"> ${t("recovery.page.running_low", { count: Number(shown) })}</span>`;
}

function methodRow(
  t: Translate,
  locale: TimeLocale,
  model: OverviewModel,
  row: SecurityInfoOverview["rows"][number],
): Html {
  const { method } = row;
  const kind = kindOfMethod(method.method);
  const name = t(`security_info.kind.${kind}`);
  const shown =
    kind === "questions"
      ? t("security_info.questions_set", { count: Number(row.shown) })
      : kind === "recovery_code"
        ? t("security_info.codes_left", { count: Number(row.shown) })
        : row.shown;
  const lastUsed =
    method.lastUsedAt === null
      ? t("security_info.never")
      : formatDateTime(method.lastUsedAt, locale.lang, locale.timeZone);
  const change = model.changePath(kind, method.id);
  return html`<tr>
  <td data-label="${t("security_info.column.method")}">${name}</td>
  <td data-label="${t("security_info.column.value")}">${shown}${lowOnCodes(t, kind, row.shown)}${kind === "voice_office" && method.extension ? html` ${t("security_info.extension", { extension: method.extension })}` : ""}</td>
  <td data-label="${t("security_info.column.added")}">${formatDateTime(method.createdAt, locale.lang, locale.timeZone)}</td>
  <td data-label="${t("security_info.column.last_used")}">${lastUsed}</td>
  <td data-label="${t("security_info.column.actions")}">${change === null ? "" : html`<a href="${change}" aria-label="${t("security_info.change_label", { method: name })}">${t("security_info.change")}</a> `}<a href="/account/security-info/remove?id=${method.id}" aria-label="${t("security_info.remove_label", { method: name, value: shown })}">${t("security_info.remove")}</a></td>
</tr>`;
}

function addList(t: Translate, model: OverviewModel): Html {
  const items = model.overview.readiness.addable
    .filter((kind) => model.addPaths.has(kind))
    .map(
      (kind) => html`<li><a href="${model.addPaths.get(kind) ?? "#"}">${t(`security_info.add_kind.${kind}`)}</a></li>`,
    );
  if (items.length === 0) return html``;
  return html`<h2>${t("security_info.add_heading")}</h2><ul class="choices">${items}</ul>`;
}

function historyList(t: Translate, locale: TimeLocale, overview: SecurityInfoOverview): Html {
  if (overview.history.length === 0) return html``;
  const items = overview.history.map(
    (event) =>
      html`<li>${formatDateTime(event.at, locale.lang, locale.timeZone)}: ${t(`security_info.history.${event.action}`, { method: t(`security_info.kind.${kindOfMethod(event.method)}`) })} (${describeClient(t, event.client)}, ${event.ip})</li>`,
  );
  return html`<details><summary>${t("security_info.history.heading")}</summary><ul>${items}</ul></details>`;
}

export function overviewPage(t: Translate, locale: TimeLocale, model: OverviewModel): Html {
  const { overview } = model;
  const rows = overview.rows.map((row) => methodRow(t, locale, model, row));
  const table =
    rows.length === 0
      ? html`<p>${t("security_info.none")}</p>`
      : html`<div class="table-scroll"><table>
<caption>${t("security_info.caption")}</caption>
<thead><tr><th scope="col">${t("security_info.column.method")}</th><th scope="col">${t("security_info.column.value")}</th><th scope="col">${t("security_info.column.added")}</th><th scope="col">${t("security_info.column.last_used")}</th><th scope="col">${t("security_info.column.actions")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  return html`${model.notice === null ? "" : html`<p class="notice" role="status">${model.notice}</p>`}
${readinessPanel(t, overview)}
${table}
${addList(t, model)}
${historyList(t, locale, overview)}
${model.returnUrl ? html`<p><a class="button" href="${model.returnUrl}">${t("security_info.return")}</a></p>` : ""}
<p><a href="/account/password">${t("account.change_password")}</a> · <a href="/account">${t("security_info.back_account")}</a></p>`;
}
