/** The template registry: a message's template name and data in, a rendered email out. */
import { EMAIL_TEMPLATE_IDS, type EmailTemplateId } from "../../domain/messages.js";
import type { RenderedEmail } from "../../domain/ports.js";
import type { Translate } from "../../i18n/i18n.js";
import type { EmailTemplate, MessageData } from "./define-template.js";
import type { EmailContext } from "./email-layout.js";
import {
  passwordChangedSelfTemplate,
  passwordChangedTemplate,
  passwordResetByAdminTemplate,
} from "./password-changed.js";
import { notMeAlertTemplate } from "./not-me-alert.js";
import { privilegedPasswordResetTemplate } from "./privileged-password-reset.js";
import { helpdeskRequestTemplate } from "./helpdesk-request.js";
import { phoneBudgetAlertTemplate } from "./phone-budget-alert.js";
import { resetCodeTemplate } from "./reset-code.js";
import { resetExplanationTemplate } from "./reset-explanation.js";
import { securityInfoChangedTemplate } from "./security-info-changed.js";
import { registrationReminderTemplate } from "./registration-reminder.js";
import { accessPassIssuedTemplate } from "./access-pass-issued.js";
import { callerCodeTemplate } from "./caller-code.js";
import { passwordExpiryReminderTemplate } from "./password-expiry-reminder.js";

export type { MessageData } from "./define-template.js";

/** Every email template, by the id outbox rows carry; the compiler checks that each EmailTemplateId has one. */
const BY_ID = {
  "reset-code": resetCodeTemplate,
  "password-changed": passwordChangedTemplate,
  "password-changed-self": passwordChangedSelfTemplate,
  "password-reset-by-admin": passwordResetByAdminTemplate,
  "security-info-changed": securityInfoChangedTemplate,
  "not-me-alert": notMeAlertTemplate,
  "privileged-password-reset": privilegedPasswordResetTemplate,
  "helpdesk-request": helpdeskRequestTemplate,
  "reset-explanation": resetExplanationTemplate,
  "phone-budget-alert": phoneBudgetAlertTemplate,
  "registration-reminder": registrationReminderTemplate,
  "access-pass-issued": accessPassIssuedTemplate,
  "caller-code": callerCodeTemplate,
  "password-expiry-reminder": passwordExpiryReminderTemplate,
} as const satisfies Record<EmailTemplateId, { readonly name: EmailTemplateId }>;

export const EMAIL_TEMPLATES: ReadonlyMap<string, EmailTemplate<unknown>> = new Map<string, EmailTemplate<unknown>>(
  Object.values(BY_ID).map((template): [string, EmailTemplate<unknown>] => [
    template.name,
    template as EmailTemplate<unknown>,
  ]),
);

/** The ids `renderMessage` accepts: the email templates (texts and calls are built in phone-messages.ts). */
export const TEMPLATE_NAMES: readonly EmailTemplateId[] = EMAIL_TEMPLATE_IDS;

/**
 * Renders an outbox message in the language `translate` is fixed to and the organisation's time zone.
 * Throws on an unknown template, missing or mistyped data, or data the template cannot show.
 */
export function renderMessage(
  template: string,
  data: MessageData,
  translate: Translate,
  context: EmailContext,
): RenderedEmail {
  const found = EMAIL_TEMPLATES.get(template);
  if (found === undefined) throw new Error(`unknown email template: ${template}`);
  return found.email(translate, found.readModel(data), context);
}
