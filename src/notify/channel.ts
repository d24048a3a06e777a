/** The channel ports: one send, with a failed delivery returned as a value, never thrown; one port per kind. */
import type { MessageChannel } from "../domain/messages.js";
import type { RenderedEmail } from "../domain/ports.js";

/** One email to one recipient; `fromName` is the display name beside the configured sender address. */
export interface EmailMessage {
  readonly to: string;
  readonly fromName: string;
  readonly email: RenderedEmail;
}

/** What a send did; `error` is a short provider message, free of message content. */
export type SendResult = { ok: true } | { ok: false; error: string };

/** A way to deliver email (SMTP, the development mailbox). */
export interface EmailChannel {
  /** Stable id for logs and metrics: `smtp`, `dev-outbox`. */
  readonly id: string;
  /** Delivers one message; a refusing or unreachable server gives `{ ok: false }`. */
  send(message: EmailMessage): Promise<SendResult>;
  /** Releases connections; sends after this are not expected. */
  close(): Promise<void>;
}

/** What a text or call did: a failure says whether trying again later can help (5xx, timeout) or not (4xx). */
export type ProviderSendResult = { ok: true } | { ok: false; error: string; retryable: boolean };

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

/** A way to send texts (an HTTP gateway, the development mailbox). */
export interface SmsChannel {
  /** Stable id for logs and metrics: `sms-http`, `dev-outbox`. */
  readonly id: string;
  /** Sends one text; never throws. */
  send(message: SmsMessage): Promise<ProviderSendResult>;
}

/** A way to place code calls. */
export interface VoiceChannel {
  /** Stable id for logs and metrics: `voice-http`, `dev-outbox`. */
  readonly id: string;
  /** Places one call that speaks the script; never throws. */
  call(call: VoiceCall): Promise<ProviderSendResult>;
}

/** The port of each message channel; a channel added to MESSAGE_CHANNELS fails to compile until it has one here. */
interface ChannelPorts {
  readonly email: EmailChannel;
  readonly sms: SmsChannel;
  readonly voice: VoiceChannel;
}

/**
 * The channels one worker process delivers by, one per message channel it has.
 * A message names its channel; the worker never sends it by another one.
 */
export type ChannelSet = { readonly [Channel in MessageChannel]?: ChannelPorts[Channel] };
