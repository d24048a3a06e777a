/**
 * The user page's management part: contact numbers, the method history (masked), and the links to edit, disable
 * or enable and delete the user for admins who manage users in a directory Sandi may change.
 */
import type { UserContact } from "../../../domain/admin/user-admin-ports.js";
import type { AdminUserDetail } from "../../../domain/admin/user-overview.js";
import type { MethodEvent } from "../../../domain/registration/registration-ports.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { dataTable } from "./data-table.js";
import { userPagePath } from "./user-search-page.js";

export interface ManageSectionModel {
  readonly detail: AdminUserDetail;
  readonly contact: UserContact | null;
  readonly history: readonly MethodEvent[];
  readonly mayManage: boolean;
  /** The management change that just succeeded, for the status line. */
  readonly done: "edited" | "disabled" | "enabled" | null;
}

function links(t: Translate, model: ManageSectionModel): Html {
  const { user, isSelf } = model.detail;
  const path = userPagePath(user.ref);
  if (!model.mayManage) return html``;
  if (isSelf) return html`<p class="actions"><a href="${path}/edit">${t("admin_manage.edit.link")}</a></p>`;
  const toggle = user.enabled ? "disable" : "enable";
  return html`<p class="actions"><a href="${path}/edit">${t("admin_manage.edit.link")}</a>
<a href="${path}/${toggle}">${t(`admin_manage.${toggle}.link`)}</a>
<a href="${path}/delete">${t("admin_manage.delete.link")}</a></p>`;
}

function contact(t: Translate, model: ManageSectionModel): Html {
  const none = t("admin_users.page.none");
  const language = model.detail.user.preferredLanguage;
  return html`<dl class="profile">
<dt>${t("admin_manage.field.mobilePhone")}</dt><dd>${model.contact?.mobilePhone ?? none}</dd>
<dt>${t("admin_manage.field.officePhone")}</dt><dd>${model.contact?.officePhone ?? none}</dd>
<dt>${t("admin_manage.field.language")}</dt><dd>${language === null ? t("admin_manage.form.language_default") : t(`common.language.${language}`)}</dd>
</dl>`;
}

function history(t: Translate, locale: TimeLocale, events: readonly MethodEvent[]): Html {
  if (events.length === 0) return html`<p>${t("admin_users.page.none")}</p>`;
  const labels = [
    t("admin_users.column.time"),
    t("admin_users.column.method"),
    t("admin_manage.history.action"),
    t("admin_users.column.shown"),
    t("admin_manage.history.by"),
  ];
  const rows = events.map((event) => [
    formatDateTime(event.at, locale.lang, locale.timeZone),
    event.method,
    t(`admin_manage.history.actions.${event.action}`),
    event.masked,
    event.actor === "user" ? t("admin_manage.history.by_user") : t("admin_manage.history.by_admin"),
  ]);
  return dataTable({
    id: "history",
    caption: null,
    labelledBy: "history-heading",
    columns: labels.map((label) => ({ label })),
    rows,
    order: null,
    hrefFor: () => "",
  });
}

export function manageSection(t: Translate, locale: TimeLocale, model: ManageSectionModel): Html {
  const status =
    model.done === null ? html`` : html`<p class="notice" role="status">${t(`admin_manage.done.${model.done}`)}</p>`;
  return html`${status}
<section aria-labelledby="manage-heading"><h2 id="manage-heading">${t("admin_manage.section.title")}</h2>
${contact(t, model)}
${links(t, model)}
</section>
<section aria-labelledby="history-heading"><h2 id="history-heading">${t("admin_manage.history.title")}</h2>
${history(t, locale, model.history)}
</section>`;
}
