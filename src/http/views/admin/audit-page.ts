/**
 * `/admin/audit` (global admins and reports readers): the audit log newest first, 50 a page, filtered by activity
 * (in plain words), actor, target user, outcome and a range of days in the organisation's time zone. The filters are
 * a GET form, so a filtered view is a link to share; paging keeps them.
 */
import type { AuditPage } from "../../../domain/admin/audit-read.js";
import { AUDIT_ACTIVITIES } from "../../../domain/audit-events.js";
import { describeActivity } from "../../../i18n/audit-words.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import type { TimeLocale } from "../format-time.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "../layout.js";
import { auditTable } from "./audit-table.js";
import { listHref, tablePager } from "./data-table.js";

export const AUDIT_PATH = "/admin/audit";

/** The filters as typed: "" is any. Dates are `YYYY-MM-DD`, days in the organisation's time zone. */
export interface AuditForm {
  readonly activity: string;
  readonly actor: string;
  readonly target: string;
  readonly result: "" | "success" | "failure";
  readonly from: string;
  readonly to: string;
}

/** The form with no filter: the whole log. */
export const NO_AUDIT_FILTER: AuditForm = { activity: "", actor: "", target: "", result: "", from: "", to: "" };

export interface AuditPageModel {
  readonly form: AuditForm;
  readonly result: AuditPage;
  /** Dates that are not dates, by field (`from`, `to`); such a filter is left out. */
  readonly errors: readonly FormError[];
  readonly locale: TimeLocale;
}

export function auditHref(form: AuditForm, page: number): string {
  return listHref(AUDIT_PATH, { ...form, page: page > 1 ? String(page) : "" });
}

function option(value: string, label: string, current: string): Html {
  return html`<option value="${value}"${value === current ? html` selected` : html``}>${label}</option>`;
}

function activitySelect(t: Translate, current: string): Html {
  const options = AUDIT_ACTIVITIES.map((activity) => [activity, describeActivity(t, activity)] as const).sort(
    ([, a], [, b]) => a.localeCompare(b),
  );
  return html`<label for="activity">${t("admin_audit.filter.activity")}</label>
<select id="activity" name="activity">${option("", t("admin_manage.list.any"), current)}${options.map(([value, label]) => option(value, label, current))}</select>`;
}

function textInput(t: Translate, name: "actor" | "target", value: string): Html {
  return html`<label for="${name}">${t(`admin_audit.filter.${name}`)}</label>
<p class="hint" id="${name}-hint">${t(`admin_audit.filter.${name}_hint`)}</p>
<input id="${name}" name="${name}" type="text" autocomplete="off" maxlength="256" value="${value}" aria-describedby="${name}-hint">`;
}

function dateInput(t: Translate, name: "from" | "to", value: string, errors: readonly FormError[]): Html {
  const messages = fieldErrors(errors, name);
  return html`<label for="${name}">${t(`admin_audit.filter.${name}`)}</label>
${fieldErrorText(t, name, messages)}
<input id="${name}" name="${name}" type="date" value="${value}"${fieldState(name, messages, ["dates-hint"])}>`;
}

function filters(t: Translate, model: AuditPageModel): Html {
  const { form } = model;
  return html`<form method="get" action="${AUDIT_PATH}" role="search" class="filters" novalidate>
${activitySelect(t, form.activity)}
${textInput(t, "actor", form.actor)}
${textInput(t, "target", form.target)}
<label for="result">${t("admin_audit.filter.result")}</label>
<select id="result" name="result">${option("", t("admin_manage.list.any"), form.result)}${option("success", t("admin.audit.success"), form.result)}${option("failure", t("admin.audit.failure"), form.result)}</select>
<p class="hint" id="dates-hint">${t("admin_audit.filter.dates_hint", { zone: model.locale.timeZone })}</p>
${dateInput(t, "from", form.from, model.errors)}
${dateInput(t, "to", form.to, model.errors)}
<p class="actions"><button type="submit">${t("admin_manage.list.apply")}</button>
<a href="${AUDIT_PATH}">${t("admin_manage.list.clear")}</a></p>
</form>`;
}

function isFiltered(form: AuditForm): boolean {
  return Object.values(form).some((value) => value !== "");
}

export function auditPage(t: Translate, model: AuditPageModel): Html {
  const { result, form } = model;
  const none = isFiltered(form) ? t("admin_audit.none_matching") : t("admin.audit.none");
  const table =
    result.events.length === 0
      ? html`<p role="status">${none}</p>`
      : auditTable(t, model.locale, {
          id: "audit",
          caption: t("admin_audit.caption", { page: result.page }),
          events: result.events,
        });
  const pager = tablePager(t, {
    page: result.page,
    pageCount: null,
    hasNext: result.hasNext,
    hrefFor: (page) => auditHref(form, page),
  });
  return html`${errorSummary(t, model.errors)}
<p>${t("admin_audit.intro")}</p>
${filters(t, model)}
${table}
${pager}`;
}
