/**
 * The registration reminder to one user (SPEC §10, sent by a helpdesk admin): set up your security info so you can
 * reset your password yourself, with the sign-in address. The one link goes to the organisation's own sign-in page.
 */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { assertWebUrl, emailLink, paragraph, signedEmail } from "./email-layout.js";

export interface RegistrationReminderModel {
  readonly orgName: string;
  readonly userId: string;
  readonly signInUrl: string;
  /** The helpdesk's contact words, or empty. */
  readonly helpdesk: string;
}

/** `registration-reminder`: one email, in the user's language, naming the user ID and where to sign in. */
export const registrationReminderTemplate = defineTemplate<RegistrationReminderModel>({
  name: "registration-reminder",
  fields: { orgName: "string", userId: "string", signInUrl: "string", helpdesk: "string" },
  email(t, model) {
    const words = "helpdesk_actions.reminder_email";
    const signInUrl = assertWebUrl(model.signInUrl);
    const lines = {
      intro: t(`${words}.intro`, { org: model.orgName }),
      why: t(`${words}.why`),
      how: t(`${words}.how`, { userId: model.userId }),
      help: model.helpdesk === "" ? "" : t(`${words}.help`, { helpdesk: model.helpdesk }),
    };
    const link = t(`${words}.link`);
    const subject = t(`${words}.subject`, { org: model.orgName });
    const body = html`${paragraph(lines.intro)}
${paragraph(lines.why)}
${paragraph(lines.how)}
${paragraph(emailLink(signInUrl, link))}
${lines.help === "" ? "" : paragraph(lines.help)}`;
    return signedEmail(t, {
      orgName: model.orgName,
      subject,
      heading: t(`${words}.heading`),
      paragraphs: [
        lines.intro,
        lines.why,
        lines.how,
        `${link}: ${signInUrl}`,
        ...(lines.help === "" ? [] : [lines.help]),
      ],
      body,
    });
  },
});
