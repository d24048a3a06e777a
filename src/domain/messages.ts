/**
 * Outbox message vocabulary: the channels a message may travel by, the template each one names, and the one way a
 * recipient is masked for the audit log, the logs and the pages (SPEC §4.2).
 */
import { maskEmailAddress } from "./email-address.js";

/** Channels a message may name; SMS and voice join when their methods do. */
export const MESSAGE_CHANNELS = ["email"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Templates a message may name, with the channel each one renders for. */
export const TEMPLATE_CHANNEL = {
  "reset-code": "email",
  "password-changed": "email",
  "password-changed-self": "email",
  "password-reset-by-admin": "email",
  "security-info-changed": "email",
} as const satisfies Record<string, MessageChannel>;
export type TemplateId = keyof typeof TEMPLATE_CHANNEL;
export const TEMPLATE_IDS = Object.keys(TEMPLATE_CHANNEL) as TemplateId[];

/** How each channel's recipients are masked; a new channel does not compile until it has one. */
const MASKS: Readonly<Record<MessageChannel, (value: string) => string>> = { email: maskEmailAddress };

/** The recipient as anyone but its owner may see it: `b***@g***.com` for email. */
export function maskRecipient(channel: MessageChannel, value: string): string {
  return MASKS[channel](value);
}
