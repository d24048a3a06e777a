/**
 * The "This wasn't me" pages (SPEC §9.3): the confirm page a link opens (it only asks), the page after the account
 * was locked (with the incident's support code), and one neutral page for every link that cannot be used.
 */
import type { NotMeEvent } from "../../domain/not-me/not-me-ports.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { errorSummary, type Helpdesk } from "./layout.js";

export interface NotMeConfirmModel {
  readonly about: NotMeEvent;
  /** The event's time, formatted for the reader. */
  readonly aboutAt: string;
  /** Where the form posts: the link's own address. */
  readonly action: string;
  /** The form token derived from the link (see not-me-routes.ts). */
  readonly formToken: string;
  readonly errors: readonly string[];
}

/** Says what happened and offers "Lock my account"; a plain form, so it works without script. */
export function notMeConfirmPage(t: Translate, model: NotMeConfirmModel): Html {
  return html`${errorSummary(t, model.errors)}<p><strong>${t(`not_me.event.${model.about}`, { time: model.aboutAt })}</strong></p>
<p>${t("not_me.confirm.explain")}</p>
<form method="post" action="${model.action}">
  <input type="hidden" name="form" value="${model.formToken}">
  <p class="actions"><button type="submit">${t("not_me.confirm.button")}</button></p>
</form>
<p>${t("not_me.confirm.if_you")}</p>`;
}

/** How to reach the helpdesk, in the body: the person reading this page needs it now, not in the footer. */
function helpdeskParagraph(t: Translate, helpdesk: Helpdesk): Html {
  if (helpdesk.target === null || helpdesk.target === "") return html`<p>${t("not_me.helpdesk.none")}</p>`;
  const href = helpdesk.mode === "email" ? `mailto:${helpdesk.target}` : helpdesk.target;
  return html`<p><a href="${href}">${t("common.helpdesk.link")}</a></p>`;
}

/** The account is on hold: SPEC §9.3 step 5's sentence with the support code, and whom to call. */
export function notMeDonePage(t: Translate, model: { supportCode: string; helpdesk: Helpdesk }): Html {
  return html`<p role="status">${t("not_me.done.message", { code: model.supportCode })}</p>
<p>${t("not_me.done.next")}</p>
${helpdeskParagraph(t, model.helpdesk)}`;
}

/** The same page for an unknown, forged, used or expired link: it says nothing about which. */
export function notMeUnusablePage(t: Translate, model: { helpdesk: Helpdesk }): Html {
  return html`<p>${t("not_me.unusable.message")}</p>
${helpdeskParagraph(t, model.helpdesk)}`;
}
