/**
 * The notice that a helpdesk admin issued a temporary access pass for the account (SPEC §18: "audited, notified"):
 * when, and what to do if the user did not ask for it. It never carries the pass, and has no link.
 */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { formatDateTime, paragraph, signedEmail } from "./email-layout.js";

export interface AccessPassIssuedModel {
  readonly orgName: string;
  readonly userId: string;
  /** ISO times. */
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** The helpdesk's contact words, or empty. */
  readonly helpdesk: string;
}

/** `access-pass-issued`: to every registered and directory address of the user, in their language. */
export const accessPassIssuedTemplate = defineTemplate<AccessPassIssuedModel>({
  name: "access-pass-issued",
  fields: { orgName: "string", userId: "string", issuedAt: "string", expiresAt: "string", helpdesk: "string" },
  email(t, model, context) {
    const words = "helpdesk_actions.access_pass_email";
    const lines = {
      intro: t(`${words}.intro`, {
        org: model.orgName,
        userId: model.userId,
        time: formatDateTime(t, model.issuedAt, context),
      }),
      expires: t(`${words}.expires`, { time: formatDateTime(t, model.expiresAt, context) }),
      notYou:
        model.helpdesk === "" ? t(`${words}.not_you`) : t(`${words}.not_you_contact`, { helpdesk: model.helpdesk }),
    };
    const subject = t(`${words}.subject`, { org: model.orgName });
    const body = html`${paragraph(lines.intro)}
${paragraph(lines.expires)}
${paragraph(html`<strong>${lines.notYou}</strong>`)}`;
    return signedEmail(t, {
      orgName: model.orgName,
      subject,
      heading: t(`${words}.heading`),
      paragraphs: [lines.intro, lines.expires, lines.notYou],
      body,
    });
  },
});
