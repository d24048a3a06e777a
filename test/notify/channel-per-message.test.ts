/**
 * The worker picks the channel each message names. Threat: a message for a channel this process lacks is sent by
 * another one (a code meant for a phone arriving by email), or retried forever; it must be abandoned, saying why.
 */
import { describe, expect, it } from "vitest";
import { EMAIL_TEMPLATE_IDS, maskRecipient } from "../../src/domain/messages.js";
import type { ClaimedMessage } from "../../src/domain/ports.js";
import { createTranslator } from "../../src/i18n/i18n.js";
import type { EmailChannel, EmailMessage } from "../../src/notify/channel.js";
import { deliverMessage } from "../../src/notify/message-delivery.js";
import { EMAIL_TEMPLATES } from "../../src/notify/templates/index.js";
import { createFakeClock } from "../support/fake-clock.js";

const clock = createFakeClock();

function message(overrides: Partial<ClaimedMessage> = {}): ClaimedMessage {
  return {
    id: "m1",
    channel: "email",
    template: "reset-code",
    recipient: "budi@mail.example",
    lang: "en",
    data: {
      orgName: "Acme",
      code: "12345678",
      expiresInMinutes: 5,
      requestedAt: clock.now().toISOString(),
      client: "Firefox",
    },
    attempts: 0,
    notAfter: new Date(clock.now().getTime() + 300_000),
    userRef: null,
    flowId: null,
    createdAt: clock.now(),
    ...overrides,
  };
}

function recordingChannel(sent: EmailMessage[]): EmailChannel {
  return {
    id: "recording",
    send: (email) => Promise.resolve(void sent.push(email)).then(() => ({ ok: true })),
    close: () => Promise.resolve(),
  };
}

const deps = (channels: Parameters<typeof deliverMessage>[0]["channels"]) => ({
  channels,
  translator: createTranslator(),
  clock,
  random: { bytes: (count: number) => new Uint8Array(count), integerBelow: () => 0 },
  orgName: () => "Acme",
  timeZone: () => Promise.resolve("UTC"),
  maxDeliveryAttempts: 8,
});

describe("one channel per message", () => {
  it("sends a message through the channel it names", async () => {
    const sent: EmailMessage[] = [];
    const delivery = await deliverMessage(deps({ email: recordingChannel(sent) }), message());
    expect(delivery.result).toEqual({ status: "sent" });
    expect(sent.map((email) => email.to)).toEqual(["budi@mail.example"]);
  });

  it("abandons a message for a channel this process lacks, with the reason, and sends nothing", async () => {
    const delivery = await deliverMessage(deps({}), message());
    expect(delivery.result).toEqual({ status: "abandoned", reason: "no_channel:email" });
  });

  it("every email template id has a template, and no template is without an id", () => {
    expect([...EMAIL_TEMPLATES.keys()].sort()).toEqual([...EMAIL_TEMPLATE_IDS].sort());
  });

  it("masks a recipient one way for the audit log, the logs and the pages", () => {
    expect(maskRecipient("email", "budi.santoso@gmail.co.id")).toBe("b***@g***.co.id");
  });
});
