/** The placeholders of an SMS or voice provider's request body, and their values for one text or one call. */
import type { SMS_BODY_PLACEHOLDERS, VOICE_BODY_PLACEHOLDERS } from "../../config/phone-provider.schema.js";
import type { SmsMessage, VoiceCall } from "../channel.js";

type Values<Names extends readonly string[]> = Readonly<Record<Names[number], string>>;

/** The values of an SMS body. */
export function smsBodyValues(message: SmsMessage, from: string): Values<typeof SMS_BODY_PLACEHOLDERS> {
  return { to: message.to, toDigits: message.to.replace(/^\+/, ""), message: message.text, from };
}

/** The values of a voice body; no extension fills `{{extension}}` with nothing. */
export function voiceBodyValues(call: VoiceCall, from: string): Values<typeof VOICE_BODY_PLACEHOLDERS> {
  return {
    to: call.to,
    toDigits: call.to.replace(/^\+/, ""),
    message: call.script,
    digits: call.digits,
    extension: call.extension ?? "",
    language: call.language,
    from,
  };
}
