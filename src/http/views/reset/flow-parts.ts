/** Pieces shared by the flow pages: the model, one-button forms, and a secondary button beside a form's primary one. */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import { type Html, html } from "../../../lib/html.js";
import type { FormError } from "../layout.js";
import type { Translate } from "../../../i18n/i18n.js";

export interface FlowPageModel {
  readonly view: FlowView;
  /** Messages about the last submission; those naming a field are shown at that field too. */
  readonly errors: readonly FormError[];
  readonly lang: "en" | "id";
  /** The organisation's time zone, for the time a block ends. */
  readonly timeZone: string;
  /** Seconds until a resend is allowed, when the server just refused an early one (else the page counts 30 s). */
  readonly resendWaitSeconds?: number | null;
}

/** A small form with one button posting to `action`, carrying the flow's CSRF token. */
export function buttonForm(view: FlowView, action: string, label: string, secondary = true): Html {
  return html`<form method="post" action="${action}" class="inline-form"><input type="hidden" name="csrf" value="${view.csrfToken}">
    <button type="submit"${secondary ? html` class="secondary"` : html``}>${label}</button></form>`;
}

/**
 * An empty form carrying only the CSRF token, posted by a button elsewhere on the page through its `form`
 * attribute: so "Cancel" can sit beside "Next" without sending the main form's fields anywhere.
 */
export function detachedForm(view: FlowView, id: string, action: string): Html {
  return html`<form method="post" action="${action}" id="${id}"><input type="hidden" name="csrf" value="${view.csrfToken}"></form>`;
}

/** The primary submit button and a secondary one posting `formId`, side by side. */
export function actions(primary: string, secondary: { formId: string; label: string }): Html {
  return html`<div class="actions"><button type="submit">${primary}</button>
  <button type="submit" class="secondary" form="${secondary.formId}">${secondary.label}</button></div>`;
}

/** "Lost your phone?": go on to My security info without signing in again (hand-off.ts), once, from this browser. */
export function handOffOffer(t: Translate, view: FlowView): Html {
  if (!view.canHandOff) return html``;
  return html`<section class="hand-off" aria-labelledby="hand-off-title"><h2 id="hand-off-title">${t("reset.hand_off.title")}</h2>
<p>${t("reset.hand_off.text")}</p>${buttonForm(view, "/reset/security-info", t("reset.hand_off.button"))}</section>`;
}
