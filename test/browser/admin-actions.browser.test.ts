/**
 * Issue 12's remaining admin journeys in Chromium against the real parts (SMTP, worker): a helpdesk admin unlocks a
 * locked user, who then signs in; ends a user's sessions, in Indonesian, and the user's open session stops working;
 * and finds, by the support code a user reads off their reset page, why that user cannot reset. Axe on every page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { adminOpens, adminSignsInTo, heading } from "./admin-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN = { userId: "dian@contoh.example", verifiedEmail: "dian.pribadi@mail.example", password: PASSWORD };
const LOCKED = { userId: "eko@contoh.example", verifiedEmail: "eko.pribadi@mail.example" };
const SIGNED_IN = { userId: "fitri@contoh.example", verifiedEmail: "fitri.pribadi@mail.example" };
/** No verified method: a reset cannot reach her, though her page looks like everyone's (SPEC §6.4). */
const UNREGISTERED = { userId: "gilang@contoh.example" };

async function signIn(sandi: ListeningSandi, page: Page, userId: string): Promise<void> {
  await page.goto(`${sandi.origin}/signin`);
  await page.locator("#userId").fill(userId);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#password").press("Enter");
}

describe("admin actions on a user, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...ADMIN, passkey: true, roles: ["helpdesk_admin"] });
    for (const person of [LOCKED, SIGNED_IN, UNREGISTERED]) await sandi.t.seed.user({ ...person, password: PASSWORD });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a helpdesk admin unlocks a locked account; the user then signs in", async () => {
    const locked = await sandi.t.db
      .updateTable("account")
      .set({ admin_locked_at: new Date() })
      .where("entry_id", "in", (db) =>
        db.selectFrom("directory_user").select("ref").where("user_id", "=", LOCKED.userId),
      )
      .executeTakeFirst();
    expect(locked.numUpdatedRows).toBe(1n);
    const page = await pages.open();
    await signIn(sandi, page, LOCKED.userId);
    await page.waitForURL(/\/signin/);
    expect(new URL(page.url()).pathname).not.toBe("/account");

    await page.context().clearCookies();
    await adminOpens(sandi, page, { admin: ADMIN, userId: LOCKED.userId, link: "Unlock account" });
    await heading(page, `Unlock the account of ${LOCKED.userId}?`);
    await page.getByRole("button", { name: "Unlock account" }).click();
    await expect.poll(() => page.locator("body").textContent()).toContain("The account was unlocked.");
    await expectNoSeriousAxeViolations(page);

    await page.context().clearCookies();
    await signIn(sandi, page, LOCKED.userId);
    await page.waitForURL(`${sandi.origin}/account`);
  });

  it("ends a user's sessions from the Indonesian pages; the user's open session stops working", async () => {
    const userPage = await pages.open();
    const browser = userPage.context().browser();
    if (browser === null) throw new Error("no browser");
    await signIn(sandi, userPage, SIGNED_IN.userId);
    await userPage.waitForURL(`${sandi.origin}/account`);

    const adminContext = await browser.newContext({ locale: "id-ID" });
    try {
      const page = await adminContext.newPage();
      await page.goto(`${sandi.origin}/signin?lang=id`);
      await adminOpens(sandi, page, {
        admin: ADMIN,
        userId: SIGNED_IN.userId,
        link: "Akhiri semua sesi",
        verify: "Verifikasi",
      });
      await heading(page, `Akhiri semua sesi Sandi ${SIGNED_IN.userId}?`);
      await page.getByRole("button", { name: "Akhiri semua sesi" }).click();
      await expect.poll(() => page.locator("body").textContent()).toContain("Semua sesi telah diakhiri.");
      await expectNoSeriousAxeViolations(page);
    } finally {
      await adminContext.close();
    }

    await userPage.goto(`${sandi.origin}/account`);
    await userPage.waitForURL(/\/signin/);
  });

  it("Diagnose this user, by the support code on the user's reset page, says why the user cannot reset", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/reset`);
    await page.getByLabel("User ID").fill(UNREGISTERED.userId);
    const payload = page.locator("input[name=altcha]");
    await expect.poll(() => payload.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(`${sandi.origin}/reset/verify`);
    const supportCode = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(await page.locator("main").innerText())?.[1];
    expect(supportCode, "the reset page shows a support code").toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    await page.context().clearCookies();
    await adminSignsInTo(sandi, page, { admin: ADMIN, path: "/admin/diagnose" });
    await heading(page, "Diagnose this user");
    await page.getByLabel("User ID or support code").fill((supportCode ?? "").toLowerCase());
    await page.getByRole("button", { name: "Diagnose" }).click();
    await page.waitForURL(/\/admin\/diagnose\?q=/);
    const result = await page.locator("main").innerText();
    expect(result).toContain(`Support code ${supportCode ?? ""}`);
    expect(result).toContain(UNREGISTERED.userId);
    expect(result).toMatch(/SND-1\d\d/);
    await expectNoSeriousAxeViolations(page);
  });
});
