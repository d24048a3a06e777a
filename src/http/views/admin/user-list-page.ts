/**
 * `/admin/users`: every user, 50 a page, sorted by a column, filtered by state, registration, Capable, lock and group
 * (nested membership counts), with the search by user ID or name. Filters are a GET form, so a list is a link to share.
 */
import type { GroupSummary, UserSort } from "../../../domain/admin/user-admin-ports.js";
import type { UserListPage } from "../../../domain/admin/user-management.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { accountStateWords, userPagePath } from "./user-search-page.js";

/** The list's query as typed: each filter is "" (any) or one of its values. */
export interface UserListForm {
  readonly q: string;
  readonly state: "" | "enabled" | "disabled";
  readonly registered: "" | "yes" | "no";
  /** SPEC §5.3 Capable under the policy in force (computed, not stored). */
  readonly capable: "" | "yes" | "no";
  readonly locked: "" | "yes" | "no";
  readonly group: string;
  readonly sort: UserSort;
  readonly dir: "asc" | "desc";
}

export interface UserListModel {
  readonly form: UserListForm;
  readonly result: UserListPage;
  readonly groups: readonly GroupSummary[];
  /** The admin may create, import and manage (users.manage) and the directory lets Sandi do it. */
  readonly mayManage: boolean;
  /** The user ID just deleted, for the status line. */
  readonly deleted: string | null;
}

/** The list's address with `form` and the page. */
export function userListHref(form: UserListForm, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form) as [string, string][]) if (value !== "") params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query === "" ? "/admin/users" : `/admin/users?${query}`;
}

function select(t: Translate, name: string, current: string, options: readonly (readonly [string, string])[]): Html {
  return html`<label for="filter-${name}">${t(`admin_manage.list.filter.${name}`)}</label>
<select id="filter-${name}" name="${name}">${options.map(
    ([value, label]) => html`<option value="${value}"${value === current ? html` selected` : html``}>${label}</option>`,
  )}</select>`;
}

function filters(t: Translate, model: UserListModel): Html {
  const { form } = model;
  const any = t("admin_manage.list.any");
  const yesNo = [
    ["", any],
    ["yes", t("admin.policy.yes")],
    ["no", t("admin.policy.no")],
  ] as const;
  return html`<form method="get" action="/admin/users" role="search" class="filters">
  <label for="q">${t("admin_users.search.label")}</label>
  <p class="hint" id="q-hint">${t("admin_users.search.hint")}</p>
  <input id="q" name="q" type="search" value="${form.q}" maxlength="256" aria-describedby="q-hint">
  ${select(t, "state", form.state, [
    ["", any],
    ["enabled", t("admin_manage.list.enabled")],
    ["disabled", t("admin_manage.list.disabled")],
  ])}
  ${select(t, "registered", form.registered, yesNo)}
  ${select(t, "capable", form.capable, yesNo)}
  ${select(t, "locked", form.locked, yesNo)}
  ${select(t, "group", form.group, [["", any], ...model.groups.map((group) => [group.name, group.name] as const)])}
  ${select(t, "sort", form.sort, [
    ["user_id", t("admin_users.column.user_id")],
    ["display_name", t("admin_users.column.name")],
    ["created_at", t("admin_manage.list.created")],
  ])}
  ${select(t, "dir", form.dir, [
    ["asc", t("admin_manage.list.ascending")],
    ["desc", t("admin_manage.list.descending")],
  ])}
  <p class="actions"><button type="submit">${t("admin_manage.list.apply")}</button>
  <a href="/admin/users">${t("admin_manage.list.clear")}</a></p>
</form>`;
}

function userRow(t: Translate, user: UserListPage["users"][number]): Html {
  const roles = user.roles.map((role) => t(`admin.role.${role}`)).join(", ");
  return html`<tr>
  <td data-label="${t("admin_users.column.user_id")}"><a href="${userPagePath(user.ref)}">${user.userId}</a></td>
  <td data-label="${t("admin_users.column.name")}">${user.displayName}</td>
  <td data-label="${t("admin_users.column.state")}">${accountStateWords(t, user)}</td>
  <td data-label="${t("admin_manage.list.groups")}">${user.groups.join(", ")}</td>
  <td data-label="${t("admin_users.column.roles")}">${roles}</td>
</tr>`;
}

function pager(t: Translate, model: UserListModel): Html {
  const { result, form } = model;
  const links = [
    ...(result.page > 1
      ? [html`<a href="${userListHref(form, result.page - 1)}" rel="prev">${t("admin_users.search.previous")}</a>`]
      : []),
    ...(result.page < result.pageCount
      ? [html`<a href="${userListHref(form, result.page + 1)}" rel="next">${t("admin_users.search.next")}</a>`]
      : []),
  ];
  const where = t("admin_manage.list.page_of", { page: result.page, pages: result.pageCount });
  return html`<nav aria-label="${t("admin_users.search.pages")}"><p class="actions">${where} ${links}</p></nav>`;
}

function manageLinks(t: Translate, mayManage: boolean): Html {
  const groups = html`<a href="/admin/groups">${t("admin_manage.groups.title")}</a>`;
  if (!mayManage) return html`<p class="actions">${groups}</p>`;
  return html`<p class="actions"><a href="/admin/users/new">${t("admin_manage.create.title")}</a>
  <a href="/admin/users/import">${t("admin_manage.import.title")}</a> ${groups}</p>`;
}

export function userListPage(t: Translate, model: UserListModel): Html {
  const { result } = model;
  const columns = [
    t("admin_users.column.user_id"),
    t("admin_users.column.name"),
    t("admin_users.column.state"),
    t("admin_manage.list.groups"),
    t("admin_users.column.roles"),
  ];
  const table =
    result.users.length === 0
      ? html`<p role="status">${t("admin_users.search.none")}</p>`
      : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-caption">
<table class="stack">
<caption id="results-caption">${t("admin_manage.list.caption", { count: result.total })}</caption>
<thead><tr>${columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
<tbody>${result.users.map((user) => userRow(t, user))}</tbody>
</table>
</div>`;
  const status =
    model.deleted === null
      ? html``
      : html`<p class="notice" role="status">${t("admin_manage.delete.done", { user: model.deleted })}</p>`;
  return html`${status}
${manageLinks(t, model.mayManage)}
${filters(t, model)}
${table}
${pager(t, model)}
<p><a href="/admin">${t("admin_users.back_to_overview")}</a></p>`;
}
