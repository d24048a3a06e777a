/**
 * The sign-in page: user ID and password as a plain form that works without JavaScript, except while I3 (SPEC §8.2)
 * holds for the client's IP: then it carries the proof-of-work widget, and a <noscript> says why script is needed.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { errorSummary } from "./layout.js";
import { passwordToggle } from "./password-fields.js";
import { passkeySignInSection } from "./passkey-forms.js";
import { IDENTIFY_ASSETS } from "./reset/identify-page.js";

/** What the page needs while the widget is shown: the identify page's widget script and style, nothing else. */
export const SIGN_IN_CAPTCHA_ASSETS = IDENTIFY_ASSETS;

export interface SignInPageModel {
  readonly formToken: string;
  /** What the user typed, kept after a failure; the password never is. */
  readonly userId: string;
  /** The page to return to once signed in (a checked local path), carried by both forms; null for none. */
  readonly next: string | null;
  readonly errors: readonly string[];
  readonly notice: string | null;
  /** Show the proof-of-work widget (I3 holds for the client's IP), in this language; null for the plain form. */
  readonly captcha: { readonly lang: "en" | "id" } | null;
  /** "Sign in with a passkey" below the form (the policy enables passkeys), with why the last try came back. */
  readonly passkey?: { readonly error: string | null } | null;
}

/** Ties a field to its hint and, after a failure, to the error (both fields: the message never says which was wrong). */
function describedBy(model: SignInPageModel, hintId: string | null): Html {
  const ids = [hintId, model.errors.length > 0 ? "signin-error" : null].filter((id) => id !== null);
  const described = ids.length > 0 ? html` aria-describedby="${ids.join(" ")}"` : html``;
  return model.errors.length > 0 ? html`${described} aria-invalid="true"` : described;
}

/** The widget solves on load and posts its payload as `altcha`; the challenge endpoint is the identify page's. */
export function captchaWidget(t: Translate, captcha: SignInPageModel["captcha"]): Html {
  if (captcha === null) return html``;
  return html`<p class="hint" id="captcha-hint">${t("signin.captcha_intro")}</p>
  <altcha-widget challenge="/altcha/challenge" name="altcha" auto="onload" language="${captcha.lang}"></altcha-widget>`;
}

/** The page to come back to, in the form itself: it works without a script. */
function nextField(next: string | null): Html {
  return next === null
    ? html``
    : html`
  <input type="hidden" name="next" value="${next}">`;
}

/**
 * The sign-in form, with "Can't access your account?" leading to the reset journey and "Unlock my account" (SPEC
 * §8.3's message names it) to the same journey with "unlock only" checked on its choice page.
 */
export function signInPage(t: Translate, model: SignInPageModel): Html {
  // The message never says which field was wrong, so it sits above both and describes both.
  const errorText =
    model.errors.length > 0
      ? html`<p class="field-error" id="signin-error"><span class="visually-hidden">${t("ui.error_prefix")}</span> ${model.errors.join(" ")}</p>`
      : html``;
  const summary = model.errors.map((message) => ({ message, field: "userId" }));
  const noScript =
    model.captcha === null ? html`` : html`<noscript><p class="errors">${t("signin.captcha_noscript")}</p></noscript>`;
  return html`${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : html``}
${errorSummary(t, summary)}
${noScript}
<form method="post" action="/signin" novalidate>
  <input type="hidden" name="form" value="${model.formToken}">${nextField(model.next)}
  ${errorText}
  <label for="userId">${t("signin.user_id_label")}</label>
  <p class="hint" id="userId-hint">${t("signin.user_id_hint")}</p>
  <input id="userId" name="userId" type="text" autocomplete="username" spellcheck="false" autocapitalize="none"
    maxlength="256" required value="${model.userId}"${describedBy(model, "userId-hint")}>
  <label for="password">${t("signin.password_label")}</label>
  <div class="password-field">
  <input id="password" name="password" type="password" autocomplete="current-password" maxlength="4096" required${describedBy(model, null)}>
  ${passwordToggle(t, { controls: "password", fieldLabel: t("signin.password_label") })}
  </div>
  ${captchaWidget(t, model.captcha)}
  <button type="submit">${t("signin.submit")}</button>
</form>
${model.passkey ? passkeySignInSection(t, { formToken: model.formToken, next: model.next, error: model.passkey.error }) : html``}
<p><a href="/reset">${t("signin.cant_access")}</a></p>
<p><a href="/reset?action=unlock">${t("signin.unlock_account")}</a></p>
<p><a href="/signin/pass">${t("access_pass.link")}</a></p>`;
}
