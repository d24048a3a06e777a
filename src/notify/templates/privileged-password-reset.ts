/**
 * The notice to the other administrators when a privileged user's password is reset (SPEC §9.4): whose, who acted
 * (the user by self-service, another administrator, or the console), when and from which IP.
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

export interface PrivilegedPasswordResetModel {
  readonly orgName: string;
  /** The privileged user whose password was reset. */
  readonly userId: string;
  /** `self` (self-service reset), `admin` (an administrator, named in `actor`) or `console`. */
  readonly actedBy: string;
  /** The acting administrator's user ID; empty unless `actedBy` is `admin`. */
  readonly actor: string;
  readonly changedAt: string;
  readonly client: string;
  readonly ip: string;
  readonly adminUrl: string;
}

const INTROS = { self: "intro_self", admin: "intro_admin", console: "intro_console" } as const;

function render(t: Translate, model: PrivilegedPasswordResetModel, context: EmailContext): RenderedEmail {
  if (!Object.hasOwn(INTROS, model.actedBy)) throw new Error("privileged-password-reset: unknown actor kind");
  const words = "not_me.privileged_reset";
  const org = { org: model.orgName };
  const adminUrl = assertWebUrl(model.adminUrl);
  const intro = INTROS[model.actedBy as keyof typeof INTROS];
  const lines = {
    intro: t(`${words}.${intro}`, { userId: model.userId, actor: model.actor }),
    time: t(`${words}.time`, { time: formatDateTime(t, model.changedAt, context) }),
    client: t(`${words}.client`, { client: shownClient(t, model.client) }),
    ip: t(`${words}.ip`, { ip: model.ip }),
    why: t(`${words}.why`, { ...org, userId: model.userId }),
    adminLink: t(`${words}.admin_link`),
  };
  const subject = t(`${words}.subject`, { ...org, userId: model.userId });
  const details = `${lines.time}\n${lines.client}\n${lines.ip}`;
  const body = html`${paragraph(lines.intro)}
${paragraph(html`${lines.time}<br>${lines.client}<br>${lines.ip}`)}
${paragraph(lines.why)}
${paragraph(emailLink(adminUrl, lines.adminLink))}`;
  return signedEmail(t, {
    orgName: model.orgName,
    subject,
    heading: t(`${words}.heading`),
    paragraphs: [lines.intro, details, lines.why, `${lines.adminLink}\n${adminUrl}`],
    body,
  });
}

/** `privileged-password-reset`: an admin's password changing hands is every other admin's business. */
export const privilegedPasswordResetTemplate = defineTemplate<PrivilegedPasswordResetModel>({
  name: "privileged-password-reset",
  fields: {
    orgName: "string",
    userId: "string",
    actedBy: "string",
    actor: "string",
    changedAt: "string",
    client: "string",
    ip: "string",
    adminUrl: "string",
  },
  email: render,
});
