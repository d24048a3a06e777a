/**
 * "Verify caller" in Chromium against the real parts (SMTP, worker): a helpdesk admin opens the user's page, passes
 * the step-up, sends a code to the user's masked email, types a wrong read-back, then the right one. Axe on each
 * page, the error state included; keyboard only for the code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminOpens, codeSentTo, heading } from "./admin-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN = { userId: "dian@contoh.example", verifiedEmail: "dian.pribadi@mail.example", password: PASSWORD };
const CALLER = { userId: "gita@contoh.example", verifiedEmail: "gita.pribadi@mail.example" };

describe("verify caller, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...ADMIN, password: PASSWORD, passkey: true, roles: ["helpdesk_admin"] });
    await sandi.t.seed.user({ ...CALLER, password: PASSWORD });
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
});
