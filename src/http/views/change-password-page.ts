/** The change-password page (SPEC §9.5): the rules up front, then current, new and confirm. */
import type { PasswordChecklist } from "../../domain/password-live-check.js";
import type { PasswordRuleHint } from "../../domain/policies/password-policy.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { errorSummary, fieldErrorText } from "./layout.js";
import { newPasswordFields, passwordToggle } from "./password-fields.js";

export interface ChangePasswordPageModel {
  readonly userId: string;
  readonly csrfToken: string;
  readonly rules: readonly PasswordRuleHint[];
  /** The live checklist beside the rules (SPEC §6.7). */
  readonly checklist: PasswordChecklist;
  /** One sentence per problem with the last submission. */
  readonly errors: readonly string[];
  /** Which field the errors are about. */
  readonly errorField: "current" | "password" | null;
  /** The password is temporary (set by an administrator): say why this page comes first. */
  readonly mustChange: boolean;
  /** False after a temporary access pass sign-in (SPEC §18): the user has no current password to type. */
  readonly currentNeeded?: boolean;
  /** Must-change because a sign-in found the password in the global banned list (SPEC §18): say that instead. */
  readonly passwordCompromised: boolean;
  /** Must-change because the password is past the policy's maximum age (built-in directory): say that instead. */
  readonly passwordExpired?: boolean;
}

/** Why this page comes first: a common password, an expired one, or an administrator's temporary one. */
function mustChangeNotice(model: ChangePasswordPageModel): string {
  if (model.passwordCompromised) return "password.compromised.notice";
  if (model.passwordExpired === true) return "password_expiry.expired_notice";
  return "account.password.must_change";
}

function fieldState(model: ChangePasswordPageModel, field: "current" | "password", described: string): Html {
  const invalid = model.errorField === field;
  const describedBy = invalid ? `${field}-error ${described}`.trim() : described;
  return html`${describedBy === "" ? "" : html` aria-describedby="${describedBy}"`}${invalid ? html` aria-invalid="true"` : ""}`;
}

/** With a temporary password there is no My account to go back to: only this page or sign-out. */
function signOutForm(t: Translate, csrfToken: string): Html {
  return html`<form method="post" action="/signout">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <button type="submit" class="secondary">${t("account.sign_out")}</button>
</form>`;
}

function currentField(t: Translate, model: ChangePasswordPageModel, errorAt: (field: "current") => Html): Html {
  return html`<label for="current">${t("account.password.current_label")}</label>${errorAt("current")}
  <div class="password-field">
  <input id="current" name="current" type="password" autocomplete="current-password" maxlength="1024" required${fieldState(model, "current", "")}>
  ${passwordToggle(t, { controls: "current", fieldLabel: t("account.password.current_label") })}
  </div>`;
}

export function changePasswordPage(t: Translate, model: ChangePasswordPageModel): Html {
  const errorAt = (field: "current" | "password"): Html =>
    fieldErrorText(t, field, model.errorField === field ? model.errors : []);
  const field = model.errorField ?? "password";
  const summary = model.errors.map((message) => ({ message, field }));
  const mustChange = model.mustChange ? html`<p class="notice" role="status">${t(mustChangeNotice(model))}</p>` : "";
  return html`${mustChange}${errorSummary(t, summary)}
<p>${t("account.password.intro")}</p>
<form method="post" action="/account/password" novalidate>
  <input type="hidden" name="csrf" value="${model.csrfToken}">
  <input type="text" name="username" autocomplete="username" value="${model.userId}" hidden>
  ${model.currentNeeded === false ? "" : currentField(t, model, errorAt)}
  ${newPasswordFields(t, {
    checkUrl: "/account/password/check",
    checklist: model.checklist,
    rules: model.rules,
    labels: { password: t("account.password.new_label"), confirmation: t("account.password.confirm_label") },
    fieldError: errorAt("password"),
    passwordAttributes: fieldState(model, "password", "rules"),
  })}
  <button type="submit">${t("account.password.submit")}</button>
</form>
${model.mustChange ? signOutForm(t, model.csrfToken) : html`<p><a href="/account">${t("account.password.cancel")}</a></p>`}`;
}
