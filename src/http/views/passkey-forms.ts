/**
 * The forms /static/passkey.js drives (SPEC §4.5): add a passkey, confirm it's you with one, sign in with one. Each
 * carries the catalog's messages for the script, a status line it writes to, and a <noscript> that says passkeys
 * need JavaScript. Pages that show one list PASSKEY_PAGE_SCRIPTS.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { errorSummary, fieldErrorText, fieldState } from "./layout.js";

export { PASSKEY_PAGE_SCRIPTS } from "../passkey/passkey-assets.js";

export interface PasskeyFormModel {
  readonly ceremony: "register" | "authenticate";
  readonly action: string;
  readonly optionsUrl: string;
  /** The hidden fields: the CSRF token (`csrf`, or the sign-in form's `form`). */
  readonly hidden: Readonly<Record<string, string>>;
  readonly submit: string;
  /** A message from the server about the last try, shown where the script shows its own. */
  readonly error: string | null;
  readonly fields?: Html;
  readonly buttonClass?: "secondary";
}

/** The catalog's messages, as the data attributes the script reads. */
function messages(t: Translate): Html {
  return html`data-message-unsupported="${t("passkey.unsupported")}" data-message-cancelled="${t("passkey.cancelled")}"
  data-message-exists="${t("passkey.exists")}" data-message-failed="${t("passkey.failed")}"`;
}

/** One passkey form; the answer travels in `credential`. */
export function passkeyForm(t: Translate, model: PasskeyFormModel): Html {
  const hidden = Object.entries(model.hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  const status =
    model.error === null
      ? html`<p class="errors" data-passkey-status role="alert" hidden></p>`
      : html`<p class="errors" data-passkey-status role="alert">${model.error}</p>`;
  return html`<noscript><p class="errors">${t("passkey.needs_javascript")}</p></noscript>
<form method="post" action="${model.action}" novalidate data-passkey="${model.ceremony}" data-options="${model.optionsUrl}"
  ${messages(t)}>
  ${status}
  ${hidden}<input type="hidden" name="credential" value="" data-passkey-response>
  ${model.fields ?? ""}
  <button type="submit"${model.buttonClass === undefined ? "" : html` class="${model.buttonClass}"`}>${model.submit}</button>
</form>`;
}

/** The label field of a new passkey, refilled with what was typed and its error. */
export function passkeyLabelField(t: Translate, value: string, error: string | null): Html {
  const messagesShown = error === null ? [] : [error];
  return html`<label for="label">${t("passkey.label")}</label>
  <p class="hint" id="label-hint">${t("passkey.label_hint")}</p>${fieldErrorText(t, "label", messagesShown)}
  <input id="label" name="label" type="text" maxlength="40" required autocomplete="off" value="${value}"${fieldState("label", messagesShown, ["label-hint"])}>`;
}

/** The page that adds a passkey. */
export function addPasskeyPage(
  t: Translate,
  model: { action: string; csrf: string; label: string; error: { field: "label" | null; message: string } | null },
): Html {
  const labelError = model.error?.field === "label" ? model.error.message : null;
  const formError = model.error !== null && model.error.field === null ? model.error.message : null;
  const summary = labelError === null ? [] : [{ field: "label", message: labelError }];
  return html`<p>${t("passkey.add_intro")}</p>
${errorSummary(t, summary)}
${passkeyForm(t, {
  ceremony: "register",
  action: model.action,
  optionsUrl: `${model.action}/options`,
  hidden: { csrf: model.csrf },
  submit: t("passkey.create"),
  error: formError,
  fields: passkeyLabelField(t, model.label, labelError),
})}
<p><a href="/account/security-info">${t("common.cancel")}</a></p>`;
}

/** The step-up with a passkey. */
export function passkeyStepUpPage(t: Translate, model: { action: string; csrf: string; error: string | null }): Html {
  return html`<p>${t("passkey.step_up_intro")}</p>
${passkeyForm(t, {
  ceremony: "authenticate",
  action: model.action,
  optionsUrl: `${model.action}/options`,
  hidden: { csrf: model.csrf },
  submit: t("passkey.step_up_submit"),
  error: model.error,
})}
<p><a href="/account/security-info">${t("common.cancel")}</a></p>`;
}

/** "Sign in with a passkey" under the password form. */
export function passkeySignInSection(
  t: Translate,
  model: { formToken: string; next: string | null; error: string | null },
): Html {
  return html`<section aria-labelledby="passkey-sign-in"><h2 id="passkey-sign-in">${t("passkey.sign_in_heading")}</h2>
${passkeyForm(t, {
  ceremony: "authenticate",
  action: "/signin/passkey",
  optionsUrl: "/signin/passkey/options",
  hidden: model.next === null ? { form: model.formToken } : { form: model.formToken, next: model.next },
  submit: t("passkey.sign_in_submit"),
  error: model.error,
  buttonClass: "secondary",
})}</section>`;
}
