/** `/admin/users`: search by user ID or name, 25 a page, each user's state at a glance and a link to their page. */
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import type { UserSearchPage } from "../../../domain/admin/user-overview.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";

/** The path of a user's page. */
export function userPagePath(ref: string): string {
  return `/admin/users/${encodeURIComponent(ref)}`;
}

/** The account's state in a few words: disabled, admin lock, security hold, must change; else active. */
export function accountStateWords(t: Translate, user: AdminUserView): string {
  const states = [
    ...(user.enabled ? [] : [t("admin_users.state.disabled")]),
    ...(user.adminLockedAt === null ? [] : [t("admin_users.state.admin_locked")]),
    ...(user.securityHoldAt === null ? [] : [t("admin_users.state.security_hold")]),
    ...(user.mustChangePassword ? [t("admin_users.state.must_change")] : []),
  ];
  return states.length === 0 ? t("admin_users.state.active") : states.join(", ");
}

function userRow(t: Translate, user: AdminUserView): Html {
  const roles = user.roles.map((role) => t(`admin.role.${role}`)).join(", ");
  return html`<tr>
  <td data-label="${t("admin_users.column.user_id")}"><a href="${userPagePath(user.ref)}">${user.userId}</a></td>
  <td data-label="${t("admin_users.column.name")}">${user.displayName}</td>
  <td data-label="${t("admin_users.column.state")}">${accountStateWords(t, user)}</td>
  <td data-label="${t("admin_users.column.roles")}">${roles}</td>
</tr>`;
}

function pageLink(query: string, page: number, label: string, rel: "prev" | "next"): Html {
  const href = `/admin/users?q=${encodeURIComponent(query)}&page=${String(page)}`;
  return html`<a href="${href}" rel="${rel}">${label}</a>`;
}

function pager(t: Translate, query: string, result: UserSearchPage): Html {
  const links = [
    ...(result.page > 1 ? [pageLink(query, result.page - 1, t("admin_users.search.previous"), "prev")] : []),
    ...(result.hasNext ? [pageLink(query, result.page + 1, t("admin_users.search.next"), "next")] : []),
  ];
  if (links.length === 0) return html``;
  return html`<nav aria-label="${t("admin_users.search.pages")}"><p class="actions">${links}</p></nav>`;
}

export function userSearchPage(t: Translate, model: { query: string; result: UserSearchPage }): Html {
  const { query, result } = model;
  const table =
    result.users.length === 0
      ? html`<p role="status">${t("admin_users.search.none")}</p>`
      : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-caption">
<table class="stack">
<caption id="results-caption">${t("admin_users.search.caption", { page: result.page })}</caption>
<thead><tr>${(["user_id", "name", "state", "roles"] as const).map((column) => html`<th scope="col">${t(`admin_users.column.${column}`)}</th>`)}</tr></thead>
<tbody>${result.users.map((user) => userRow(t, user))}</tbody>
</table>
</div>`;
  return html`<form method="get" action="/admin/users" role="search">
  <label for="q">${t("admin_users.search.label")}</label>
  <p class="hint" id="q-hint">${t("admin_users.search.hint")}</p>
  <input id="q" name="q" type="search" value="${query}" maxlength="256" aria-describedby="q-hint">
  <button type="submit">${t("admin_users.search.submit")}</button>
</form>
${table}
${pager(t, query, result)}
<p><a href="/admin">${t("admin_users.back_to_overview")}</a></p>`;
}
