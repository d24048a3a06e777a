/**
 * The security-info notice (SPEC §5.1): a method was added, changed or removed, which one (masked), when, from
 * which browser and IP, and what to do if it was not the user. Sent to every registered and directory address.
 */
import type { RenderedEmail } from "../../domain/ports.js";
import type { Translate } from "../../i18n/i18n.js";
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import {
  assertWebUrl,
  type EmailContext,
  emailLink,
  formatDateTime,
  paragraph,
  shownClient,
  signedEmail,
} from "./email-layout.js";
import { notMeLinkParts } from "./not-me-link.js";

export interface SecurityInfoChangedModel {
  readonly orgName: string;
  /** added | changed | removed */
  readonly change: string;
  /** The method id (`email`, `sms`, `totp`, …), named through the audit words. */
  readonly method: string;
  /** The value as SPEC §4.2 masks it, or the label. */
  readonly masked: string;
  readonly changedAt: string;
  readonly client: string;
  readonly ip: string;
  readonly userId: string;
  readonly signInUrl: string;
  readonly helpdesk: string;
  /** This recipient's "This wasn't me" link (SPEC §9.3); empty in a notice queued before notices carried one. */
  readonly notMeUrl: string;
}

const CHANGES = new Set(["added", "changed", "removed"]);

function render(t: Translate, model: SecurityInfoChangedModel, context: EmailContext): RenderedEmail {
  if (!CHANGES.has(model.change)) throw new Error(`security-info-changed: unknown change ${model.change}`);
  const org = { org: model.orgName };
  const words = "email.security_info_changed";
  const methodName = t(`audit.detail.${model.method}`);
  const what = model.masked === "" ? methodName : `${methodName} (${model.masked})`;
  const signInUrl = assertWebUrl(model.signInUrl);
  const lines = {
    intro: t(`${words}.intro_${model.change}`, { ...org, method: what }),
    account: t("notice.account", { userId: model.userId }),
    time: t(`${words}.time`, { time: formatDateTime(t, model.changedAt, context) }),
    client: t(`${words}.client`, { client: shownClient(t, model.client) }),
    ip: t(`${words}.ip`, { ip: model.ip }),
    review: t(`${words}.review`),
    notYou: t(`${words}.not_you`),
    helpdesk: model.helpdesk === "" ? t("notice.helpdesk_none") : t("notice.helpdesk", { helpdesk: model.helpdesk }),
  };
  const subject = t(`${words}.subject`, org);
  const details = `${lines.account}\n${lines.time}\n${lines.client}\n${lines.ip}`;
  const notMe = notMeLinkParts(t, model.notMeUrl);
  const paragraphs = [lines.intro, details, `${lines.review}\n${signInUrl}`, `${lines.notYou}\n${lines.helpdesk}`];
  const body = html`${paragraph(lines.intro)}
${paragraph(html`${lines.account}<br>${lines.time}<br>${lines.client}<br>${lines.ip}`)}
${paragraph(html`${lines.review}<br>${emailLink(signInUrl, signInUrl)}`)}
${paragraph(html`<strong>${lines.notYou}</strong><br>${lines.helpdesk}`)}
${notMe?.html ?? html``}`;
  return signedEmail(t, {
    orgName: model.orgName,
    subject,
    heading: t(`${words}.heading`),
    paragraphs: notMe === null ? paragraphs : [...paragraphs, notMe.text],
    body,
  });
}

/** `security-info-changed`: a stranger who adds their own phone to an account does not go unnoticed. */
export const securityInfoChangedTemplate = defineTemplate<SecurityInfoChangedModel>({
  name: "security-info-changed",
  fields: {
    orgName: "string",
    change: "string",
    method: "string",
    masked: "string",
    changedAt: "string",
    client: "string",
    ip: "string",
    userId: "string",
    signInUrl: "string",
    helpdesk: "string",
    notMeUrl: "string",
  },
  defaults: { notMeUrl: "" },
  email: render,
});
