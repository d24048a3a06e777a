/** Gate steps beyond typing a contact value or a code: sending to gate 2's masked target. */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { actions, detachedForm, type FlowPageModel } from "./flow-parts.js";

/** Gate 2's email: the masked address is shown and one button sends the code (SPEC §6.6: no typing). */
export function confirmSendPage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const digits = view.step?.codeLength ?? view.codeLength;
  return html`${errorSummary(t, errors)}
<form method="post" action="/reset/step">
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="hidden" name="step" value="confirm_send">
  <p>${t("reset.confirm_send.prompt", { digits, target: view.step?.maskedTarget ?? "" })}</p>
  ${actions(t("reset.confirm_send.send"), { formId: "back-form", label: t("reset.gate.other_method") })}
</form>
${detachedForm(view, "back-form", "/reset/back")}`;
}
