/** "Type the code we sent": shared by every method that sends one, at registration and at a step-up. */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, fieldErrorText, fieldState } from "../layout.js";

export interface CodeEntryModel {
  readonly action: string;
  readonly resendAction: string;
  readonly challenge: string;
  readonly csrf: string;
  /** Where the code went, as the user may see it. */
  readonly lead: string;
  readonly codeLength: number;
  readonly error: string | null;
  readonly notice: string | null;
}

export function codeEntryPage(t: Translate, model: CodeEntryModel): Html {
  const messages = model.error === null ? [] : [model.error];
  const errors = model.error === null ? [] : [{ field: "code", message: model.error }];
  return html`${model.notice === null ? "" : html`<p class="notice" role="status">${model.notice}</p>`}
<p>${model.lead}</p>
${errorSummary(t, errors)}
<form method="post" action="${model.action}" novalidate>
  <input type="hidden" name="csrf" value="${model.csrf}">
  <input type="hidden" name="challenge" value="${model.challenge}">
  <label for="code">${t("security_info.code.label", { digits: model.codeLength })}</label>${fieldErrorText(t, "code", messages)}
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required${fieldState("code", messages)}>
  <button type="submit">${t("security_info.code.submit")}</button>
</form>
<details class="help" id="code-help" data-show-after="10" data-resend-after="30">
  <summary>${t("reset.code.help_summary")}</summary>
  <ul><li>${t("reset.code.help_wait")}</li><li>${t("reset.code.help_exact")}</li></ul>
  <form method="post" action="${model.resendAction}"><input type="hidden" name="csrf" value="${model.csrf}">
    <input type="hidden" name="challenge" value="${model.challenge}">
    <button type="submit" class="secondary" id="resend-button" aria-describedby="resend-wait">${t("reset.code.resend")}</button>
    <p class="hint" id="resend-wait" data-template="${t("ui.resend_wait", { seconds: "{seconds}" })}"></p>
  </form>
</details>
<p><a href="/account/security-info">${t("common.cancel")}</a></p>`;
}
