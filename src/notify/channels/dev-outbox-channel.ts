/**
 * The development channels: deliver into the dev mailbox that /dev/outbox lists, instead of sending mail, texts or
 * calls. A text or call is kept as an entry whose subject is `sms` or `voice` and whose HTML part is empty.
 */
import type { Clock, DevMailbox } from "../../domain/ports.js";
import type { EmailChannel, ProviderSendResult, SmsChannel, VoiceChannel } from "../channel.js";

/** A channel writing every message into `mailbox`, stamped with the clock's time. */
export function createDevOutboxChannel(mailbox: Pick<DevMailbox, "deliver">, clock: Clock): EmailChannel {
  return {
    id: "dev-outbox",
    async send(message) {
      try {
        await mailbox.deliver(message.to, message.email, clock.now());
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : "dev mailbox failed" };
      }
    },
    close: () => Promise.resolve(),
  };
}

/** The subjects that mark a dev mailbox entry as a text or a call rather than an email. */
export const DEV_PHONE_SUBJECTS = { sms: "sms", voice: "voice" } as const;

async function deliverPhone(
  mailbox: Pick<DevMailbox, "deliver">,
  clock: Clock,
  entry: { to: string; subject: string; text: string },
): Promise<ProviderSendResult> {
  try {
    await mailbox.deliver(entry.to, { subject: entry.subject, text: entry.text, html: "" }, clock.now());
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "dev mailbox failed", retryable: true };
  }
}

/** Texts into the dev mailbox, so the code can be read at /dev/outbox. */
export function createDevSmsChannel(mailbox: Pick<DevMailbox, "deliver">, clock: Clock): SmsChannel {
  return {
    id: "dev-outbox",
    send: (message) =>
      deliverPhone(mailbox, clock, { to: message.to, subject: DEV_PHONE_SUBJECTS.sms, text: message.text }),
  };
}

/** Calls into the dev mailbox: the script the call would speak, and the extension it would dial. */
export function createDevVoiceChannel(mailbox: Pick<DevMailbox, "deliver">, clock: Clock): VoiceChannel {
  return {
    id: "dev-outbox",
    call: (call) =>
      deliverPhone(mailbox, clock, {
        // RFC 3966 notation: the number, then the extension the call would dial after the answer.
        to: call.extension === null ? call.to : `${call.to};ext=${call.extension}`,
        subject: DEV_PHONE_SUBJECTS.voice,
        text: call.script,
      }),
  };
}
