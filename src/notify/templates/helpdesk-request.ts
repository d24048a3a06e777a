/**
 * The helpdesk request (SPEC §6.9): who wrote (reply address, typed user ID), whether that ID names an account, the
 * support code, when and from which browser and IP, and the message, escaped like every value in the HTML part.
 * No links: the message is a stranger's text, and nothing in the email should invite a click.
 */
import type { RenderedEmail } from "../../domain/ports.js";
import type { Translate } from "../../i18n/i18n.js";
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { type EmailContext, formatDateTime, paragraph, shownClient, signedEmail } from "./email-layout.js";

/** What the request shows; `sentAt` is an ISO time, `supportCode` empty when none was given. */
export interface HelpdeskRequestModel {
  readonly orgName: string;
  readonly replyTo: string;
  readonly userId: string;
  /** `known` or `unknown` (helpdesk-message.ts's TypedIdStatus). */
  readonly idStatus: string;
  readonly supportCode: string;
  readonly message: string;
  readonly ip: string;
  readonly client: string;
  readonly sentAt: string;
}

const STATUSES = new Set(["known", "unknown"]);
const MESSAGE_STYLE =
  "margin:0 0 16px;padding:12px 16px;font-size:16px;line-height:1.5;white-space:pre-wrap;background:#f4f4f5;border-left:4px solid #a1a1aa;";

function render(t: Translate, model: HelpdeskRequestModel, context: EmailContext): RenderedEmail {
  if (!STATUSES.has(model.idStatus)) throw new Error(`helpdesk-request: unknown idStatus ${model.idStatus}`);
  const words = "helpdesk.email";
  const lines = {
    intro: t(`${words}.intro`, { org: model.orgName }),
    caution: t(`${words}.caution`),
    replyTo: t(`${words}.reply_to`, { address: model.replyTo }),
    userId: t(`${words}.user_id`, { userId: model.userId }),
    status: t(`${words}.status_${model.idStatus}`),
    supportCode:
      model.supportCode === ""
        ? t(`${words}.support_code_none`)
        : t(`${words}.support_code`, { code: model.supportCode }),
    time: t(`${words}.time`, { time: formatDateTime(t, model.sentAt, context) }),
    client: t(`${words}.client`, { client: shownClient(t, model.client) }),
    ip: t(`${words}.ip`, { ip: model.ip }),
    messageHeading: t(`${words}.message_heading`),
  };
  const subject = t(`${words}.subject`, { userId: model.userId });
  const who = `${lines.replyTo}\n${lines.userId}\n${lines.status}\n${lines.supportCode}`;
  const where = `${lines.time}\n${lines.client}\n${lines.ip}`;
  const body = html`${paragraph(lines.intro)}
${paragraph(html`${lines.replyTo}<br>${lines.userId}<br><strong>${lines.status}</strong><br>${lines.supportCode}`)}
${paragraph(html`<strong>${lines.messageHeading}</strong>`)}
<p style="${MESSAGE_STYLE}">${model.message}</p>
${paragraph(html`${lines.time}<br>${lines.client}<br>${lines.ip}`)}
${paragraph(html`<strong>${lines.caution}</strong>`)}`;
  return signedEmail(t, {
    orgName: model.orgName,
    subject,
    heading: t(`${words}.heading`),
    paragraphs: [lines.intro, who, `${lines.messageHeading}\n${model.message}`, where, lines.caution],
    body,
  });
}

/** `helpdesk-request`: a user's message to the helpdesk admins, in each admin's language. */
export const helpdeskRequestTemplate = defineTemplate<HelpdeskRequestModel>({
  name: "helpdesk-request",
  fields: {
    orgName: "string",
    replyTo: "string",
    userId: "string",
    idStatus: "string",
    supportCode: "string",
    message: "string",
    ip: "string",
    client: "string",
    sentAt: "string",
  },
  email: render,
});
