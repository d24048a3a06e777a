/** Template modules: a typed model read from an outbox row's data, rendered into one email in one language. */
import type { EmailTemplateId } from "../../domain/messages.js";
import type { RenderedEmail } from "../../domain/ports.js";
import type { Translate } from "../../i18n/i18n.js";
import type { EmailContext } from "./email-layout.js";

/** The data an outbox row carries for its template. */
export type MessageData = Readonly<Record<string, string | number>>;

/** For each model field, the JSON type it must have in the row's data. */
export type FieldKinds<Model> = { readonly [K in keyof Model]-?: Model[K] extends number ? "number" : "string" };

/** A message type: reads its model from row data, renders it with a translate function fixed to one language. */
export interface EmailTemplate<Model> {
  readonly name: EmailTemplateId;
  /** Checks and copies the model's fields out of `data`; throws on a missing or mistyped field. */
  readModel(data: MessageData): Model;
  /** Renders the email; throws when the model cannot be shown (a bad date or URL). */
  email(t: Translate, model: Model, context: EmailContext): RenderedEmail;
}

/**
 * Declares a template; `fields` must name every model field with its type, and the compiler checks it does.
 *
 * @example
 * export const pingTemplate = defineTemplate<{ orgName: string }>({
 *   name: "reset-code",
 *   fields: { orgName: "string" },
 *   email: (t, model) => ({ subject: t("email.ping.subject", { org: model.orgName }), text: "…", html: "…" }),
 * });
 */
export function defineTemplate<Model extends Record<keyof Model, string | number>>(definition: {
  name: EmailTemplateId;
  fields: FieldKinds<Model>;
  /**
   * Values for fields a row may lack: a field added to a template later (rows queued before it have none) is read
   * as its default instead of failing the message.
   */
  defaults?: Partial<Model>;
  email: (t: Translate, model: Model, context: EmailContext) => RenderedEmail;
}): EmailTemplate<Model> {
  const fieldNames = Object.keys(definition.fields) as (keyof Model & string)[];
  return {
    name: definition.name,
    readModel(data) {
      const model: Record<string, string | number> = {};
      for (const field of fieldNames) {
        const value: unknown = data[field] ?? definition.defaults?.[field];
        const kind = definition.fields[field];
        if (typeof value !== kind) throw new Error(`template ${definition.name}: field ${field} must be a ${kind}`);
        model[field] = value as string | number;
      }
      return model as Model;
    },
    email: definition.email,
  };
}
