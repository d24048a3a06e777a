/** The SMTP channel against a real SMTP peer: multipart mail with the right headers, and failures as values. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SmtpConfig } from "../../src/config/config.schema.js";
import type { EmailChannel } from "../../src/notify/channel.js";
import { createSMTPChannel } from "../../src/notify/channels/smtp-channel.js";
import { type SMTPTestServer, startSMTPTestServer } from "../support/services/smtp-test-server.js";

const EMAIL = {
  subject: "Kode verifikasi Universitas Ümit",
  text: "Kode verifikasi Anda:\n\n    48213370\n",
  html: '<!doctype html><html lang="id-ID"><body><p style="font-size:34px">48213370</p></body></html>',
};

let server: SMTPTestServer;
let channel: EmailChannel | undefined;

function smtpConfig(overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: "127.0.0.1",
    port: server.port,
    security: "none",
    user: null,
    password: null,
    from: "sandi@example.org",
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startSMTPTestServer();
});
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});
afterAll(async () => {
  await server.stop();
});

describe("SMTP channel", () => {
  it("sends multipart text and HTML with the subject and the from name", async () => {
    channel = createSMTPChannel(smtpConfig());
    const result = await channel.send({ to: "budi@example.org", fromName: "Universitas Ümit via Sandi", email: EMAIL });
    expect(result).toEqual({ ok: true });
    const received = await server.waitForMessage((message) => message.envelopeTo.includes("budi@example.org"));
    expect(received.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(received.raw).toMatch(/Content-Type: text\/plain/i);
    expect(received.raw).toMatch(/Content-Type: text\/html/i);
    expect(received.subject).toBe(EMAIL.subject);
    expect(received.from).toEqual({ name: "Universitas Ümit via Sandi", address: "sandi@example.org" });
    expect(received.text).toContain("48213370");
    expect(received.html).toContain('<p style="font-size:34px">48213370</p>');
  });

  it("reuses its pool for several messages", async () => {
    const pooled = createSMTPChannel(smtpConfig());
    channel = pooled;
    const results = await Promise.all(
      ["one", "two", "three"].map((name) => pooled.send({ to: `${name}@example.org`, fromName: "Acme", email: EMAIL })),
    );
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    await server.waitForMessage((message) => message.envelopeTo.includes("three@example.org"));
  });

  it("returns an unreachable server as a failed result with the recipient masked", async () => {
    channel = createSMTPChannel(smtpConfig());
    await server.goDown();
    try {
      const result = await channel.send({ to: "budi@example.org", fromName: "Acme", email: EMAIL });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
        expect(result.error).not.toContain("budi@example.org");
        expect(result.error).not.toContain("\n");
      }
    } finally {
      await server.comeBack();
    }
  });

  it("in starttls mode refuses to send over a server that offers no STARTTLS", async () => {
    channel = createSMTPChannel(smtpConfig({ security: "starttls" }));
    const result = await channel.send({ to: "plain@example.org", fromName: "Acme", email: EMAIL });
    expect(result.ok).toBe(false);
    expect(server.messages.some((message) => message.envelopeTo.includes("plain@example.org"))).toBe(false);
  });

  it("cannot be created without a host", () => {
    expect(() => createSMTPChannel(smtpConfig({ host: null }))).toThrow(/smtp.host/);
  });
});
