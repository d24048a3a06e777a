/** IDENTIFY: the user ID and the proof-of-work widget. Without JavaScript, a <noscript> explains SND-111. */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "../layout.js";

export interface IdentifyPageModel {
  readonly formToken: string;
  readonly userId: string;
  /** A message about the typed ID names the field `userId`; others (cookies, the CAPTCHA) are about the form. */
  readonly errors: readonly FormError[];
  readonly notice: string | null;
  readonly lang: "en" | "id";
  /** The action a link asked for ("Unlock my account"), carried to the choice page. */
  readonly action?: "reset" | "unlock";
}

/** The identify form. */
export function identifyPage(t: Translate, model: IdentifyPageModel): Html {
  const messages = fieldErrors(model.errors, "userId");
  return html`${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : html``}
${errorSummary(t, model.errors)}
<p>${t("reset.identify.intro")}</p>
<noscript><p class="errors">${t("reason.cookies_or_script_missing")}</p></noscript>
<form method="post" action="/reset" novalidate>
  <input type="hidden" name="form" value="${model.formToken}">${
    model.action === "unlock"
      ? html`
  <input type="hidden" name="action" value="unlock">`
      : html``
  }
  <label for="userId">${t("reset.identify.user_id_label")}</label>
  <p class="hint" id="userId-hint">${t("reset.identify.user_id_hint")}</p>
  ${fieldErrorText(t, "userId", messages)}
  <input id="userId" name="userId" type="text" autocomplete="username" spellcheck="false" autocapitalize="none"
    maxlength="256" required value="${model.userId}"${fieldState("userId", messages, ["userId-hint"])}>
  <altcha-widget challenge="/altcha/challenge" name="altcha" auto="onload" language="${model.lang}"></altcha-widget>
  <button type="submit">${t("common.next")}</button>
</form>
<p><a href="/signin">${t("reset.identify.back_to_signin")}</a></p>`;
}

/** Scripts and styles the identify page needs (all same-origin: the CSP allows nothing else). */
export const IDENTIFY_ASSETS = {
  // altcha-setup.js imports the widget and its Indonesian strings, then registers the workers.
  scripts: [{ src: "/static/altcha-setup.js", module: true }],
  styles: ["/vendor/altcha/altcha.css"],
} as const;
