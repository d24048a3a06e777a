/** The development channel: delivers into the dev mailbox that /dev/outbox lists, instead of sending mail. */
import type { Clock, DevMailbox } from "../../domain/ports.js";
import type { EmailChannel } from "../channel.js";

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
