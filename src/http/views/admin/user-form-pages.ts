/**
 * The user management forms: create and edit (names, email, mobile and office phone, language, direct groups),
 * the confirmations of delete, disable and enable, and the new user's temporary password shown once. Each form
 * keeps what was typed when it comes back with problems, each problem linked to its field.
 */
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import type { GroupSummary } from "../../../domain/admin/user-admin-ports.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "../layout.js";
import { userPagePath } from "./user-search-page.js";

/** The form's values as typed (or as stored, when editing starts). */
export interface UserFormValues {
  readonly userId: string;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly mobilePhone: string;
  readonly officePhone: string;
  readonly language: string;
  readonly groups: readonly string[];
}

export interface UserFormModel {
  readonly mode: "create" | "edit";
  readonly action: string;
  readonly csrf: string;
  readonly values: UserFormValues;
  readonly groups: readonly GroupSummary[];
  readonly errors: readonly FormError[];
  /** Where cancel goes. */
  readonly back: string;
}

/** Someone else's data: the browser must not fill in the admin's own (autocomplete off). */
const TEXT_FIELDS = [
  ["displayName", "text"],
  ["firstName", "text"],
  ["lastName", "text"],
  ["email", "email"],
  ["mobilePhone", "tel"],
  ["officePhone", "tel"],
] as const;

function textField(t: Translate, model: UserFormModel, field: { name: keyof UserFormValues; type: string }): Html {
  const messages = fieldErrors(model.errors, field.name);
  const value = model.values[field.name];
  const hint =
    field.type === "tel"
      ? html`<p class="hint" id="${field.name}-hint">${t("admin_manage.form.phone_hint")}</p>`
      : html``;
  const hints = field.type === "tel" ? [`${field.name}-hint`] : [];
  return html`<label for="${field.name}">${t(`admin_manage.field.${field.name}`)}</label>
${hint}${fieldErrorText(t, field.name, messages)}
<input id="${field.name}" name="${field.name}" type="${field.type}" autocomplete="off" maxlength="254" value="${typeof value === "string" ? value : ""}"${fieldState(field.name, messages, hints)}>`;
}

function userIdField(t: Translate, model: UserFormModel): Html {
  if (model.mode === "edit") return html`<input type="hidden" name="userId" value="${model.values.userId}">`;
  const messages = fieldErrors(model.errors, "userId");
  return html`<label for="userId">${t("admin_manage.field.userId")}</label>
<p class="hint" id="userId-hint">${t("admin_manage.form.user_id_hint")}</p>
${fieldErrorText(t, "userId", messages)}
<input id="userId" name="userId" type="text" autocomplete="off" spellcheck="false" maxlength="254" value="${model.values.userId}"${fieldState("userId", messages, ["userId-hint"])}>`;
}

function languageField(t: Translate, model: UserFormModel): Html {
  const messages = fieldErrors(model.errors, "language");
  const options = [
    ["", t("admin_manage.form.language_default")],
    ["en", t("common.language.en")],
    ["id", t("common.language.id")],
  ] as const;
  return html`<label for="language">${t("admin_manage.field.language")}</label>
${fieldErrorText(t, "language", messages)}
<select id="language" name="language"${fieldState("language", messages)}>${options.map(
    ([value, label]) =>
      html`<option value="${value}"${model.values.language === value ? html` selected` : html``}>${label}</option>`,
  )}</select>`;
}

function groupsField(t: Translate, model: UserFormModel): Html {
  if (model.groups.length === 0) return html`<p>${t("admin_manage.form.no_groups")}</p>`;
  const messages = fieldErrors(model.errors, "groups");
  return html`<fieldset id="groups"${fieldState("groups", messages)}>
<legend>${t("admin_manage.field.groups")}</legend>
${fieldErrorText(t, "groups", messages)}
${model.groups.map((group, index) => {
  const checked = model.values.groups.includes(group.name) ? html` checked` : html``;
  return html`<div class="choice"><input type="checkbox" id="group-${String(index)}" name="groups" value="${group.name}"${checked}>
<label for="group-${String(index)}">${group.name}</label></div>`;
})}
</fieldset>`;
}

export function userFormPage(t: Translate, model: UserFormModel): Html {
  return html`${errorSummary(t, model.errors)}
<form method="post" action="${model.action}" novalidate>
  <input type="hidden" name="csrf" value="${model.csrf}">
  ${userIdField(t, model)}
  ${TEXT_FIELDS.map(([name, type]) => textField(t, model, { name, type }))}
  ${languageField(t, model)}
  ${groupsField(t, model)}
  <p class="actions"><button type="submit">${t(`admin_manage.${model.mode}.submit`)}</button>
  <a href="${model.back}">${t("common.cancel")}</a></p>
</form>`;
}

/** "Are you sure?" for delete, disable and enable. */
export function userConfirmPage(
  t: Translate,
  model: { verb: "delete" | "disable" | "enable"; user: AdminUserView; csrf: string; errors: readonly string[] },
): Html {
  const { verb, user } = model;
  return html`${errorSummary(t, model.errors)}
<p>${t(`admin_manage.${verb}.explain`, { user: user.userId })}</p>
<form method="post" action="${userPagePath(user.ref)}/${verb}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <p class="actions"><button type="submit"${verb === "delete" ? html` class="danger"` : html``}>${t(`admin_manage.${verb}.confirm`)}</button>
  <a href="${userPagePath(user.ref)}">${t("common.cancel")}</a></p>
</form>`;
}

/** The new user's temporary password, this once. */
export function userCreatedPage(t: Translate, model: { user: AdminUserView; temporaryPassword: string }): Html {
  const { user, temporaryPassword } = model;
  return html`<p class="notice" role="status">${t("admin_manage.create.done", { user: user.userId })}</p>
<p id="temporary-password-label">${t("admin_users.action.reset.temporary_password")}</p>
<p><code id="temporary-password" aria-labelledby="temporary-password-label">${temporaryPassword}</code></p>
<p class="actions">
  <button type="button" class="secondary" id="copy-codes" hidden data-codes="${temporaryPassword}" data-copied="${t("admin_users.action.reset.copied")}">${t("admin_users.action.reset.copy")}</button>
</p>
<p id="copy-status" role="status"></p>
<p>${t("admin_users.action.reset.must_change_on")}</p>
<p><a href="${userPagePath(user.ref)}">${t("admin_users.action.reset.finished")}</a></p>`;
}
