/**
 * The password expiry reminder (SPEC §15.5): the built-in password expires on a date, change it before then at
 * `/account/password`. No "This wasn't me" link: nothing happened to the account. Never a password or a code.
 */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { assertWebUrl, emailLink, formatDateTime, paragraph, signedEmail } from "./email-layout.js";

export interface PasswordExpiryReminderModel {
  readonly orgName: string;
  readonly userId: string;
  /** When the password expires (ISO 8601), shown in the organisation's time zone. */
  readonly expiresAt: string;
  /** The change-password page's absolute URL. */
  readonly changeUrl: string;
}

/** `password-expiry-reminder`: one email, in the user's language, with the expiry date and the change link. */
export const passwordExpiryReminderTemplate = defineTemplate<PasswordExpiryReminderModel>({
  name: "password-expiry-reminder",
  fields: { orgName: "string", userId: "string", expiresAt: "string", changeUrl: "string" },
  email(t, model, context) {
    const words = "password_expiry.email";
    const changeUrl = assertWebUrl(model.changeUrl);
    const date = formatDateTime(t, model.expiresAt, context);
    const lines = {
      intro: t(`${words}.intro`, { org: model.orgName, userId: model.userId, date }),
      why: t(`${words}.why`),
      how: t(`${words}.how`),
      ignore: t(`${words}.ignore`),
    };
    const link = t(`${words}.link`);
    const subject = t(`${words}.subject`, { org: model.orgName, date });
    const body = html`${paragraph(lines.intro)}
${paragraph(lines.why)}
${paragraph(lines.how)}
${paragraph(emailLink(changeUrl, link))}
${paragraph(lines.ignore)}`;
    return signedEmail(t, {
      orgName: model.orgName,
      subject,
      heading: t(`${words}.heading`),
      paragraphs: [lines.intro, lines.why, lines.how, `${link}: ${changeUrl}`, lines.ignore],
      body,
    });
  },
});
