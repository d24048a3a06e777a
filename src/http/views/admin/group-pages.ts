/**
 * `/admin/groups`: the static groups with their direct member and subgroup counts and a form to create one; and one
 * group's page: members (first 200, the user list filtered by the group shows all, nested ones included), the groups
 * inside it and around it, and the forms to add or remove members and subgroups, to rename and to delete the group.
 */
import type { GroupDetail, GroupSummary } from "../../../domain/admin/user-admin-ports.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "../layout.js";
import { type Paged, pageOfItems, type SortValue, sortedBy } from "../../../lib/paging.js";
import { dataTable, listHref, type TableColumn, type TableOrder, tablePager } from "./data-table.js";
import { userPagePath } from "./user-search-page.js";

export function groupPath(name: string): string {
  return `/admin/groups/${encodeURIComponent(name)}`;
}

function input(t: Translate, id: string, label: string, value: string, errors: readonly FormError[]): Html {
  const messages = fieldErrors(errors, id);
  return html`<label for="${id}">${label}</label>
${fieldErrorText(t, id, messages)}
<input id="${id}" name="${id}" type="text" autocomplete="off" maxlength="500" value="${value}"${fieldState(id, messages)}>`;
}

/** The columns the group list sorts by. */
export const GROUP_SORTS = ["name", "members", "subgroups"] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];
const GROUPS_PER_PAGE = 50;

const GROUP_KEYS: Readonly<Record<GroupSort, (group: GroupSummary) => SortValue>> = {
  name: (group) => group.name,
  members: (group) => group.directMembers,
  subgroups: (group) => group.subgroups,
};

/** The page of `groups` in `order` (every group is listed; an organisation has hundreds at most). */
export function groupsInOrder(groups: readonly GroupSummary[], order: TableOrder<GroupSort>): GroupListPage {
  const sorted = sortedBy(groups, GROUP_KEYS[order.sort], {
    descending: order.dir === "desc",
    tieBreak: (group) => group.name,
  });
  return { ...pageOfItems(sorted, order.page, GROUPS_PER_PAGE), order };
}

export type GroupListPage = Paged<GroupSummary> & { readonly order: TableOrder<GroupSort> };

export interface GroupListModel {
  readonly groups: GroupListPage;
  readonly mayManage: boolean;
  readonly csrf: string;
  readonly typed: { readonly name: string; readonly description: string };
  readonly errors: readonly FormError[];
  readonly done: string | null;
}

function groupListHref(order: TableOrder<GroupSort>): string {
  return listHref("/admin/groups", {
    sort: order.sort,
    dir: order.dir,
    page: order.page > 1 ? String(order.page) : "",
  });
}

function groupTable(t: Translate, groups: GroupListPage): Html {
  if (groups.total === 0) return html`<p>${t("admin_manage.groups.none")}</p>`;
  const columns: TableColumn<GroupSort>[] = [
    { label: t("admin_manage.groups.name"), sort: "name" },
    { label: t("admin_manage.groups.description") },
    { label: t("admin_manage.groups.members"), sort: "members", firstDir: "desc" },
    { label: t("admin_manage.groups.subgroups"), sort: "subgroups", firstDir: "desc" },
  ];
  const table = dataTable({
    id: "groups",
    caption: t("admin_manage.groups.caption", { count: groups.total }),
    columns,
    rows: groups.items.map((group) => [
      html`<a href="${groupPath(group.name)}">${group.name}</a>`,
      group.description,
      String(group.directMembers),
      String(group.subgroups),
    ]),
    order: groups.order,
    hrefFor: groupListHref,
  });
  const pager = tablePager(t, {
    page: groups.page,
    pageCount: groups.pageCount,
    hasNext: groups.page < groups.pageCount,
    hrefFor: (page) => groupListHref({ ...groups.order, page }),
  });
  return html`${table}${pager}`;
}

export function groupListPage(t: Translate, model: GroupListModel): Html {
  const status = model.done === null ? html`` : html`<p class="notice" role="status">${model.done}</p>`;
  const create = model.mayManage
    ? html`<section aria-labelledby="create-group-heading"><h2 id="create-group-heading">${t("admin_manage.groups.create")}</h2>
${errorSummary(t, model.errors)}
<form method="post" action="/admin/groups" novalidate>
<input type="hidden" name="csrf" value="${model.csrf}">
${input(t, "name", t("admin_manage.groups.name"), model.typed.name, model.errors)}
${input(t, "description", t("admin_manage.groups.description"), model.typed.description, model.errors)}
<p class="actions"><button type="submit">${t("admin_manage.groups.create_submit")}</button></p>
</form></section>`
    : html``;
  return html`${status}${groupTable(t, model.groups)}${create}<p><a href="/admin/users">${t("admin_users.back_to_search")}</a></p>`;
}

export interface GroupPageModel {
  readonly group: GroupDetail;
  /** What the admin may do here; the page offers nothing else (a group-scoped admin: only their users' memberships). */
  readonly may: {
    /** Rename, delete, add and remove subgroups (`groups.manage`). */
    readonly groups: boolean;
    /** Add a member (`users.manage`; the service checks the user). */
    readonly addMembers: boolean;
    /** The refs of the members the admin may take out. */
    readonly removeMembers: ReadonlySet<string>;
  };
  readonly csrf: string;
  readonly typed: { readonly userId: string; readonly child: string };
  readonly errors: readonly FormError[];
  readonly done: string | null;
}

function removeButton(
  t: Translate,
  model: GroupPageModel & { allowed: boolean },
  input: { action: string; field: string; value: string; label: string },
): Html {
  if (!model.allowed) return html``;
  return html`<form method="post" action="${input.action}" class="inline">
<input type="hidden" name="csrf" value="${model.csrf}"><input type="hidden" name="op" value="remove">
<input type="hidden" name="${input.field}" value="${input.value}">
<button type="submit" class="secondary">${t("admin_manage.groups.remove")}<span class="visually-hidden"> ${input.label}</span></button></form>`;
}

function members(t: Translate, model: GroupPageModel): Html {
  const { group } = model;
  const path = `${groupPath(group.name)}/members`;
  const list =
    group.members.length === 0
      ? html`<p>${t("admin_manage.groups.no_members")}</p>`
      : html`<ul>${group.members.map(
          (user) => html`<li><a href="${userPagePath(user.ref)}">${user.userId}</a> (${user.displayName})
${removeButton(t, { ...model, allowed: model.may.removeMembers.has(user.ref) }, { action: path, field: "userId", value: user.userId, label: user.userId })}</li>`,
        )}</ul>`;
  const all = html`<p><a href="/admin/users?group=${encodeURIComponent(group.name)}">${t("admin_manage.groups.all_members")}</a></p>`;
  const add = model.may.addMembers
    ? html`<form method="post" action="${path}" novalidate><input type="hidden" name="csrf" value="${model.csrf}">
<input type="hidden" name="op" value="add">
${input(t, "userId", t("admin_manage.groups.add_member_label"), model.typed.userId, model.errors)}
<p class="actions"><button type="submit">${t("admin_manage.groups.add_member")}</button></p></form>`
    : html``;
  return html`${list}${all}${add}`;
}

function subgroups(t: Translate, model: GroupPageModel): Html {
  const { group } = model;
  const path = `${groupPath(group.name)}/subgroups`;
  const list =
    group.subgroupNames.length === 0
      ? html`<p>${t("admin_manage.groups.no_subgroups")}</p>`
      : html`<ul>${group.subgroupNames.map(
          (name) => html`<li><a href="${groupPath(name)}">${name}</a>
${removeButton(t, { ...model, allowed: model.may.groups }, { action: path, field: "child", value: name, label: name })}</li>`,
        )}</ul>`;
  const parents =
    group.parentNames.length === 0
      ? html``
      : html`<p>${t("admin_manage.groups.inside")} ${group.parentNames.map((name, index) => html`${index > 0 ? ", " : ""}<a href="${groupPath(name)}">${name}</a>`)}</p>`;
  const add = model.may.groups
    ? html`<form method="post" action="${path}" novalidate><input type="hidden" name="csrf" value="${model.csrf}">
<input type="hidden" name="op" value="add">
${input(t, "child", t("admin_manage.groups.add_subgroup_label"), model.typed.child, model.errors)}
<p class="actions"><button type="submit">${t("admin_manage.groups.add_subgroup")}</button></p></form>`
    : html``;
  return html`${list}${parents}${add}`;
}

export function groupPage(t: Translate, model: GroupPageModel): Html {
  const { group } = model;
  const status = model.done === null ? html`` : html`<p class="notice" role="status">${model.done}</p>`;
  const remove = model.may.groups
    ? html`<p class="actions"><a href="${groupPath(group.name)}/rename">${t("admin_manage.groups.rename_link")}</a>
<a href="${groupPath(group.name)}/delete">${t("admin_manage.groups.delete_link")}</a></p>`
    : html``;
  return html`${status}${errorSummary(t, model.errors)}
<p>${group.description}</p>
<section aria-labelledby="members-heading"><h2 id="members-heading">${t("admin_manage.groups.members_heading", { count: group.directMembers })}</h2>
${members(t, model)}</section>
<section aria-labelledby="subgroups-heading"><h2 id="subgroups-heading">${t("admin_manage.groups.subgroups_heading")}</h2>
${subgroups(t, model)}</section>
${remove}
<p><a href="/admin/groups">${t("admin_manage.groups.back")}</a></p>`;
}

export function groupDeletePage(t: Translate, model: { group: GroupSummary; csrf: string }): Html {
  const { group } = model;
  return html`<p>${t("admin_manage.groups.delete_explain", { group: group.name, count: group.directMembers })}</p>
<form method="post" action="${groupPath(group.name)}/delete">
<input type="hidden" name="csrf" value="${model.csrf}">
<p class="actions"><button type="submit" class="danger">${t("admin_manage.groups.delete_confirm")}</button>
<a href="${groupPath(group.name)}">${t("common.cancel")}</a></p>
</form>`;
}

/** The rename form: the new name, with what follows the group and what stops a rename. */
export function groupRenamePage(
  t: Translate,
  model: { group: GroupSummary; csrf: string; typed: string; errors: readonly FormError[] },
): Html {
  const { group } = model;
  return html`${errorSummary(t, model.errors)}
<p>${t("admin_manage.groups.rename_explain", { group: group.name })}</p>
<form method="post" action="${groupPath(group.name)}/rename" novalidate>
<input type="hidden" name="csrf" value="${model.csrf}">
${input(t, "name", t("admin_manage.groups.rename_label"), model.typed, model.errors)}
<p class="actions"><button type="submit">${t("admin_manage.groups.rename_submit")}</button>
<a href="${groupPath(group.name)}">${t("common.cancel")}</a></p>
</form>`;
}
