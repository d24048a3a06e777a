/** Shared pieces of every email: dates in the message's language, the HTML frame, the plain-text body. */
import { formatDateTimeIn } from "../../i18n/format-date-time.js";
import type { Translate } from "../../i18n/i18n.js";
import { recognisedClientSummary } from "../../domain/client-summary.js";
import type { RenderedEmail } from "../../domain/ports.js";
import { describeClient } from "../../i18n/client-words.js";
import { type Html, html } from "../../lib/html.js";

/** What an email is rendered with besides its words: the organisation's time zone (SPEC §16). */
export interface EmailContext {
  readonly timeZone: string;
}

/** The BCP 47 locale the catalog formats for (`en-GB`, `id-ID`). */
export function emailLocale(t: Translate): string {
  return t("email.format.locale");
}

/**
 * `2 March 2026 at 14:05 GMT+7` / `2 Maret 2026 pukul 14.05 WIB`: in the organisation's time zone, named, since the
 * reader may be elsewhere; throws on a string that is not a date.
 */
export function formatDateTime(t: Translate, isoTime: string, context: EmailContext): string {
  const time = new Date(isoTime);
  if (Number.isNaN(time.getTime())) throw new Error("email: not an ISO time");
  return formatDateTimeIn(time, emailLocale(t), context.timeZone);
}

/** The browser as a recognised summary ("Chrome 131 on Windows"); a User-Agent text never reaches the reader. */
export function shownClient(t: Translate, client: string): string {
  return recognisedClientSummary(client) === null ? t("notice.unrecognised_browser") : describeClient(t, client);
}

/** The link target if `url` is an absolute http(s) URL; throws otherwise, so no `javascript:` reaches an href. */
export function assertWebUrl(url: string): string {
  const parsed = URL.parse(url);
  if (parsed === null || (parsed.protocol !== "https:" && parsed.protocol !== "http:"))
    throw new Error("email: link is not an http(s) URL");
  return parsed.href;
}

/** Paragraphs of plain text, blank lines between them, and the footer under a signature line. */
export function textBody(paragraphs: readonly string[], footer: string): string {
  return `${paragraphs.join("\n\n")}\n\n-- \n${footer}\n`;
}

const PARAGRAPH_STYLE = "margin:0 0 16px;font-size:16px;line-height:1.5;";

/** A paragraph with the house inline style (email clients ignore style sheets). */
export function paragraph(content: Html | string): Html {
  return html`<p style="${PARAGRAPH_STYLE}">${content}</p>`;
}

/** A link in the house style (email clients ignore style sheets). */
export function emailLink(url: string, label: Html | string): Html {
  return html`<a href="${url}" style="color:#1d4ed8;">${label}</a>`;
}

/**
 * The finished email: the plain-text paragraphs and the HTML body, each under the organisation's footer, the
 * subject as the document's title.
 */
export function signedEmail(
  t: Translate,
  parts: { orgName: string; subject: string; heading: string; paragraphs: readonly string[]; body: Html },
): RenderedEmail {
  const footer = t("email.footer", { org: parts.orgName });
  return {
    subject: parts.subject,
    text: textBody(parts.paragraphs, footer),
    html: emailDocument(t, { title: parts.subject, heading: parts.heading, body: parts.body, footer }),
  };
}

/** A complete HTML document: one centred column, readable without images or styles. */
export function emailDocument(
  t: Translate,
  parts: { title: string; heading: string; body: Html; footer: string },
): string {
  return html`<!doctype html>
<html lang="${emailLocale(t)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title}</title>
</head>
<body style="margin:0;padding:24px 12px;background:#f4f4f5;color:#18181b;font-family:Arial,Helvetica,sans-serif;">
<div role="article" aria-label="${parts.title}" style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${parts.heading}</h1>
${parts.body}
<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:#52525b;">${parts.footer}</p>
</div>
</body>
</html>
`.value;
}
