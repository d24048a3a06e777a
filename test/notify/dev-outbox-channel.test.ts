/** The development channel puts each message into the dev mailbox, stamped with the injected clock. */
import { describe, expect, it } from "vitest";
import type { DevMailbox, RenderedEmail } from "../../src/domain/ports.js";
import { createDevOutboxChannel } from "../../src/notify/channels/dev-outbox-channel.js";

const EMAIL: RenderedEmail = { subject: "Acme verification code", text: "12345678", html: "<p>12345678</p>" };
const clock = { now: () => new Date("2026-03-02T08:00:00Z") };

function memoryMailbox(): Pick<DevMailbox, "deliver"> & {
  items: (RenderedEmail & { recipient: string; createdAt: Date })[];
} {
  const items: (RenderedEmail & { recipient: string; createdAt: Date })[] = [];
  return {
    items,
    deliver: (recipient, email, now) => Promise.resolve(void items.push({ ...email, recipient, createdAt: now })),
  };
}

describe("dev outbox channel", () => {
  it("delivers into the mailbox", async () => {
    const mailbox = memoryMailbox();
    const channel = createDevOutboxChannel(mailbox, clock);
    expect(channel.id).toBe("dev-outbox");
    expect(await channel.send({ to: "budi@example.org", fromName: "Acme via Sandi", email: EMAIL })).toEqual({
      ok: true,
    });
    expect(mailbox.items).toEqual([{ ...EMAIL, recipient: "budi@example.org", createdAt: clock.now() }]);
    await channel.close();
  });

  it("returns a mailbox failure as a value", async () => {
    const mailbox: Pick<DevMailbox, "deliver"> = { deliver: () => Promise.reject(new Error("table missing")) };
    const result = await createDevOutboxChannel(mailbox, clock).send({
      to: "a@example.org",
      fromName: "A",
      email: EMAIL,
    });
    expect(result).toEqual({ ok: false, error: "table missing" });
  });
});
