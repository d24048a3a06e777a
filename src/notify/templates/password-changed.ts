/** The notice after a password reset (SPEC §9.2): when, from which browser and IP, and where to sign in. */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { assertWebUrl, emailDocument, formatDateTime, paragraph, textBody } from "./email-layout.js";

/** What the notice shows; `changedAt` is an ISO time, `signInUrl` an absolute http(s) URL. */
export interface PasswordChangedModel {
  readonly orgName: string;
  readonly changedAt: string;
  readonly client: string;
  readonly ip: string;
  readonly signInUrl: string;
}

/** `password-changed`: tells the user their password was reset, so a stranger's reset does not go unnoticed. */
export const passwordChangedTemplate = defineTemplate<PasswordChangedModel>({
  name: "password-changed",
  fields: { orgName: "string", changedAt: "string", client: "string", ip: "string", signInUrl: "string" },
  email(t, model) {
    const org = { org: model.orgName };
    const signInUrl = assertWebUrl(model.signInUrl);
    const lines = {
      intro: t("email.password_changed.intro", org),
      time: t("email.password_changed.time", { time: formatDateTime(t, model.changedAt) }),
      client: t("email.password_changed.client", { client: model.client }),
      ip: t("email.password_changed.ip", { ip: model.ip }),
      signIn: t("email.password_changed.sign_in"),
      signInLink: t("email.password_changed.sign_in_link", org),
      notYou: t("email.password_changed.not_you"),
    };
    const subject = t("email.password_changed.subject", org);
    const footer = t("email.footer", org);
    const details = `${lines.time}\n${lines.client}\n${lines.ip}`;
    const text = textBody([lines.intro, details, `${lines.signIn}\n${signInUrl}`, lines.notYou], footer);
    const body = html`${paragraph(lines.intro)}
${paragraph(html`${lines.time}<br>${lines.client}<br>${lines.ip}`)}
${paragraph(html`${lines.signIn}<br><a href="${signInUrl}" style="color:#1d4ed8;">${lines.signInLink}</a>`)}
${paragraph(html`<strong>${lines.notYou}</strong>`)}`;
    const heading = t("email.password_changed.heading");
    return { subject, text, html: emailDocument(t, { title: subject, heading, body, footer }) };
  },
});
