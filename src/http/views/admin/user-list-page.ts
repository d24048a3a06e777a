/**
 * `/admin/users`: every user, 50 a page, sorted by a column, filtered by state, registration, Capable, lock and group
 * (nested membership counts), with the search by user ID or name. Filters are a GET form, so a list is a link to share.
 */
import type { GroupSummary, UserSort } from "../../../domain/admin/user-admin-ports.js";
import type { UserListPage } from "../../../domain/admin/user-management.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { dataTable, listHref, type TableCell, type TableColumn, tablePager } from "./data-table.js";
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
  return listHref("/admin/users", { ...form, page: page > 1 ? String(page) : "" });
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

function userCells(t: Translate, user: UserListPage["users"][number]): TableCell[] {
  const roles = user.roles.map((role) => t(`admin.role.${role}`)).join(", ");
  return [
    html`<a href="${userPagePath(user.ref)}">${user.userId}</a>`,
    user.displayName,
    accountStateWords(t, user),
    user.groups.join(", "),
    roles,
  ];
}

function manageLinks(t: Translate, mayManage: boolean): Html {
  const groups = html`<a href="/admin/groups">${t("admin_manage.groups.title")}</a>`;
  if (!mayManage) return html`<p class="actions">${groups}</p>`;
  return html`<p class="actions"><a href="/admin/users/new">${t("admin_manage.create.title")}</a>
  <a href="/admin/users/import">${t("admin_manage.import.title")}</a> ${groups}</p>`;
}

export function userListPage(t: Translate, model: UserListModel): Html {
  const { result, form } = model;
  const columns: TableColumn<UserSort>[] = [
    { label: t("admin_users.column.user_id"), sort: "user_id" },
    { label: t("admin_users.column.name"), sort: "display_name" },
    { label: t("admin_users.column.state") },
    { label: t("admin_manage.list.groups") },
    { label: t("admin_users.column.roles") },
  ];
  const table =
    result.users.length === 0
      ? html`<p role="status">${t("admin_users.search.none")}</p>`
      : dataTable({
          id: "results",
          caption: t("admin_manage.list.caption", { count: result.total }),
          columns,
          rows: result.users.map((user) => userCells(t, user)),
          order: { sort: form.sort, dir: form.dir, page: result.page },
          hrefFor: (order) => userListHref({ ...form, sort: order.sort, dir: order.dir }, order.page),
        });
  const pager = tablePager(t, {
    page: result.page,
    pageCount: result.pageCount,
    hasNext: result.page < result.pageCount,
    hrefFor: (page) => userListHref(form, page),
  });
  const status =
    model.deleted === null
      ? html``
      : html`<p class="notice" role="status">${t("admin_manage.delete.done", { user: model.deleted })}</p>`;
  return html`${status}
${manageLinks(t, model.mayManage)}
${filters(t, model)}
${table}
${pager}
<p><a href="/admin">${t("admin_users.back_to_overview")}</a></p>`;
}
