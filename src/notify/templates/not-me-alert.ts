/**
 * The alert to Global and Helpdesk admins when a user confirms "This wasn't me" (SPEC §9.3 step 4): whose account is
 * on hold, what the user said was not them, when and from where they said it, the incident's support code, what
 * Sandi did, and whether the directory still needs someone to lock the account by hand.
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

export interface NotMeAlertModel {
  readonly orgName: string;
  readonly userId: string;
  /** The event the user's notice told of (a NotMeEvent) and when it happened. */
  readonly about: string;
  readonly aboutAt: string;
  /** When the user pressed "Lock my account", from which browser and IP. */
  readonly confirmedAt: string;
  readonly client: string;
  readonly ip: string;
  readonly supportCode: string;
  /** `held`: the built-in directory's hold is the lock; `manual_action_needed`: lock it in the directory by hand. */
  readonly directoryLock: string;
  readonly adminUrl: string;
}

const EVENTS = new Set([
  "password_reset",
  "password_changed",
  "password_reset_by_admin",
  "security_info_added",
  "security_info_changed",
  "security_info_removed",
]);
const LOCKS = { held: "directory_held", manual_action_needed: "directory_manual" } as const;

function render(t: Translate, model: NotMeAlertModel, context: EmailContext): RenderedEmail {
  if (!EVENTS.has(model.about)) throw new Error(`not-me-alert: unknown event ${model.about}`);
  if (!Object.hasOwn(LOCKS, model.directoryLock)) throw new Error("not-me-alert: unknown directory lock");
  const words = "not_me.alert";
  const org = { org: model.orgName };
  const adminUrl = assertWebUrl(model.adminUrl);
  const lines = {
    intro: t(`${words}.intro`, { userId: model.userId }),
    reported: t(`${words}.reported_change`, {
      event: t(`not_me.event_name.${model.about}`),
      time: formatDateTime(t, model.aboutAt, context),
    }),
    confirmedAt: t(`${words}.confirmed_at`, { time: formatDateTime(t, model.confirmedAt, context) }),
    client: t(`${words}.client`, { client: shownClient(t, model.client) }),
    ip: t(`${words}.ip`, { ip: model.ip }),
    supportCode: t(`${words}.support_code`, { code: model.supportCode }),
    sessions: t(`${words}.sessions`),
    directory: t(`${words}.${LOCKS[model.directoryLock as keyof typeof LOCKS]}`),
    whatNext: t(`${words}.what_next`),
    adminLink: t(`${words}.admin_link`),
  };
  const subject = t(`${words}.subject`, { ...org, userId: model.userId });
  const details = [lines.reported, lines.confirmedAt, lines.client, lines.ip, lines.supportCode];
  const manual = model.directoryLock === "manual_action_needed";
  const body = html`${paragraph(lines.intro)}
${paragraph(html`${lines.reported}<br>${lines.confirmedAt}<br>${lines.client}<br>${lines.ip}<br><strong>${lines.supportCode}</strong>`)}
${paragraph(html`${lines.sessions}<br>${manual ? html`<strong>${lines.directory}</strong>` : lines.directory}`)}
${paragraph(lines.whatNext)}
${paragraph(emailLink(adminUrl, lines.adminLink))}`;
  return signedEmail(t, {
    orgName: model.orgName,
    subject,
    heading: t(`${words}.heading`),
    paragraphs: [
      lines.intro,
      details.join("\n"),
      `${lines.sessions}\n${lines.directory}`,
      lines.whatNext,
      `${lines.adminLink}\n${adminUrl}`,
    ],
    body,
  });
}

/** `not-me-alert`: a user locked their account with "This wasn't me"; the helpdesk should look at it now. */
export const notMeAlertTemplate = defineTemplate<NotMeAlertModel>({
  name: "not-me-alert",
  fields: {
    orgName: "string",
    userId: "string",
    about: "string",
    aboutAt: "string",
    confirmedAt: "string",
    client: "string",
    ip: "string",
    supportCode: "string",
    directoryLock: "string",
    adminUrl: "string",
  },
  email: render,
});
