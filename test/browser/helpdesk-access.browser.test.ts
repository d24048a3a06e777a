/**
 * Issue 12's helpdesk journeys in Chromium against the real parts (SMTP, worker): a temporary access pass used once
 * (the user signs in with it, sets a password, registers a method; the pass then fails), and a helpdesk admin's reset
 * after which the user must change the password at the next sign-in. Axe on every page, the new admin pages included.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { adminOpens as adminOpensAs, codeSentTo, heading } from "./admin-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

function adminOpens(sandi: ListeningSandi, page: Page, userId: string, link: string): Promise<void> {
  return adminOpensAs(sandi, page, { admin: ADMIN, userId, link });
}

const PASSWORD = "Ladang-Jagung-Sore-2026";
const CHOSEN = "Sawah-Hijau-Pagi-2027";
const ADMIN = { userId: "dian@contoh.example", verifiedEmail: "dian.pribadi@mail.example", password: PASSWORD };
const LOST = { userId: "fajar@contoh.example" };
const FORGOT = { userId: "gita@contoh.example", verifiedEmail: "gita.pribadi@mail.example" };

async function signInWithPass(sandi: ListeningSandi, page: Page, pass: string): Promise<void> {
  await page.goto(`${sandi.origin}/signin`);
  await page.getByRole("link", { name: "Sign in with a temporary access pass" }).click();
  await heading(page, "Sign in with a temporary access pass");
  await page.getByLabel("User ID").fill(LOST.userId);
  await page.getByLabel("Temporary access pass").fill(pass);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("helpdesk access journeys, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...ADMIN, password: PASSWORD, passkey: true, roles: ["helpdesk_admin"] });
    await sandi.t.seed.user({ ...LOST, password: "Forgotten-Long-Ago-1999" });
    await sandi.t.seed.user({ ...FORGOT, password: PASSWORD });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a temporary access pass used once: sign in, choose a password, register a method; the pass then fails", async () => {
    const page = await pages.open();
    await adminOpens(sandi, page, LOST.userId, "Issue a temporary access pass");
    await heading(page, `Issue a temporary access pass for ${LOST.userId}?`);
    await page.getByLabel("Valid for").selectOption("30");
    await page.getByRole("button", { name: "Issue pass" }).click();
    await heading(page, `Temporary access pass for ${LOST.userId}`);
    const pass = (await page.locator("#access-pass").textContent()) ?? "";
    expect(pass).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);

    await page.context().clearCookies();
    await signInWithPass(sandi, page, pass);
    await page.waitForURL(`${sandi.origin}/account/password`);
    await expectNoSeriousAxeViolations(page);
    expect(await page.locator("#current").count()).toBe(0);
    await page.getByLabel("New password", { exact: true }).fill(CHOSEN);
    await page.getByLabel("Type the new password again").fill(CHOSEN);
    await page.getByRole("button", { name: "Change password" }).click();
    // Registration is required at sign-in: the interrupt comes next, and the pass counts as a fresh proof.
    await page.waitForURL(/\/account/);
    await page.goto(`${sandi.origin}/account/security-info/email`);
    await expectNoSeriousAxeViolations(page);
    const before = sandi.smtp.messages.length;
    await page.locator("#address").fill("fajar.pribadi@mail.example");
    await page.locator("#address").press("Enter");
    await expect.poll(() => page.locator("#code").count(), { timeout: 15_000 }).toBe(1);
    await page.locator("#code").fill(await codeSentTo(sandi, "fajar.pribadi@mail.example", before));
    await page.locator("#code").press("Enter");
    await page.waitForURL(/notice=saved/);
    await expectNoSeriousAxeViolations(page);

    await page.context().clearCookies();
    await signInWithPass(sandi, page, pass);
    await expect.poll(() => page.locator("#signin-error").textContent()).toContain("We couldn't sign you in");
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${sandi.origin}/signin`);
    await page.locator("#userId").fill(LOST.userId);
    await page.locator("#password").fill(CHOSEN);
    await page.locator("#password").press("Enter");
    await page.waitForURL(/\/account/);
  });

  it("a helpdesk admin resets a password; the user must change it at the next sign-in", async () => {
    const page = await pages.open();
    await adminOpens(sandi, page, FORGOT.userId, "Reset password");
    await page.getByRole("button", { name: "Reset password" }).click();
    await heading(page, `Temporary password for ${FORGOT.userId}`);
    expect(await page.locator("body").textContent()).toContain("stops working");
    const temporary = (await page.locator("#temporary-password").textContent()) ?? "";

    await page.context().clearCookies();
    await page.goto(`${sandi.origin}/signin`);
    await page.locator("#userId").fill(FORGOT.userId);
    await page.locator("#password").fill(temporary);
    await page.locator("#password").press("Enter");
    await page.waitForURL(`${sandi.origin}/account/password`);
    await expectNoSeriousAxeViolations(page);
    // Anywhere else, the password page comes first.
    await page.goto(`${sandi.origin}/account`);
    expect(page.url()).toBe(`${sandi.origin}/account/password`);
    await page.getByLabel("Current password", { exact: true }).fill(temporary);
    await page.getByLabel("New password", { exact: true }).fill(CHOSEN);
    await page.getByLabel("Type the new password again").fill(CHOSEN);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL((url) => url.pathname !== "/account/password");
  });

  it("the confirmation pages of require re-registration and remove one method pass axe", async () => {
    const page = await pages.open();
    await adminOpens(sandi, page, FORGOT.userId, "Require re-registration");
    await heading(page, `Require ${FORGOT.userId} to register again?`);
    await page.goto(page.url().replace(/\/require-registration$/, ""));
    await page.getByRole("link", { name: /^Remove Email/ }).click();
    await heading(page, `Remove a method of ${FORGOT.userId}?`);
    await page.getByRole("button", { name: "Remove method" }).click();
    await page.waitForURL(/done=remove-method/);
    expect(await page.getByRole("status").first().textContent()).toContain("The method was removed.");
    await expectNoSeriousAxeViolations(page);
  });
});
