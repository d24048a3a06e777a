/** GATE_CHALLENGE (contact value, then code) and PASSWORD pages. */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { newPasswordFields } from "../password-fields.js";
import { buttonForm, type FlowPageModel } from "./flow-parts.js";

function invalid(errors: readonly string[]): Html {
  return errors.length > 0 ? html` aria-invalid="true" aria-describedby="field-error"` : html``;
}

function fieldError(errors: readonly string[]): Html {
  return errors.length > 0 ? html`<p class="visually-hidden" id="field-error">${errors.join(" ")}</p>` : html``;
}

/** "Type the email address you registered." */
export function contactPage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  return html`${errorSummary(t, errors)}
<form method="post" action="/reset/contact" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <label for="address">${t("reset.email.address_label")}</label>
  <p class="hint">${t("reset.email.address_hint")}</p>${fieldError(errors)}
  <input id="address" name="address" type="email" autocomplete="email" maxlength="254" required${invalid(errors)}>
  <button type="submit">${t("reset.email.send")}</button>
</form>
${buttonForm(view, "/reset/back", t("reset.gate.other_method"))}`;
}

/** A sent code: the page says where it went and offers help and a resend; a device's code needs neither. */
function codeIntro(t: Translate, view: FlowView): Html {
  const digits = view.step?.codeLength ?? view.codeLength;
  if (view.step?.codeSource === "device") return html`<p>${t("reset.code.device_prompt", { digits })}</p>`;
  return html`<p class="notice" role="status">${t("reset.email.code_sent", { digits })}</p>`;
}

function sentCodeHelp(t: Translate, view: FlowView): Html {
  if (view.step?.codeSource === "device") return html``;
  return html`<details><summary>${t("reset.code.help_summary")}</summary>
  <ul><li>${t("reset.code.help_wait")}</li><li>${t("reset.code.help_spam")}</li><li>${t("reset.code.help_exact")}</li></ul>
  ${buttonForm(view, "/reset/resend", t("reset.code.resend"))}
</details>`;
}

/** "If this address matches the one on file, we've sent an n-digit code", or the authenticator's prompt. */
export function codePage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  return html`${codeIntro(t, view)}
${errorSummary(t, errors)}
<form method="post" action="/reset/code" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <label for="code">${t("reset.code.label")}</label>${fieldError(errors)}
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required${invalid(errors)}>
  <button type="submit">${t("reset.code.submit")}</button>
</form>
${sentCodeHelp(t, view)}
${buttonForm(view, "/reset/back", t("reset.gate.other_method"))}`;
}

/** The new password, with the rules shown up front and the live checklist (password-fields.ts). */
export function passwordPage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const fields = newPasswordFields(t, {
    checkUrl: "/reset/password/check",
    checklist: view.passwordChecklist,
    rules: view.passwordRules,
    labels: { password: t("reset.password.new_label"), confirmation: t("reset.password.confirm_label") },
    fieldError: fieldError(errors),
    passwordAttributes: html` aria-describedby="${errors.length > 0 ? "field-error rules" : "rules"}"${errors.length > 0 ? html` aria-invalid="true"` : html``}`,
  });
  return html`${errorSummary(t, errors)}
<form method="post" action="/reset/password" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="text" name="username" autocomplete="username" value="${view.userId}" hidden>
  ${fields}
  <button type="submit">${t("reset.password.submit")}</button>
</form>
${buttonForm(view, "/reset/cancel", t("common.cancel"))}`;
}
