/**
 * The text and the call of a phone code (SPEC §4.3), built from an outbox row's data by the pure builders of
 * domain/phone-messages.ts in the row's language. Throws on missing data, as the email templates do.
 */
import {
  buildCallerSmsText,
  buildCallerVoiceScript,
  buildSmsCodeText,
  buildVoiceScript,
} from "../../domain/phone-messages.js";
import type { Translate } from "../../i18n/i18n.js";
import type { MessageData } from "./define-template.js";

function stringField(data: MessageData, name: string): string {
  const value = data[name];
  if (typeof value !== "string" || value === "") throw new Error(`phone message data lacks ${name}`);
  return value;
}

/**
 * `phone-code`: the text, ending in the origin-bound line for `host` (the host of `publicUrl`); `caller-code-text`:
 * the helpdesk's caller-verification text (read aloud, so no autofill line).
 */
export function renderPhoneText(
  data: MessageData,
  translate: Translate,
  host: string,
  template = "phone-code",
): string {
  if (template === "caller-code-text")
    return buildCallerSmsText({ translate, orgName: stringField(data, "orgName"), code: stringField(data, "code") });
  const minutes = data.expiresInMinutes;
  return buildSmsCodeText({
    translate,
    orgName: stringField(data, "orgName"),
    code: stringField(data, "code"),
    expiresInMinutes: typeof minutes === "number" ? minutes : 5,
    host,
  });
}

/**
 * `phone-call` (or the helpdesk's `caller-code-call`): the script and the spaced digits, and the office extension to
 * dial after the answer, if any.
 */
export function renderPhoneCall(
  data: MessageData,
  translate: Translate,
  template = "phone-call",
): { script: string; digits: string; extension: string | null } {
  const words = { translate, orgName: stringField(data, "orgName"), code: stringField(data, "code") };
  const call = template === "caller-code-call" ? buildCallerVoiceScript(words) : buildVoiceScript(words);
  const extension = typeof data.extension === "string" && /^\d{1,10}$/.test(data.extension) ? data.extension : null;
  return { ...call, extension };
}
