/**
 * Development mode without a phone provider: texts and calls land in the demo mailbox, and /dev/outbox lists them
 * (a text in full, a call as its script with the extension it would dial), so a demo can read the code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { JAKARTA_OFFICE, PASSWORD, PHONE_POLICY, signedInClient, submitPhone } from "../../support/phone-journey.js";

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await t.seed.organisation();
  await t.seed.policy(PHONE_POLICY);
  await t.seed.user({ userId: "nina@contoh.example", password: PASSWORD, verifiedEmail: null });
});
afterAll(async () => t.close());

describe("/dev/outbox with texts and calls", () => {
  it("lists a text and a call with what they carried", async () => {
    const client = await signedInClient(t, "nina@contoh.example");
    await submitPhone(client, "mobile", { number: "0812 3456 7812", channel: "sms" });
    await submitPhone(client, "office", { number: JAKARTA_OFFICE.typed, extension: "204" });
    await t.deliverMail();
    const page = await client.get("/dev/outbox");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h3");
    expect(page.body).toMatch(/Text message<\/h3>[^]*To: \+6281234567812/);
    expect(page.body).toMatch(
      /your verification code is \d{6}\. It expires in 5 minutes\. Never share it\.\n\n@localhost #\d{6}/,
    );
    expect(page.body).toMatch(/Phone call<\/h3>[^]*To: \+622157901234;ext=204/);
    expect(page.body).toMatch(/Your verification code is (\d, ){5}\d\. Again: /);
    expect(page.body).not.toContain("/dev/outbox/undefined");
  });
});
