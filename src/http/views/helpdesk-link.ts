/**
 * The one way every page links to the helpdesk (SPEC §6.9): Sandi's contact form (carrying the page's support code),
 * the organisation's web page in a new tab, or a `mailto:`. The footer, the failure explanations and the help page
 * all call this, so a policy change moves every link at once.
 */
import { HELPDESK_FORM_PATH } from "../../domain/helpdesk/help-paths.js";
import type { HelpdeskMode } from "../../domain/policies/sspr-policy.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";

export interface Helpdesk {
  readonly mode: HelpdeskMode;
  readonly target: string | null;
}

/** The contact form's address, with the support code of the page the user came from. */
export function helpdeskFormHref(supportCode: string | null | undefined): string {
  return supportCode ? `${HELPDESK_FORM_PATH}?support=${encodeURIComponent(supportCode)}` : HELPDESK_FORM_PATH;
}

/**
 * The link, or null when the policy names no way to reach the helpdesk (a URL or email mode without a target).
 * `label` replaces the usual "Contact the helpdesk".
 */
export function helpdeskLink(
  t: Translate,
  helpdesk: Helpdesk | null | undefined,
  options: { readonly supportCode?: string | null; readonly label?: string } = {},
): Html | null {
  const label = options.label ?? t("common.helpdesk.link");
  if (helpdesk?.mode === "form") return html`<a href="${helpdeskFormHref(options.supportCode)}">${label}</a>`;
  if (!helpdesk?.target) return null;
  if (helpdesk.mode === "email") return html`<a href="mailto:${helpdesk.target}">${label}</a>`;
  return html`<a href="${helpdesk.target}" target="_blank" rel="noopener noreferrer">${label}
    <span class="visually-hidden">${t("common.opens_new_tab")}</span></a>`;
}
