/**
 * The phone methods at registration and step-up (SPEC §4.1, §4.3): a 6-digit code by text or call to the mobile
 * (one `sms` row serves both), by call to the office phone with its extension dialled after the answer.
 */
import type { MethodId } from "../../domain/methods.js";
import {
  canReceiveTexts,
  isSamePhoneNumber,
  normaliseCallingCode,
  parseTypedPhone,
} from "../../domain/phone-number.js";
import type { OutboxDraft } from "../../domain/ports.js";
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import type { ContactCodeSender } from "../../domain/registration/contact-codes.js";
import { secondsAfter } from "../../lib/time.js";

/** SPEC §4.1: phone codes are 6 digits. */
export const PHONE_CODE_LENGTH = 6;

/** How a phone code travels. */
export type PhoneChannel = "sms" | "voice";

/** The extension a payload carries (office phones), or "" for none. */
function extensionOf(payload: Readonly<Record<string, unknown>>): string {
  const extension = payload["extension"];
  return typeof extension === "string" && /^\d{1,10}$/.test(extension) ? extension : "";
}

/**
 * The sender of a phone code: `method` is the row's kind (`sms` for a mobile, texted or called; `voice_office`),
 * `channel` how this code travels. A call's message carries the extension to dial after the answer.
 */
export function createPhoneCodeSender(method: Extract<MethodId, "sms" | "voice_office">, channel: PhoneChannel) {
  const sender: ContactCodeSender = {
    method,
    channel,
    codeLength: PHONE_CODE_LENGTH,
    draft: ({ target, code, caller, payload, orgName, now }): OutboxDraft => ({
      channel,
      template: channel === "sms" ? "phone-code" : "phone-call",
      recipient: target,
      lang: caller.lang,
      data:
        channel === "sms"
          ? { orgName, code, expiresInMinutes: CODE_RULES.ttlSeconds / 60 }
          : { orgName, code, extension: extensionOf(payload) },
      // A code that arrives after it expires only confuses (STYLE §7).
      notAfter: secondsAfter(now, CODE_RULES.ttlSeconds),
      userRef: caller.user.ref,
      flowId: null,
    }),
  };
  return sender;
}

/** The mobile's text sender, its call sender, and the office phone's call sender. */
export const mobileTextSender = createPhoneCodeSender("sms", "sms");
export const mobileCallSender = createPhoneCodeSender("sms", "voice");
export const officeCallSender = createPhoneCodeSender("voice_office", "voice");

/** The channel a payload asks for: a call only when it says so, since a text is the mobile's first way. */
export function channelOf(payload: Readonly<Record<string, unknown>>): PhoneChannel {
  return payload["channel"] === "voice" ? "voice" : "sms";
}

/** What the add form sent. */
export interface TypedPhone {
  readonly country: string;
  readonly number: string;
  readonly channel: string;
  readonly extension: string;
}

/** What the policy and the user's other phone say about a typed number. */
export interface PhoneRules {
  readonly kind: "sms" | "voice_office";
  readonly allowedCountries: readonly string[];
  /** The ways a mobile's code may come, as `methods.mobileSms` and `methods.mobileVoice` allow. */
  readonly channels: readonly PhoneChannel[];
  /** The user's phone of the other kind (E.164), which this one may not repeat (SPEC §4.1). */
  readonly otherPhone: string | null;
}

/** The number to verify and what its code needs, or the field at fault and the catalog key saying why. */
export type PhoneReading =
  | {
      readonly ok: true;
      readonly target: string;
      readonly payload: { channel: PhoneChannel; callingCode: string; extension: string | null };
    }
  | { readonly ok: false; readonly field: string; readonly errorKey: string };

const REFUSAL_KEYS = {
  invalid: "phone.error.invalid",
  too_short: "phone.error.too_short",
  too_long: "phone.error.too_long",
  country_not_allowed: "phone.error.country_not_allowed",
} as const;

/**
 * Reads the add form of a phone (SPEC §4.1, §4.3): the country must be allowed, the number valid for it; a text
 * needs a line that can take one; the extension is 1–10 digits; a mobile is not the office phone, nor the reverse.
 */
export function readTypedPhone(typed: TypedPhone, rules: PhoneRules): PhoneReading {
  const channel: PhoneChannel = rules.kind === "voice_office" ? "voice" : typed.channel === "voice" ? "voice" : "sms";
  if (!rules.channels.includes(channel)) return { ok: false, field: "channel", errorKey: "phone.error.channel_off" };
  if (!rules.allowedCountries.some((code) => normaliseCallingCode(code) === normaliseCallingCode(typed.country)))
    return { ok: false, field: "country", errorKey: "phone.error.country_not_allowed" };
  const parsed = parseTypedPhone(typed.number, typed.country, rules.allowedCountries);
  if (!parsed.ok) return { ok: false, field: "number", errorKey: REFUSAL_KEYS[parsed.reason] };
  if (channel === "sms" && !canReceiveTexts(parsed.value.lineType))
    return { ok: false, field: "number", errorKey: "phone.error.not_mobile" };
  const extension = typed.extension.replace(/[\s-]/g, "");
  if (rules.kind === "voice_office" && extension !== "" && !/^\d{1,10}$/.test(extension))
    return { ok: false, field: "extension", errorKey: "phone.error.extension" };
  if (rules.otherPhone !== null && isSamePhoneNumber(parsed.value.e164, rules.otherPhone))
    return {
      ok: false,
      field: "number",
      errorKey: rules.kind === "sms" ? "phone.error.same_as_office" : "phone.error.same_as_mobile",
    };
  return {
    ok: true,
    target: parsed.value.e164,
    payload: {
      channel,
      callingCode: parsed.value.callingCode,
      extension: rules.kind === "voice_office" && extension !== "" ? extension : null,
    },
  };
}

/** The ways a mobile's code may come under the policy's switches. */
export function mobileChannels(methods: {
  readonly mobileSms: boolean;
  readonly mobileVoice: boolean;
}): PhoneChannel[] {
  return [...(methods.mobileSms ? ["sms" as const] : []), ...(methods.mobileVoice ? ["voice" as const] : [])];
}
