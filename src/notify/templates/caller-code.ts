/**
 * The code a helpdesk sends to verify a caller (SPEC §10 "Verify caller"): the user reads it aloud to the helpdesk
 * on the phone, so the email says who is asking and what to do if the user did not call. Large code, no links.
 */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { paragraph, signedEmail } from "./email-layout.js";

export interface CallerCodeModel {
  readonly orgName: string;
  readonly code: string;
  readonly expiresInMinutes: number;
  /** The helpdesk's contact words, or empty. */
  readonly helpdesk: string;
}

const CODE_STYLE =
  "margin:8px 0 24px;font-size:34px;font-weight:bold;letter-spacing:6px;font-family:Consolas,Menlo,monospace;";

/** `caller-code`: to the registered address the helpdesk chose, in the user's language. */
export const callerCodeTemplate = defineTemplate<CallerCodeModel>({
  name: "caller-code",
  fields: { orgName: "string", code: "string", expiresInMinutes: "number", helpdesk: "string" },
  email(t, model) {
    const words = "verify_caller.email";
    const lines = {
      intro: t(`${words}.intro`, { org: model.orgName }),
      expires: t(`${words}.expires`, { minutes: model.expiresInMinutes }),
      notYou:
        model.helpdesk === "" ? t(`${words}.not_you`) : t(`${words}.not_you_contact`, { helpdesk: model.helpdesk }),
    };
    const body = html`${paragraph(lines.intro)}
<p style="${CODE_STYLE}">${model.code}</p>
${paragraph(lines.expires)}
${paragraph(html`<strong>${lines.notYou}</strong>`)}`;
    return signedEmail(t, {
      orgName: model.orgName,
      subject: t(`${words}.subject`, { org: model.orgName }),
      heading: t(`${words}.heading`),
      paragraphs: [lines.intro, `    ${model.code}`, lines.expires, lines.notYou],
      body,
    });
  },
});
