/**
 * "Verify caller" in Chromium against the real parts (SMTP, worker): a helpdesk admin opens the user's page, passes
 * the step-up, sends a code to the user's masked email, types a wrong read-back, then the right one; and, for a user
 * with an authenticator app, asks for the code the app shows (nothing sent), a wrong one, then the right one. Axe on
 * each page, the error state included; keyboard only for the code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../../src/lib/crypto/totp.js";
import { saveApp, wrongAppCode } from "../support/app-gate-rows.js";
import { adminOpens, codeSentTo, heading } from "./admin-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN = { userId: "dian@contoh.example", verifiedEmail: "dian.pribadi@mail.example", password: PASSWORD };
const CALLER = { userId: "gita@contoh.example", verifiedEmail: "gita.pribadi@mail.example" };
const APP_CALLER = { userId: "hana@contoh.example", verifiedEmail: "hana.pribadi@mail.example" };
const CODE_LABEL = "The code the caller reads to you";

describe("verify caller, in Chromium", () => {
  let sandi: ListeningSandi;
  let appSecret: Uint8Array = new Uint8Array();
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...ADMIN, password: PASSWORD, passkey: true, roles: ["helpdesk_admin"] });
    await sandi.t.seed.user({ ...CALLER, password: PASSWORD });
    await sandi.t.seed.user({ ...APP_CALLER, password: PASSWORD });
    appSecret = (await saveApp(sandi.t, APP_CALLER.userId, "Work phone")).secret;
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("sends a code to the masked email, refuses a wrong read-back, and verifies the right one", async () => {
    const page = await pages.open();
    // The second factor at the admin pages' door is also the step-up the action needs (SPEC §2).
    await adminOpens(sandi, page, { admin: ADMIN, userId: CALLER.userId, link: "Verify caller" });

    await heading(page, `Verify the caller for ${CALLER.userId}`);
    await expect.poll(() => page.getByLabel(/g\*\*\*@m\*\*\*\.example/).isChecked()).toBe(true);
    const sent = sandi.smtp.messages.length;
    await page.getByRole("button", { name: "Continue" }).click();
    await heading(page, `Check the caller's code for ${CALLER.userId}`);
    const code = await codeSentTo(sandi, CALLER.verifiedEmail, sent);
    expect(code).toMatch(/^\d{8}$/);

    const wrong = code.startsWith("1") ? `2${code.slice(1)}` : `1${code.slice(1)}`;
    await page.getByLabel("The code the caller reads to you").fill(wrong);
    await page.keyboard.press("Enter");
    // The answer has the same title as the form: wait for its alert, so axe runs on the new page, not during the load.
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("did not match");
    await page.waitForLoadState();
    await heading(page, `Check the caller's code for ${CALLER.userId}`);

    await page.getByLabel("The code the caller reads to you").fill(code);
    await page.keyboard.press("Enter");
    await heading(page, "Caller verified");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("right code");
  });

  it("asks for the code the caller's authenticator app shows, refuses a wrong one, and verifies the right one", async () => {
    const page = await pages.open();
    await adminOpens(sandi, page, { admin: ADMIN, userId: APP_CALLER.userId, link: "Verify caller" });

    await heading(page, `Verify the caller for ${APP_CALLER.userId}`);
    const sent = sandi.smtp.messages.length;
    await page.getByLabel("Ask for the code their authenticator app “Work phone” shows (nothing is sent)").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await heading(page, `Check the caller's code for ${APP_CALLER.userId}`);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Nothing was sent.");

    await page.getByLabel(CODE_LABEL).fill(wrongAppCode(appSecret, new Date()));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("did not match");
    await page.waitForLoadState();
    await heading(page, `Check the caller's code for ${APP_CALLER.userId}`);

    await page.getByLabel(CODE_LABEL).fill(totpCodeAt(appSecret, new Date()));
    await page.keyboard.press("Enter");
    await heading(page, "Caller verified");
    // Nothing went to the caller: only the admin's own second-factor code was mailed.
    expect(
      sandi.smtp.messages.slice(sent).filter((mail) => mail.envelopeTo.includes(APP_CALLER.verifiedEmail)),
    ).toEqual([]);
  });
});
