/** The email carrying a verification code (SPEC §4.3): large code, validity, request details, and no links. */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { formatDateTime, paragraph, shownClient, signedEmail } from "./email-layout.js";

/** What the reset-code email shows; `requestedAt` is an ISO time, `client` a browser and OS summary. */
export interface ResetCodeModel {
  readonly orgName: string;
  readonly code: string;
  readonly expiresInMinutes: number;
  readonly requestedAt: string;
  readonly client: string;
}

const CODE_STYLE =
  "margin:8px 0 24px;font-size:34px;font-weight:bold;letter-spacing:6px;font-family:Consolas,Menlo,monospace;";

// No links at all, not even in the footer: mail scanners follow links, and a code email has nothing to click.
/** `reset-code`: the code a user types into the flow that asked for it. */
export const resetCodeTemplate = defineTemplate<ResetCodeModel>({
  name: "reset-code",
  fields: { orgName: "string", code: "string", expiresInMinutes: "number", requestedAt: "string", client: "string" },
  email(t, model, context) {
    const org = { org: model.orgName };
    const lines = {
      intro: t("email.reset_code.intro", org),
      expires: t("email.reset_code.expires", { minutes: model.expiresInMinutes }),
      requestedAt: t("email.reset_code.requested_at", { time: formatDateTime(t, model.requestedAt, context) }),
      client: t("email.reset_code.client", { client: shownClient(t, model.client) }),
      ignore: t("email.reset_code.ignore"),
      neverShare: t("email.reset_code.never_share"),
    };
    const subject = t("email.reset_code.subject", org);
    const body = html`${paragraph(lines.intro)}
<p style="${CODE_STYLE}">${model.code}</p>
${paragraph(lines.expires)}
${paragraph(html`${lines.requestedAt}<br>${lines.client}`)}
${paragraph(html`<strong>${lines.ignore}</strong>`)}
${paragraph(lines.neverShare)}`;
    const heading = t("email.reset_code.heading");
    return signedEmail(t, {
      orgName: model.orgName,
      subject,
      heading,
      paragraphs: [
        lines.intro,
        `    ${model.code}`,
        lines.expires,
        `${lines.requestedAt}\n${lines.client}`,
        lines.ignore,
        lines.neverShare,
      ],
      body,
    });
  },
});
