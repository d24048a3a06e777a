/**
 * Outbox message vocabulary: the channels a message may travel by, the template each one names, and the one way a
 * recipient is masked for the audit log, the logs and the pages (SPEC §4.2).
 */
import { maskEmailAddress } from "./email-address.js";
import { maskPhoneNumber } from "./phone-number.js";

/** Channels a message may name: email, a text, a call. */
export const MESSAGE_CHANNELS = ["email", "sms", "voice"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Templates a message may name, with the channel each one renders for. */
export const TEMPLATE_CHANNEL = {
  "reset-code": "email",
  "password-changed": "email",
  "password-changed-self": "email",
  "password-reset-by-admin": "email",
  "security-info-changed": "email",
  "not-me-alert": "email",
  "privileged-password-reset": "email",
  "helpdesk-request": "email",
  "reset-explanation": "email",
  "phone-budget-alert": "email",
  "registration-reminder": "email",
  "access-pass-issued": "email",
  "caller-code": "email",
  "password-expiry-reminder": "email",
  "phone-code": "sms",
  "phone-call": "voice",
  "caller-code-text": "sms",
  "caller-code-call": "voice",
} as const satisfies Record<string, MessageChannel>;
export type TemplateId = keyof typeof TEMPLATE_CHANNEL;
export const TEMPLATE_IDS = Object.keys(TEMPLATE_CHANNEL) as TemplateId[];

/** The templates of one channel. */
export type TemplateIdOf<Channel extends MessageChannel> = {
  [Id in TemplateId]: (typeof TEMPLATE_CHANNEL)[Id] extends Channel ? Id : never;
}[TemplateId];
export type EmailTemplateId = TemplateIdOf<"email">;
export const EMAIL_TEMPLATE_IDS = TEMPLATE_IDS.filter((id) => TEMPLATE_CHANNEL[id] === "email") as EmailTemplateId[];

/** How each channel's recipients are masked; a new channel does not compile until it has one. */
const MASKS: Readonly<Record<MessageChannel, (value: string) => string>> = {
  email: maskEmailAddress,
  sms: maskPhoneNumber,
  voice: maskPhoneNumber,
};

/** The recipient as anyone but its owner may see it: `b***@g***.com` for email, `+62 ••• 12` for a phone. */
export function maskRecipient(channel: MessageChannel, value: string): string {
  return MASKS[channel](value);
}
