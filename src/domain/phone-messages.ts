/**
 * The words of a code text and a code call (SPEC §4.3): one SMS of at most 160 GSM-7 characters ending in the
 * origin-bound autofill line, and a voice script that reads the code digit by digit three times. Pure: the words
 * come from the catalog through the translate function the caller passes.
 */

/** Translates a dotted catalog key with named `{{placeholders}}` (the shape of i18n's `Translate`). */
export type TranslateText = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/** One SMS segment holds 160 GSM-7 characters; a longer or non-GSM text would split or turn into UCS-2 (70). */
export const SMS_MAX_GSM7_LENGTH = 160;
/** SPEC §4.3: the organisation's name is cut to 20 characters in a text. */
export const SMS_ORG_NAME_MAX_LENGTH = 20;
/** A voice call reads the code this many times (SPEC §4.3). */
export const VOICE_CODE_REPEATS = 3;

// GSM 03.38: the default alphabet (one septet each) and its extension table (escape + one septet: two each).
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "\f^{}\\[~]|€";

/** Septets the text takes in GSM-7, or null when some character has no GSM-7 form (the text would go as UCS-2). */
export function gsm7Length(text: string): number | null {
  let length = 0;
  for (const character of text) {
    if (GSM7_BASIC.includes(character)) length += 1;
    else if (GSM7_EXTENSION.includes(character)) length += 2;
    else return null;
  }
  return length;
}

const TYPOGRAPHIC: Readonly<Record<string, string>> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
};

/**
 * The organisation's name in GSM-7: characters GSM-7 has stay (`Ñ`, `é`), other accented letters lose the accent
 * (`ç` → `c`), curly quotes and dashes become straight, anything else is removed, and spaces collapse. One stray
 * character must not turn the whole text into UCS-2, which holds 70 characters, not 160.
 */
export function gsm7OrgName(orgName: string): string {
  return Array.from(orgName.normalize("NFC").replace(/\s+/gu, " "), gsm7Character)
    .join("")
    .replace(/ {2,}/g, " ")
    .trim();
}

function gsm7Character(character: string): string {
  if (gsm7Length(character) !== null) return character;
  const replaced = TYPOGRAPHIC[character] ?? character.normalize("NFKD").replace(/\p{M}/gu, "");
  return gsm7Length(replaced) === null ? "" : replaced;
}

/** What a code text needs: the organisation, the code, its lifetime, and the host of Sandi's public URL. */
export interface SmsCodeTextInput {
  readonly translate: TranslateText;
  readonly orgName: string;
  readonly code: string;
  readonly expiresInMinutes: number;
  /** The host name of `publicUrl` (`sandi.example.co.id`), without scheme or port. */
  readonly host: string;
}

/** Cuts to `maxLength` characters (code points) and drops a trailing space. */
function cut(text: string, maxLength: number): string {
  return Array.from(text).slice(0, maxLength).join("").trimEnd();
}

/**
 * The SMS carrying a code: the catalog's sentence, a blank line, then `@{host} #{code}`, the origin-bound format
 * that lets a browser fill the code in on Sandi's own site and nowhere else. The organisation's name is cut to 20
 * characters, and cut further while the text would pass 160 GSM-7 characters; if even a one-letter name is too long
 * (a very long host), the autofill line is dropped, since the code itself must arrive in one segment.
 *
 * @example
 * buildSmsCodeText({ translate, orgName: "Dinas Pendidikan", code: "123456", expiresInMinutes: 5, host: "sandi.example.id" })
 * // "Dinas Pendidikan: your verification code is 123456. It expires in 5 minutes. Never share it.\n\n@sandi.example.id #123456"
 */
export function buildSmsCodeText(input: SmsCodeTextInput): string {
  const autofill = `\n\n@${input.host} #${input.code}`;
  const org = gsm7OrgName(input.orgName);
  for (let length = Math.min(SMS_ORG_NAME_MAX_LENGTH, Array.from(org).length); length >= 1; length -= 1) {
    const text = smsSentence(input, cut(org, length)) + autofill;
    if (fitsOneSms(text)) return text;
  }
  const withoutAutofill = smsSentence(input, cut(org, SMS_ORG_NAME_MAX_LENGTH));
  if (fitsOneSms(withoutAutofill)) return withoutAutofill;
  throw new Error("the code text does not fit one SMS: a catalog sentence is too long or not GSM-7");
}

function smsSentence(input: SmsCodeTextInput, org: string): string {
  const t = input.translate;
  return t("phone.sms.code", { org, code: input.code, minutes: input.expiresInMinutes });
}

/** True when the text is GSM-7 and at most 160 septets. */
export function fitsOneSms(text: string): boolean {
  const length = gsm7Length(text);
  return length !== null && length <= SMS_MAX_GSM7_LENGTH;
}

/** The code's digits spaced for a speech engine: `482019` → `4, 8, 2, 0, 1, 9` (the commas make it pause). */
export function spokenDigits(code: string): string {
  return Array.from(code).join(", ");
}

/** What a code call needs: the organisation and the code, in the user's language (the translate function's). */
export interface VoiceScriptInput {
  readonly translate: TranslateText;
  readonly orgName: string;
  readonly code: string;
}

/** The words a call speaks, and the digits alone for providers that read them with their own voice prompt. */
export interface VoiceScript {
  readonly script: string;
  readonly digits: string;
}

/**
 * The script of a code call: it names the organisation, reads the code digit by digit three times, and says
 * goodbye (the provider hangs up after it).
 *
 * @example
 * buildVoiceScript({ translate, orgName: "Dinas Pendidikan", code: "482019" }).script
 * // "Hello, this is Dinas Pendidikan. Your verification code is 4, 8, 2, 0, 1, 9. Again: 4, 8, 2, 0, 1, 9. …"
 */
export function buildVoiceScript(input: VoiceScriptInput): VoiceScript {
  const t = input.translate;
  const digits = spokenDigits(input.code);
  const org = input.orgName.replace(/\s+/gu, " ").trim();
  const again = Array.from({ length: VOICE_CODE_REPEATS - 1 }, () => t("phone.voice.code_again", { digits }));
  const parts = [t("phone.voice.greeting", { org }), t("phone.voice.code_first", { digits }), ...again];
  return { script: [...parts, t("phone.voice.goodbye")].join(" "), digits };
}

/** What a caller-verification text or call needs (SPEC §10 "Verify caller"): the organisation and the code. */
export interface CallerCodeInput {
  readonly translate: TranslateText;
  readonly orgName: string;
  readonly code: string;
}

/**
 * The text a helpdesk sends to verify a caller: who asks, the code to read aloud, and what to do if the user did not
 * call. No autofill line: the code is read to a person, never typed into a page. The organisation's name is cut as
 * in a code text until the whole fits one GSM-7 segment.
 */
export function buildCallerSmsText(input: CallerCodeInput): string {
  const org = gsm7OrgName(input.orgName);
  for (let length = Math.min(SMS_ORG_NAME_MAX_LENGTH, Array.from(org).length); length >= 0; length -= 1) {
    const text = input.translate("verify_caller.sms.code", { org: cut(org, length), code: input.code });
    if (fitsOneSms(text)) return text;
  }
  throw new Error("the caller code text does not fit one SMS: the catalog sentence is too long or not GSM-7");
}

/** The call that verifies a caller: it names the organisation, says why, reads the code 3 times, and says goodbye. */
export function buildCallerVoiceScript(input: CallerCodeInput): VoiceScript {
  const t = input.translate;
  const digits = spokenDigits(input.code);
  const org = input.orgName.replace(/\s+/gu, " ").trim();
  const again = Array.from({ length: VOICE_CODE_REPEATS - 1 }, () => t("phone.voice.code_again", { digits }));
  const parts = [
    t("phone.voice.greeting", { org }),
    t("verify_caller.voice.code_first", { digits }),
    ...again,
    t("verify_caller.voice.not_you"),
  ];
  return { script: [...parts, t("phone.voice.goodbye")].join(" "), digits };
}
