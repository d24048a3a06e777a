/** The placeholders of an SMS or voice provider's request body, and their values for one text or one call. */

/** Placeholders an SMS body may use: the E.164 number, the number without `+`, the text, the sender. */
export const SMS_BODY_PLACEHOLDERS = ["to", "toDigits", "message", "from"] as const;
/** Placeholders a voice body may use; `message` is the script, `digits` the code spaced for speech. */
export const VOICE_BODY_PLACEHOLDERS = [
  "to",
  "toDigits",
  "message",
  "digits",
  "extension",
  "language",
  "from",
] as const;

/** One text: the E.164 number and the whole message. */
export interface SmsMessage {
  readonly to: string;
  readonly text: string;
}

/** One call: the E.164 number, the office extension (post-dial DTMF) or null, the words and the code's digits. */
export interface VoiceCall {
  readonly to: string;
  readonly extension: string | null;
  readonly script: string;
  readonly digits: string;
  /** The script's language (`en`, `id`), for providers whose speech engine needs a voice chosen. */
  readonly language: string;
}

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
