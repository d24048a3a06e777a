/** The template registry: a message's template name and data in, a rendered email out. */
import type { RenderedEmail } from "../../domain/ports.js";
import type { Translate } from "../../i18n/i18n.js";
import type { EmailTemplate, MessageData } from "./define-template.js";
import {
  passwordChangedSelfTemplate,
  passwordChangedTemplate,
  passwordResetByAdminTemplate,
} from "./password-changed.js";
import { resetCodeTemplate } from "./reset-code.js";

export type { MessageData } from "./define-template.js";

/** Every email template, by the name outbox rows carry. */
export const EMAIL_TEMPLATES: ReadonlyMap<string, EmailTemplate<unknown>> = new Map<string, EmailTemplate<unknown>>(
  [resetCodeTemplate, passwordChangedTemplate, passwordChangedSelfTemplate, passwordResetByAdminTemplate].map(
    (template): [string, EmailTemplate<unknown>] => [template.name, template],
  ),
);

/** The names `renderMessage` accepts. */
export const TEMPLATE_NAMES: readonly string[] = [...EMAIL_TEMPLATES.keys()];

/**
 * Renders an outbox message in the language `translate` is fixed to.
 * Throws on an unknown template, missing or mistyped data, or data the template cannot show.
 */
export function renderMessage(template: string, data: MessageData, translate: Translate): RenderedEmail {
  const found = EMAIL_TEMPLATES.get(template);
  if (found === undefined) throw new Error(`unknown email template: ${template}`);
  return found.email(translate, found.readModel(data));
}
