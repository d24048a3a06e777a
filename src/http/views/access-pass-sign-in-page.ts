/**
 * Sign-in with a temporary access pass (SPEC §18): user ID and the pass as a plain form that works without
 * JavaScript, with the sign-in page's proof-of-work widget while I3 holds for the client's IP.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { errorSummary } from "./layout.js";
import { captchaWidget } from "./sign-in-pages.js";

export interface AccessPassSignInModel {
  readonly formToken: string;
  /** What the user typed, kept after a failure; the pass never is. */
  readonly userId: string;
  readonly errors: readonly string[];
  readonly captcha: { readonly lang: "en" | "id" } | null;
}

export function accessPassSignInPage(t: Translate, model: AccessPassSignInModel): Html {
  const failed = model.errors.length > 0;
  // As on the sign-in page, the message never says which field was wrong: it describes both.
  const errorText = failed
    ? html`<p class="field-error" id="signin-error"><span class="visually-hidden">${t("ui.error_prefix")}</span> ${model.errors.join(" ")}</p>`
    : html``;
  const invalid = failed ? html` aria-invalid="true"` : html``;
  const errorId = failed ? " signin-error" : "";
  return html`${errorSummary(
    t,
    model.errors.map((message) => ({ message, field: "userId" })),
  )}
<p>${t("access_pass.intro")}</p>
<form method="post" action="/signin/pass" novalidate>
  <input type="hidden" name="form" value="${model.formToken}">
  ${errorText}
  <label for="userId">${t("signin.user_id_label")}</label>
  <p class="hint" id="userId-hint">${t("signin.user_id_hint")}</p>
  <input id="userId" name="userId" type="text" autocomplete="username" spellcheck="false" autocapitalize="none"
    maxlength="256" required value="${model.userId}" aria-describedby="userId-hint${errorId}"${invalid}>
  <label for="pass">${t("access_pass.code_label")}</label>
  <p class="hint" id="pass-hint">${t("access_pass.code_hint")}</p>
  <input id="pass" name="pass" type="text" autocomplete="one-time-code" spellcheck="false" autocapitalize="characters"
    maxlength="64" required aria-describedby="pass-hint${errorId}"${invalid}>
  ${captchaWidget(t, model.captcha)}
  <button type="submit">${t("access_pass.submit")}</button>
</form>
<p><a href="/signin">${t("access_pass.back")}</a></p>`;
}
