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

/** The port of each message channel; a channel added to MESSAGE_CHANNELS fails to compile until it has one here. */
interface ChannelPorts {
  readonly email: EmailChannel;
}

/**
 * The channels one worker process delivers by, one per message channel it has (SMS and voice gateways join here).
 * A message names its channel; the worker never sends it by another one.
 */
export type ChannelSet = { readonly [Channel in MessageChannel]?: ChannelPorts[Channel] };
