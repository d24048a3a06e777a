/**
 * The passkey gate's step (SPEC §4.5, §6.4 item 4): "Use a passkey" runs the browser's ceremony with the options the
 * step descriptor carries (in a data attribute: no inline script) and posts the answer to /reset/step. The button
 * starts hidden and /static/passkey-gate.js shows it; without JavaScript the page says a passkey needs it and
 * offers only "Choose another method".
 */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, type FormError } from "../layout.js";
import { detachedForm, type FlowPageModel } from "./flow-parts.js";

/** The browser's own failures, in the catalog's words, as the data attributes the script reads. */
function scriptMessages(t: Translate): Html {
  return html`data-message-unsupported="${t("passkey.unsupported")}" data-message-cancelled="${t("passkey.cancelled")}"
  data-message-failed="${t("passkey.failed")}"`;
}

/** The page has no field to point at: every message is about the ceremony as a whole. */
function asPageErrors(errors: readonly FormError[]): FormError[] {
  return errors.map((error) => (typeof error === "string" ? error : error.message));
}

/** "Use a passkey", or, without JavaScript, why not and the way back. */
export function passkeyGatePage(t: Translate, model: FlowPageModel): Html {
  const { view } = model;
  return html`<p>${t("gate_passkey.intro")}</p>
${errorSummary(t, asPageErrors(model.errors))}
<noscript><p class="errors">${t("passkey.needs_javascript")}</p></noscript>
<form method="post" action="/reset/step" novalidate data-passkey-gate data-options="${view.step?.ceremony ?? ""}"
  ${scriptMessages(t)}>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="hidden" name="step" value="use_passkey">
  <input type="hidden" name="credential" value="" data-passkey-response>
  <p class="errors" data-passkey-status role="alert" hidden></p>
  <div class="actions"><button type="submit" data-passkey-start hidden>${t("gate_passkey.use")}</button>
  <button type="submit" class="secondary" form="back-form">${t("reset.gate.other_method")}</button></div>
</form>
${detachedForm(view, "back-form", "/reset/back")}`;
}
