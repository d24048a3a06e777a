/**
 * The demo mailbox page: each delivered email with its text wrapped and its HTML part in a sandboxed frame, then the
 * messages that were not delivered with the reason in words (a send limit drops a code silently: here it shows).
 */
import type { DevMailboxEmail, UndeliveredMessage } from "../../domain/ports.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../views/format-time.js";

/** Reasons the page words; any other is shown as recorded. */
const KNOWN_REASONS = [
  "SND-213:R1",
  "SND-213:R2",
  "SND-213:O1",
  "SND-213:I2",
  "SND-214",
  "expired",
  "max_attempts",
  "render_failed",
  "refused",
] as const;

/** The dev phone channels keep a text or a call as an entry with this subject and no HTML part. */
const PHONE_ENTRY_HEADINGS = { sms: "dev.outbox.sms_heading", voice: "dev.outbox.voice_heading" } as const;

function phoneHeadingKey(email: DevMailboxEmail): string | null {
  if (email.html !== "") return null;
  return email.subject === "sms" || email.subject === "voice" ? PHONE_ENTRY_HEADINGS[email.subject] : null;
}

/** A text or a call: the words it carried (a text in full, a call as its script), with no HTML part. */
function phoneArticle(t: Translate, locale: TimeLocale, email: DevMailboxEmail, headingKey: string): Html {
  return html`<article class="message" aria-labelledby="message-${email.id}">
<h3 id="message-${email.id}">${t(headingKey)}</h3>
<p class="hint">${t("dev.outbox.to")} ${email.recipient} · ${formatDateTime(email.createdAt, locale.lang, locale.timeZone)}</p>
<pre>${email.text}</pre>
</article>`;
}

function emailArticle(t: Translate, locale: TimeLocale, email: DevMailboxEmail): Html {
  const phoneHeading = phoneHeadingKey(email);
  if (phoneHeading !== null) return phoneArticle(t, locale, email, phoneHeading);
  return html`<article class="message" aria-labelledby="message-${email.id}">
<h3 id="message-${email.id}">${email.subject}</h3>
<p class="hint">${t("dev.outbox.to")} ${email.recipient} · ${formatDateTime(email.createdAt, locale.lang, locale.timeZone)}</p>
<div class="tabs">
<details open><summary>${t("dev.outbox.text_part")}</summary><pre>${email.text}</pre></details>
<details><summary>${t("dev.outbox.html_part")}</summary>
<iframe sandbox="" loading="lazy" src="/dev/outbox/${email.id}/html" title="${t("dev.outbox.html_frame", { subject: email.subject })}"></iframe>
</details>
</div>
</article>`;
}

/** The reason in words: a send limit, the worker's verdict, or the error it met. */
export function undeliveredReason(t: Translate, message: UndeliveredMessage): string {
  if (message.status === "retrying") return t("dev.outbox.reason.retrying", { error: message.reason });
  if (message.reason.startsWith("no_channel:"))
    return t("dev.outbox.reason.no_channel", { channel: message.reason.slice("no_channel:".length) });
  const known = KNOWN_REASONS.find((reason) => reason === message.reason);
  if (known === undefined) return t("dev.outbox.reason.other", { reason: message.reason });
  return t(`dev.outbox.reason.${known.replace(":", "_")}`);
}

function undeliveredRow(t: Translate, locale: TimeLocale, message: UndeliveredMessage): Html {
  return html`<tr>
  <td data-label="${t("dev.outbox.when")}">${formatDateTime(message.time, locale.lang, locale.timeZone)}</td>
  <td data-label="${t("dev.outbox.to")}">${message.recipient}</td>
  <td data-label="${t("dev.outbox.what")}"><span class="code">${message.about}</span></td>
  <td data-label="${t("dev.outbox.why")}">${undeliveredReason(t, message)}</td>
</tr>`;
}

function undeliveredSection(t: Translate, locale: TimeLocale, messages: readonly UndeliveredMessage[]): Html {
  const body =
    messages.length === 0
      ? html`<p>${t("dev.outbox.none_undelivered")}</p>`
      : html`<table class="stack">
<caption>${t("dev.outbox.undelivered_caption")}</caption>
<thead><tr><th scope="col">${t("dev.outbox.when")}</th><th scope="col">${t("dev.outbox.to")}</th><th scope="col">${t("dev.outbox.what")}</th><th scope="col">${t("dev.outbox.why")}</th></tr></thead>
<tbody>${messages.map((message) => undeliveredRow(t, locale, message))}</tbody>
</table>`;
  return html`<section aria-labelledby="undelivered-heading">
<h2 id="undelivered-heading">${t("dev.outbox.undelivered_heading")}</h2>
<p class="hint">${t("dev.outbox.undelivered_intro")}</p>
${body}
</section>`;
}

/** The whole page body. */
export function outboxPage(
  t: Translate,
  locale: TimeLocale,
  model: { emails: readonly DevMailboxEmail[]; undelivered: readonly UndeliveredMessage[] },
): Html {
  const emails =
    model.emails.length === 0
      ? html`<p>${t("dev.outbox.empty")}</p>`
      : model.emails.map((email) => emailArticle(t, locale, email));
  return html`<p>${t("dev.outbox.intro")}</p>
${undeliveredSection(t, locale, model.undelivered)}
<section aria-labelledby="delivered-heading">
<h2 id="delivered-heading">${t("dev.outbox.delivered_heading")}</h2>
${emails}
</section>`;
}
