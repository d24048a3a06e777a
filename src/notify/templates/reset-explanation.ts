/**
 * The private explanation email (SPEC §6.4): to an address the account holds, why this account cannot reset its
 * password itself, what to do, and the support code. The page said nothing; only the mailbox's owner reads this.
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

export interface ResetExplanationModel {
  readonly orgName: string;
  /** SND-106, SND-107, SND-108 or SND-109 (SPEC §6.3 checks 6–9); any other is refused. */
  readonly reason: string;
  readonly supportCode: string;
  readonly userId: string;
  readonly requestedAt: string;
  readonly client: string;
  readonly signInUrl: string;
  readonly helpdesk: string;
}

/** Each explained reason's catalog words: what happened and the fix. */
const WORDS: Readonly<Record<string, string>> = {
  "SND-106": "not_in_scope",
  "SND-107": "no_methods",
  "SND-108": "admin_sspr_off",
  "SND-109": "protected",
};

function render(t: Translate, model: ResetExplanationModel, context: EmailContext): RenderedEmail {
  const words = WORDS[model.reason];
  if (words === undefined) throw new Error(`reset-explanation: no words for ${model.reason}`);
  const org = { org: model.orgName };
  const signInUrl = assertWebUrl(model.signInUrl);
  const addsMethods = model.reason === "SND-107";
  const lines = {
    intro: t("explanation.intro", { ...org, userId: model.userId }),
    reason: t(`explanation.reason.${words}`, org),
    fix: t(`explanation.fix.${words}`, org),
    support: t("explanation.support_code", { code: model.supportCode }),
    time: t("explanation.requested_at", { time: formatDateTime(t, model.requestedAt, context) }),
    client: t("explanation.client", { client: shownClient(t, model.client) }),
    notYou: t("explanation.not_you"),
    helpdesk: model.helpdesk === "" ? t("notice.helpdesk_none") : t("notice.helpdesk", { helpdesk: model.helpdesk }),
  };
  const subject = t("explanation.subject", org);
  const fix = addsMethods ? `${lines.fix}\n${signInUrl}` : lines.fix;
  const fixHtml = addsMethods ? html`${lines.fix}<br>${emailLink(signInUrl, signInUrl)}` : html`${lines.fix}`;
  const body = html`${paragraph(lines.intro)}
${paragraph(html`<strong>${lines.reason}</strong> <span style="color:#52525b;">(${model.reason})</span>`)}
${paragraph(fixHtml)}
${paragraph(html`${lines.support}<br>${lines.helpdesk}`)}
${paragraph(html`${lines.time}<br>${lines.client}`)}
${paragraph(lines.notYou)}`;
  const heading = t("explanation.heading");
  return signedEmail(t, {
    orgName: model.orgName,
    subject,
    heading,
    paragraphs: [
      lines.intro,
      `${lines.reason} (${model.reason})`,
      fix,
      `${lines.support}\n${lines.helpdesk}`,
      `${lines.time}\n${lines.client}`,
      lines.notYou,
    ],
    body,
  });
}

/** `reset-explanation`: the reason an inert flow hid from the page, told to the mailbox the account holds. */
export const resetExplanationTemplate = defineTemplate<ResetExplanationModel>({
  name: "reset-explanation",
  fields: {
    orgName: "string",
    reason: "string",
    supportCode: "string",
    userId: "string",
    requestedAt: "string",
    client: "string",
    signInUrl: "string",
    helpdesk: "string",
  },
  email: render,
});
