/** Pieces shared by the flow pages: the model and one-button forms. */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import { type Html, html } from "../../../lib/html.js";

export interface FlowPageModel {
  readonly view: FlowView;
  readonly errors: readonly string[];
  readonly lang: "en" | "id";
  /** The organisation's time zone, for the time a block ends. */
  readonly timeZone: string;
}

/** A small form with one button posting to `action`, carrying the flow's CSRF token. */
export function buttonForm(view: FlowView, action: string, label: string, secondary = true): Html {
  return html`<form method="post" action="${action}" class="inline-form"><input type="hidden" name="csrf" value="${view.csrfToken}">
    <button type="submit"${secondary ? html` class="secondary"` : html``}>${label}</button></form>`;
}
