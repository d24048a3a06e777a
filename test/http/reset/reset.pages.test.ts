/**
 * Issue 9 item 8 through the pages: what a newcomer meets. Threats and mends: a link from another site that ends the
 * reset open in the browser; an early resend that refuses without saying how long to wait; errors that a screen
 * reader cannot tie to their field; a code a send limit dropped without a trace in the demo mailbox.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { currentCsrf, requestEmailCode, submitCode, submitUserId } from "../../support/reset-journey.js";

const BUDI = {
  userId: "budi.santoso@contoh.example",
  verifiedEmail: "budi@mail.example",
  password: "Old-Password-2026",
};

describe("reset pages a newcomer can finish", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({
      policy: { "helpdesk.mode": "email", "helpdesk.target": "helpdesk@contoh.example" },
      users: [BUDI],
    });
  });
  afterEach(async () => t.close());

  it("a link from another site cannot end a reset flow open in the browser", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    const landed = await client.get("/reset");
    expect(landed.status).toBe(200);
    expect(landed.body).toContain("Continue your password reset?");
    expect(landed.setCookies.filter((cookie) => cookie.startsWith("sandi-flow="))).toEqual([]);
    expect(landed.body).not.toContain('name="form"');
    // The flow is where it was: on the code page.
    expect((await client.get("/reset/verify")).body).toContain("a code of 8 digits");
    // Only a POST from the page ends it, and then a fresh identify form is offered.
    const over = await client.post("/reset/start-over", { csrf: await currentCsrf(client) });
    expect(over.location).toBe("/reset");
    const fresh = await client.get("/reset");
    expect(fresh.body).toContain('name="form"');
    expect((await client.get("/reset/verify")).location).toBe("/reset");
  });

  it("a start-over posted from another site is refused and the flow stays open", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    const csrf = await currentCsrf(client);
    const forged = await client.post(
      "/reset/start-over",
      { csrf },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(forged.status).toBe(403);
    expect((await client.get("/reset/verify")).body).toContain("step 1 of 1");
  });

  it("an early resend is refused with the seconds left to wait, and allowed after 30 s", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    t.clock.advanceSeconds(12);
    const early = await client.post("/reset/resend", { csrf: await currentCsrf(client) });
    expect(early.body).toContain("Please wait 18 s more.");
    expect(early.raw).toContain('data-resend-after="18"');
    t.clock.advanceSeconds(18);
    const resent = await client.post("/reset/resend", { csrf: await currentCsrf(client) });
    expect(resent.status).toBe(303);
  });

  it("a wrong code is shown at the field, tied to it by aria-describedby, and the summary links to the field", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    const wrong = await submitCode(client, "00000000");
    expect(wrong.raw).toMatch(/<p class="field-error" id="code-error">/);
    expect(wrong.raw).toMatch(/<input id="code"[^>]*aria-describedby="code-error" aria-invalid="true"/);
    expect(wrong.raw).toMatch(/<div class="error-summary" id="error-summary" role="alert" tabindex="-1"/);
    expect(wrong.raw).toContain('<a href="#code">');
  });

  it("the method choice is one clickable row per method: the label wraps its radio", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    const page = await client.get("/reset/verify");
    expect(page.raw).toMatch(
      /<label class="choice" for="method-email"><input type="radio" name="method" id="method-email"/,
    );
  });

  it("the demo mailbox lists a code the recipient limit R1 dropped, with the reason in words", async () => {
    const client = createPageClient(t.app);
    // Two flows of three sends each: the sixth code to one address within an hour is dropped silently (R1 = 5/h).
    for (let flow = 0; flow < 2; flow += 1) {
      await submitUserId(client, BUDI.userId);
      await requestEmailCode(client, BUDI.verifiedEmail);
      for (let resend = 0; resend < 2; resend += 1) {
        t.clock.advanceSeconds(31);
        await client.post("/reset/resend", { csrf: await currentCsrf(client) });
      }
    }
    await t.deliverMail();
    const mailbox = await client.get("/dev/outbox");
    expect(mailbox.body).toContain("Not sent");
    expect(mailbox.body).toContain("this address already got the most codes allowed (R1: 5 per hour");
    expect(mailbox.body).toContain("b***@m***.example");
    expect(
      (await t.composed.stores.outbox.list(20)).filter((mail) => /verification code/.test(mail.subject)),
    ).toHaveLength(5);
  });

  it("the demo mailbox shows an email's HTML part in a sandboxed frame whose own policy allows no script", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    await t.deliverMail();
    const mailbox = await client.get("/dev/outbox");
    const src = /<iframe sandbox="" loading="lazy" src="([^"]+)"/.exec(mailbox.raw)?.[1] ?? "";
    expect(src).toMatch(/^\/dev\/outbox\/\d+\/html$/);
    const part = await client.get(src);
    expect(part.status).toBe(200);
    expect(part.headers["content-security-policy"]).toMatch(/default-src 'none'.*sandbox$/);
    expect(part.raw).toContain("<!doctype html>");
    expect((await client.get("/dev/outbox/not-a-number/html")).status).toBe(404);
  });
});
