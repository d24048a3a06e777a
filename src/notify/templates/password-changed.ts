/**
 * The notices after a password reset (SPEC §9.2), a change from My account (§9.5) and an administrator's reset
 * (§10): when, from which browser and IP (or which console), and where to sign in. One layout, three sets of words.
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

/** What the notice shows; `changedAt` is an ISO time, `signInUrl` an absolute http(s) URL. */
export interface PasswordChangedModel {
  readonly orgName: string;
  readonly changedAt: string;
  readonly client: string;
  readonly ip: string;
  readonly signInUrl: string;
  /** The account the notice is about, so a person with several accounts knows which one. */
  readonly userId: string;
  /** How to reach the helpdesk (the policy's address or URL), or empty. */
  readonly helpdesk: string;
  /** This recipient's "This wasn't me" link (SPEC §9.3); empty in a notice queued before notices carried one. */
  readonly notMeUrl: string;
}

function passwordNoticeTemplate(
  name: "password-changed" | "password-changed-self" | "password-reset-by-admin",
  words: "password_changed" | "password_changed_self" | "password_reset_by_admin",
) {
  return defineTemplate<PasswordChangedModel>({
    name,
    fields: {
      orgName: "string",
      changedAt: "string",
      client: "string",
      ip: "string",
      signInUrl: "string",
      userId: "string",
      helpdesk: "string",
      notMeUrl: "string",
    },
    defaults: { notMeUrl: "" },
    email: (t, model, context) => renderNotice(t, words, model, context),
  });
}

function renderNotice(t: Translate, words: string, model: PasswordChangedModel, context: EmailContext): RenderedEmail {
  const org = { org: model.orgName };
  const signInUrl = assertWebUrl(model.signInUrl);
  const lines = {
    intro: t(`email.${words}.intro`, org),
    time: t(`email.${words}.time`, { time: formatDateTime(t, model.changedAt, context) }),
    client: t(`email.${words}.client`, { client: shownClient(t, model.client) }),
    account: t("notice.account", { userId: model.userId }),
    whatToDo: t(`notice.what_to_do.${words}`),
    helpdesk: model.helpdesk === "" ? t("notice.helpdesk_none") : t("notice.helpdesk", { helpdesk: model.helpdesk }),
    ip: t(`email.${words}.ip`, { ip: model.ip }),
    signIn: t(`email.${words}.sign_in`),
    signInLink: t(`email.${words}.sign_in_link`, org),
    notYou: t(`email.${words}.not_you`),
  };
  const subject = t(`email.${words}.subject`, org);
  const details = `${lines.account}\n${lines.time}\n${lines.client}\n${lines.ip}`;
  const notYou = `${lines.notYou}\n${lines.helpdesk}`;
  const notMe = notMeLinkParts(t, model.notMeUrl);
  const paragraphs = [lines.intro, details, lines.whatToDo, `${lines.signIn}\n${signInUrl}`, notYou];
  const body = html`${paragraph(lines.intro)}
${paragraph(html`${lines.account}<br>${lines.time}<br>${lines.client}<br>${lines.ip}`)}
${paragraph(lines.whatToDo)}
${paragraph(html`${lines.signIn}<br>${emailLink(signInUrl, lines.signInLink)}`)}
${paragraph(html`<strong>${lines.notYou}</strong><br>${lines.helpdesk}`)}
${notMe?.html ?? html``}`;
  const heading = t(`email.${words}.heading`);
  return signedEmail(t, {
    orgName: model.orgName,
    subject,
    heading,
    paragraphs: notMe === null ? paragraphs : [...paragraphs, notMe.text],
    body,
  });
}

/** `password-changed`: tells the user their password was reset, so a stranger's reset does not go unnoticed. */
export const passwordChangedTemplate = passwordNoticeTemplate("password-changed", "password_changed");

/** `password-changed-self`: tells the user their password was changed from My account. */
export const passwordChangedSelfTemplate = passwordNoticeTemplate("password-changed-self", "password_changed_self");

/** `password-reset-by-admin`: tells the user an administrator set a temporary password (SPEC §10 step 4). */
export const passwordResetByAdminTemplate = passwordNoticeTemplate(
  "password-reset-by-admin",
  "password_reset_by_admin",
);
