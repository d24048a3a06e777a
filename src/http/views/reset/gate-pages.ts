/** GATE_CHALLENGE (contact value, then code) and PASSWORD pages. */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, fieldErrors, fieldErrorText, fieldState } from "../layout.js";
import { newPasswordFields } from "../password-fields.js";
import { HELP_PATH } from "../../../domain/helpdesk/help-paths.js";
import { HELP_ANCHORS } from "../../../domain/user-errors.js";
import { actions, buttonForm, detachedForm, type FlowPageModel } from "./flow-parts.js";

/** When "Didn't get it?" appears and when a resend is allowed (SPEC §6.1), counted by sandi.js from page load. */
const HELP_AFTER_SECONDS = 10;
const RESEND_AFTER_SECONDS = 30;

/** "Type the email address you registered." */
export function contactPage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const messages = fieldErrors(errors, "address");
  return html`${errorSummary(t, errors)}
<form method="post" action="/reset/contact" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <label for="address">${t("reset.email.address_label")}</label>
  <p class="hint" id="address-hint">${t("reset.email.address_hint")}</p>${fieldErrorText(t, "address", messages)}
  <input id="address" name="address" type="email" autocomplete="email" maxlength="254" required${fieldState("address", messages, ["address-hint"])}>
  ${actions(t("reset.email.send"), { formId: "back-form", label: t("reset.gate.other_method") })}
</form>
${detachedForm(view, "back-form", "/reset/back")}`;
}

/** A recovery code is letters and digits in groups, not a number of digits: its field reads and types as such. */
function isRecoveryCode(view: FlowView): boolean {
  return view.step?.method === "recovery_code";
}

/** A sent code: the page says where it went and offers help and a resend; a device's code needs neither. */
function codeIntro(t: Translate, view: FlowView): Html {
  const digits = view.step?.codeLength ?? view.codeLength;
  if (isRecoveryCode(view)) return html`<p>${t("gate_app.recovery_code.prompt")}</p>`;
  if (view.step?.codeSource === "device") return html`<p>${t("reset.code.device_prompt", { digits })}</p>`;
  return html`<p class="notice" role="status">${t("reset.email.code_sent", { digits })}</p>`;
}

/**
 * "Didn't get it?": tips and the resend button. Without script it is there at once and the server refuses an early
 * resend with the time left; sandi.js hides it for 10 s and counts the button down to 30 s.
 */
function sentCodeHelp(t: Translate, model: FlowPageModel): Html {
  const { view } = model;
  if (view.step?.codeSource === "device") return html``;
  const refused = model.resendWaitSeconds ?? null;
  const showAfter = refused === null ? HELP_AFTER_SECONDS : 0;
  const resendAfter = refused ?? RESEND_AFTER_SECONDS;
  return html`<details class="help" id="code-help" data-show-after="${String(showAfter)}" data-resend-after="${String(resendAfter)}"${refused === null ? html`` : html` open`}>
  <summary>${t("reset.code.help_summary")}</summary>
  <ul><li>${t("reset.code.help_wait")}</li><li>${t("reset.code.help_spam")}</li><li>${t("reset.code.help_exact")}</li>
  <li><a href="${HELP_PATH}#${HELP_ANCHORS.noCode}">${t("reset.code.help_more")}</a></li></ul>
  <form method="post" action="/reset/resend"><input type="hidden" name="csrf" value="${view.csrfToken}">
    <button type="submit" class="secondary" id="resend-button" aria-describedby="resend-wait">${t("reset.code.resend")}</button>
    <p class="hint" id="resend-wait" data-template="${t("ui.resend_wait", { seconds: "{seconds}" })}"></p>
  </form>
</details>`;
}

/** The code's label and input: digits from a message or an app, or a recovery code with its own label and hint. */
function codeField(t: Translate, view: FlowView, messages: readonly string[]): Html {
  if (isRecoveryCode(view))
    return html`<label for="code">${t("gate_app.recovery_code.label")}</label>
  <p class="hint" id="code-hint">${t("gate_app.recovery_code.hint")}</p>${fieldErrorText(t, "code", messages)}
  <input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" required${fieldState("code", messages, ["code-hint"])}>`;
  return html`<label for="code">${t("reset.code.label")}</label>${fieldErrorText(t, "code", messages)}
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required${fieldState("code", messages)}>`;
}

/** "If this address matches the one on file, we've sent an n-digit code", the authenticator's or a recovery code's prompt. */
export function codePage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const messages = fieldErrors(errors, "code");
  return html`${codeIntro(t, view)}
${errorSummary(t, errors)}
<form method="post" action="/reset/code" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  ${codeField(t, view, messages)}
  ${actions(t("reset.code.submit"), { formId: "back-form", label: t("reset.gate.other_method") })}
</form>
${detachedForm(view, "back-form", "/reset/back")}
${sentCodeHelp(t, model)}`;
}

/** The new password, with the rules shown up front and the live checklist (password-fields.ts). */
export function passwordPage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const messages = fieldErrors(errors, "password");
  const mismatch = fieldErrors(errors, "confirmation");
  const fields = newPasswordFields(t, {
    checkUrl: "/reset/password/check",
    checklist: view.passwordChecklist,
    rules: view.passwordRules,
    labels: { password: t("reset.password.new_label"), confirmation: t("reset.password.confirm_label") },
    fieldError: fieldErrorText(t, "password", messages),
    passwordAttributes: fieldState("password", messages, ["rules"]),
    confirmationError: fieldErrorText(t, "confirmation", mismatch),
    confirmationAttributes: fieldState("confirmation", mismatch),
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
