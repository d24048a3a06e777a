/** GET /reset while a flow is open in this browser: continue it, or start over (a POST that cancels it). */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";

export function resumePage(t: Translate, view: FlowView): Html {
  return html`<p>${t("ui.resume.message")}</p>
<form method="post" action="/reset/start-over">
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <div class="actions"><a class="button" href="/reset/verify">${t("ui.resume.continue")}</a>
  <button type="submit" class="secondary">${t("ui.resume.start_over")}</button></div>
</form>`;
}
