/**
 * The "This wasn't me" link in a security notice (SPEC §9.2, §9.3), in the text and the HTML part alike. The link
 * opens a page that only asks; nothing happens until the reader presses "Lock my account", so a mail scanner that
 * follows it changes nothing.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { assertWebUrl, paragraph } from "./email-layout.js";

/** The paragraph with the link, for text and HTML; null for a notice queued before notices carried one. */
export function notMeLinkParts(t: Translate, url: string): { readonly text: string; readonly html: Html } | null {
  if (url === "") return null;
  const href = assertWebUrl(url);
  const intro = t("not_me.notice.intro");
  const label = t("not_me.notice.label");
  return {
    text: `${intro}\n${label}: ${href}`,
    html: paragraph(html`${intro}<br><a href="${href}" style="color:#b91c1c;font-weight:bold;">${label}</a>`),
  };
}
