/**
 * `/help` (SPEC §13.4): the twelve questions in English and Indonesian, every answer true to the policy in force.
 * A number written into the text would go stale the day an admin changes the policy; these tests change it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, type PageClient } from "../../support/page-client.js";

const ANCHORS = [
  "methods",
  "code-valid",
  "no-code",
  "whole-address",
  "same-list",
  "blocked",
  "password-refused",
  "locked-out",
  "change-methods",
  "lost-phone",
  "unexpected-email",
  "privacy-language",
];

describe("the help page", () => {
  let t: TestApp;
  let client: PageClient;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    client = createPageClient(t.app);
  });
  afterAll(async () => t.close());

  async function help(lang: "en" | "id" = "en"): Promise<string> {
    const page = await client.get(`/help?lang=${lang}`);
    expect(page.status).toBe(200);
    return page.body;
  }

  it("answers SPEC's twelve questions, each under its own anchor, listed at the top", async () => {
    const body = await help();
    for (const anchor of ANCHORS) {
      expect(body, anchor).toContain(`<h2 id="${anchor}">`);
      expect(body, anchor).toContain(`<a href="#${anchor}">`);
    }
    expect(body).toContain("What can I use to prove it's me?");
    expect(body).toContain("Why is password reset paused for 24 hours?");
    expect(body).toContain(
      "5 failed checks, such as wrong codes, within 24 hours (a successful reset starts this count again)",
    );
    expect(body).toContain("10 email codes sent within 10 minutes (a successful reset starts this count again)");
    expect(body).toContain("5 completed resets within 1 hour</li>");
    expect(body).toContain("A code works for 5 minutes after it is sent.");
    expect(body).toContain("After 3 wrong tries a code stops working");
    expect(body).toContain("After 30 seconds you can ask for a new code; each step sends at most 3 codes.");
    expect(body).toContain("update the password saved on your phone, in mail apps and for Wi-Fi");
  });

  it("answers in Indonesian, with no catalog key showing", async () => {
    const body = await help("id");
    expect(body).toContain('<html lang="id">');
    expect(body).toContain("Bantuan kata sandi");
    expect(body).toContain("Mengapa pengaturan ulang kata sandi dihentikan sementara selama 24 jam?");
    expect(body).toContain("Kode berlaku selama 5 menit setelah dikirim.");
    for (const anchor of ANCHORS) expect(body, anchor).toContain(`<h2 id="${anchor}">`);
    expect(body).not.toMatch(/\b(help|helpdesk|user_error|common)\.[a-z_]+\.[a-z_]+/);
    expect(await help("en")).not.toMatch(/\b(help|helpdesk|user_error|common)\.[a-z_]+\.[a-z_]+/);
  });

  it("names only the methods the policy enables: turn texts off and the text-message answers go", async () => {
    expect(await help()).toContain("Text message codes have 6 digits.");
    expect(await help()).toContain("Text message: we text a code to your mobile phone.");
    await t.seed.policy({ "methods.mobileSms": "off" });
    const body = await help();
    expect(body).not.toContain("Text message");
    expect(body).toContain("Why must I type my whole email address?");
    expect(body).toContain("Email: we send a code to an email address you registered.");
    await t.seed.policy({ "methods.mobileSms": "on" });
  });

  it("states the email code length, the methods to reset and register, and the password rules the policy sets", async () => {
    expect(await help()).toContain("Email codes have 8 digits.");
    await t.seed.policy({
      emailCodeLength: "6",
      methodsToRegister: "3",
      methodsToReset: "2",
      "password.minLength": "12",
      "password.history": "0",
      "password.requireClasses": "on",
      "notify.userOnSecurityInfoChange": "off",
    });
    const body = await help();
    expect(body).toContain("Email codes have 6 digits.");
    expect(body).toContain("To reset your password you verify 2 different ones.");
    expect(body).toContain("asks everyone to set up at least 3 methods");
    expect(body).toContain("It must have at least 12 characters and at most 256.");
    expect(body).not.toContain("your last");
    expect(body).toContain("It must use at least 3 of these");
    expect(body).not.toContain("Every change is emailed to you");
    await t.seed.policy({
      emailCodeLength: "8",
      methodsToReset: "1",
      methodsToRegister: "1",
      "password.minLength": "8",
      "password.history": "5",
      "password.requireClasses": "off",
      "notify.userOnSecurityInfoChange": "on",
    });
    expect(await help()).toContain("It must not be one of your last 5 passwords.");
  });

  it("says when self-service reset is off for the organisation", async () => {
    await t.seed.policy({ scope: "none" });
    expect(await help()).toContain("Self-service password reset is turned off at Contoh Nusantara at the moment.");
    await t.seed.policy({ scope: "all" });
    expect(await help()).not.toContain("is turned off at");
  });

  it("is linked from every page's footer, next to the helpdesk", async () => {
    for (const path of ["/signin", "/reset", "/help", "/help/contact"]) {
      const page = await createPageClient(t.app).get(path);
      expect(page.raw, path).toMatch(
        /<footer>.*<a href="\/help">Help<\/a> · <a href="\/help\/contact">Contact the helpdesk<\/a>/s,
      );
    }
  });
});
