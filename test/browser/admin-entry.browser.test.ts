/**
 * Entering the admin portal in Chromium (SPEC §2): an admin signed in with a password is sent to the second-factor
 * page on the way to a user list, passes it with the code emailed to them, and lands on the list they asked for; an
 * admin with one method meets the forced registration with its reason and no skip. Axe on both pages, and on the
 * second-factor page in Indonesian.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN = { userId: "hadi@contoh.example", verifiedEmail: "hadi.pratama@mail.example" };
const NEW_ADMIN = { userId: "dewi@contoh.example", verifiedEmail: "dewi.kusuma@mail.example" };

async function codeSentTo(sandi: ListeningSandi, address: string): Promise<string> {
  const mail = await sandi.smtp.waitForMessage((message) => message.envelopeTo.includes(address), 15_000);
  return /\b(\d{8})\b/.exec(mail.text)?.[1] ?? "";
}

async function signIn(sandi: ListeningSandi, page: Page, userId: string, lang = "en"): Promise<void> {
  await page.goto(`${sandi.origin}/signin?lang=${lang}`);
  await page.locator("#userId").fill(userId);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#password").press("Enter");
  await page.waitForURL(/\/account/);
}

async function heading(page: Page): Promise<string | null> {
  return page.getByRole("heading", { level: 1 }).textContent();
}

describe("entering the admin portal, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    await sandi.t.seed.user({ ...ADMIN, password: PASSWORD, passkey: true, roles: ["helpdesk_admin"] });
    await sandi.t.seed.user({ ...NEW_ADMIN, password: PASSWORD, roles: ["password_admin"], unregisteredAdmin: true });
    await sandi.t.seed.user({ userId: "budi@contoh.example", verifiedEmail: "budi@mail.example", password: PASSWORD });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a password sign-in meets the second-factor page, passes it by email and lands on the page it asked for", async () => {
    const page = await pages.open();
    await signIn(sandi, page, ADMIN.userId);
    await page.goto(`${sandi.origin}/admin/users?q=budi`);
    await page.waitForURL(/\/account\/security-info\/verify\?next=/);
    await expect.poll(() => heading(page)).toBe("Confirm it's you to open the admin pages");
    await expectNoSeriousAxeViolations(page);
    expect(await page.locator("#password").count()).toBe(0);
    // Keyboard only: the first method's button takes focus and Enter sends the code.
    await page.getByRole("button", { name: /@m\*\*\*\.example/ }).focus();
    await page.keyboard.press("Enter");
    await page.locator("#code").fill(await codeSentTo(sandi, ADMIN.verifiedEmail));
    await page.locator("#code").press("Enter");
    await page.waitForURL(`${sandi.origin}/admin/users?q=budi`);
    await expect.poll(() => page.getByRole("link", { name: "budi@contoh.example" }).count()).toBe(1);
  });

  it("the second-factor page in Indonesian passes axe", async () => {
    const page = await pages.open();
    await signIn(sandi, page, ADMIN.userId, "id");
    await page.goto(`${sandi.origin}/admin?lang=id`);
    await page.waitForURL(/\/verify\?next=/);
    await expect.poll(() => heading(page)).toBe("Konfirmasi bahwa ini Anda untuk membuka halaman admin");
    await expectNoSeriousAxeViolations(page);
  });

  it("an admin with one method meets the forced registration, told why, with no skip", async () => {
    const page = await pages.open();
    await signIn(sandi, page, NEW_ADMIN.userId);
    await page.goto(`${sandi.origin}/admin`);
    await page.waitForURL(/\/account\/security-info\/register\?for=admin/);
    expect(await page.getByRole("alert").textContent()).toContain("Admin accounts need at least 2 ways");
    expect(await page.getByRole("button", { name: /Skip/ }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
  });
});
