/** `/admin/users/:ref/roles`: a user's admin roles with their group scopes, a remove button each, and the grant form. */
import type { RoleAssignment } from "../../../domain/admin/admin-actor.js";
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import { ADMIN_ROLES } from "../../../domain/users.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { userPagePath } from "./user-search-page.js";

export const rolesPagePath = (ref: string): string => `${userPagePath(ref)}/roles`;

export interface RolesModel {
  readonly user: AdminUserView;
  readonly assignments: readonly RoleAssignment[];
  readonly groups: readonly { name: string }[];
  readonly csrf: string;
  readonly errors: readonly string[];
  readonly notice: string | null;
  /** What the grant form shows again after a refusal. */
  readonly form: { readonly role: string; readonly group: string };
}

function scopeWords(t: Translate, group: string | null): string {
  return group === null ? t("admin_roles.everyone") : t("admin_roles.in_group", { group });
}

function assignmentItem(t: Translate, model: RolesModel, assignment: RoleAssignment): Html {
  const role = t(`admin.role.${assignment.role}`);
  const scope = scopeWords(t, assignment.scopeGroup);
  return html`<li>${role}: ${scope}
<form method="post" action="${rolesPagePath(model.user.ref)}/revoke" class="inline">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <input type="hidden" name="role" value="${assignment.role}">
  <input type="hidden" name="group" value="${assignment.scopeGroup ?? ""}">
  <button type="submit" class="secondary">${t("admin_roles.revoke", { role, scope })}</button>
</form></li>`;
}

export function rolesPage(t: Translate, model: RolesModel): Html {
  const { form } = model;
  const list =
    model.assignments.length === 0
      ? html`<p>${t("admin_roles.none")}</p>`
      : html`<ul>${model.assignments.map((assignment) => assignmentItem(t, model, assignment))}</ul>`;
  const notice = model.notice === null ? html`` : html`<p class="notice" role="status">${model.notice}</p>`;
  const roleOption = (role: string) =>
    html`<option value="${role}"${role === form.role ? html` selected` : html``}>${t(`admin.role.${role}`)}</option>`;
  const groupOption = (name: string) =>
    html`<option value="${name}"${name === form.group ? html` selected` : html``}>${name}</option>`;
  return html`${errorSummary(t, model.errors)}${notice}
<p>${t("admin_roles.intro")}</p>
${list}
<h2>${t("admin_roles.grant_title")}</h2>
<form method="post" action="${rolesPagePath(model.user.ref)}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <label for="role">${t("admin_roles.role")}</label>
  <select id="role" name="role">${ADMIN_ROLES.map(roleOption)}</select>
  <label for="group">${t("admin_roles.group")}</label>
  <select id="group" name="group"><option value="">${t("admin_roles.no_group")}</option>${model.groups.map((group) => groupOption(group.name))}</select>
  <p class="actions"><button type="submit">${t("admin_roles.grant")}</button>
  <a href="${userPagePath(model.user.ref)}">${t("admin_roles.back")}</a></p>
</form>`;
}
