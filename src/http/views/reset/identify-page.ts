/** IDENTIFY: the user ID and the proof-of-work widget. Without JavaScript, a <noscript> explains SND-111. */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";

export interface IdentifyPageModel {
  readonly formToken: string;
  readonly userId: string;
  readonly errors: readonly string[];
  readonly notice: string | null;
  readonly lang: "en" | "id";
}

/** The identify form. */
export function identifyPage(t: Translate, model: IdentifyPageModel): Html {
  const describedBy = model.errors.length > 0 ? "userId-hint userId-error" : "userId-hint";
  return html`${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : html``}
${errorSummary(t, model.errors)}
<p>${t("reset.identify.intro")}</p>
<noscript><p class="errors">${t("reason.cookies_or_script_missing")}</p></noscript>
<form method="post" action="/reset" novalidate>
  <input type="hidden" name="form" value="${model.formToken}">
  <label for="userId">${t("reset.identify.user_id_label")}</label>
  <p class="hint" id="userId-hint">${t("reset.identify.user_id_hint")}</p>
  ${model.errors.length > 0 ? html`<p class="visually-hidden" id="userId-error">${model.errors.join(" ")}</p>` : html``}
  <input id="userId" name="userId" type="text" autocomplete="username" spellcheck="false" autocapitalize="none"
    maxlength="256" required aria-describedby="${describedBy}" value="${model.userId}"${model.errors.length > 0 ? html` aria-invalid="true"` : html``}>
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
