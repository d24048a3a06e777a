/** With SMTP down the reset still answers; the code waits in the outbox and reaches the user when SMTP returns. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { createPageClient } from "../support/page-client.js";
import { requestEmailCode, submitCode, submitUserId } from "../support/reset-journey.js";
import { type SMTPTestServer, startSMTPTestServer } from "../support/services/smtp-test-server.js";

describe("SMTP outage", () => {
  let smtp: SMTPTestServer;
  let t: TestApp;
  beforeEach(async () => {
    smtp = await startSMTPTestServer();
    t = await buildTestApp({
      config: { smtp: { host: smtp.host, port: smtp.port, security: "none", from: "sandi@contoh.example" } },
    });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user({ userId: "made@contoh.example", verifiedEmail: "made@mail.example" });
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it("answers while SMTP is down, retries with backoff, and delivers the code when SMTP is back", async () => {
    await smtp.goDown();
    const client = createPageClient(t.app);
    await submitUserId(client, "made@contoh.example");
    const sent = await requestEmailCode(client, "made@mail.example");
    expect(sent.status).toBe(303);
    await t.deliverMail();
    const waiting = await t.db.selectFrom("outbox_message").select(["status", "last_error"]).execute();
    expect(waiting).toEqual([{ status: "pending", last_error: expect.any(String) as string }]);
    expect(smtp.messages).toHaveLength(0);
    await smtp.comeBack();
    t.clock.advanceSeconds(40); // the first retry waits about 30 s
    await t.deliverMail();
    const message = await smtp.waitForMessage((mail) => mail.envelopeTo.includes("made@mail.example"), 5000);
    expect(message.text).toMatch(/\b\d{8}\b/);
    expect(message.html).toContain("<");
    const code = /\b(\d{8})\b/.exec(message.text)?.[1] ?? "";
    expect((await submitCode(client, code)).status).toBe(303);
    expect((await client.get("/reset/verify")).body).toContain("Choose a new password");
  });
});
