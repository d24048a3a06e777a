/**
 * My security info in Chromium against the real parts (SMTP, worker): the registration interrupt after sign-in,
 * an email address registered by keyboard only, removal, and the interrupt's skip and its deadline in Indonesian,
 * axe on each page; and a helpdesk admin's reset of a user's password after the same step-up (SPEC §2, §10).
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const USERS = ["ayu", "bima", "citra"].map((name) => ({
  userId: `${name}@contoh.example`,
  password: PASSWORD,
  verifiedEmail: null,
}));

const HELPDESK_ADMIN = { userId: "dian@contoh.example", verifiedEmail: "dian.pribadi@mail.example" };

async function signIn(sandi: ListeningSandi, page: Page, userId: string, lang: "en" | "id"): Promise<void> {
  await page.goto(`${sandi.origin}/signin?lang=${lang}`);
  await page.locator("#userId").fill(userId);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#password").press("Enter");
  await page.waitForURL(/\/account/);
}

async function codeSentTo(sandi: ListeningSandi, address: string): Promise<string> {
  const mail = await sandi.smtp.waitForMessage((message) => message.envelopeTo.includes(address), 15_000);
  return /\b(\d{8})\b/.exec(mail.text)?.[1] ?? "";
}

/** Presses Tab until the focused element's text matches, then returns (keyboard-only use). */
async function tabTo(page: Page, text: RegExp): Promise<void> {
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press("Tab");
    if (text.test(String(await page.evaluate("document.activeElement?.textContent ?? ''")))) return;
  }
  throw new Error(`no focusable element matching ${String(text)}`);
}

describe("My security info, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    for (const user of USERS) await sandi.t.seed.user(user);
    await sandi.t.seed.user({ ...HELPDESK_ADMIN, password: PASSWORD, passkey: true, roles: ["helpdesk_admin"] });
    await sandi.t.seed.user({ userId: "eka@contoh.example", password: PASSWORD });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("by keyboard only: the interrupt, an email address proven by its code, then ready; removing it warns", async () => {
    const page = await pages.open();
    await signIn(sandi, page, "ayu@contoh.example", "en");
    expect(page.url()).toBe(`${sandi.origin}/account/security-info/register`);
    expect(await page.locator("h1").textContent()).toContain("Help us keep your account safe");
    await expectNoSeriousAxeViolations(page);
    await tabTo(page, /Add an email address/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/security-info\/email$/);
    await expectNoSeriousAxeViolations(page);
    await tabTo(page, /^$/); // the address field has no text of its own
    expect(await page.evaluate("document.activeElement?.id")).toBe("address");
    await page.keyboard.type("ayu.pribadi@mail.example");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#code").count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await page.locator("#code").focus();
    await page.keyboard.type(await codeSentTo(sandi, "ayu.pribadi@mail.example"));
    await page.keyboard.press("Enter");
    await page.waitForURL(/notice=saved/);
    expect(await page.locator("body").textContent()).toContain("You can reset your password");
    expect(await page.content()).not.toContain("ayu.pribadi@mail.example");
    await expectNoSeriousAxeViolations(page);

    await page.getByRole("link", { name: /Remove Email/ }).click();
    expect(await page.locator("[role=alert]").textContent()).toContain(
      "You will no longer be able to reset your password yourself",
    );
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Remove" }).click();
    await page.waitForURL(/notice=removed/);
    expect(await page.locator("body").textContent()).toContain("Not ready yet");
  });

  it("in Indonesian: an email address registered from the interrupt, then a step-up by code before a removal", async () => {
    const page = await pages.open();
    await signIn(sandi, page, "citra@contoh.example", "id");
    await page.getByRole("link", { name: "Tambahkan alamat email" }).click();
    await page.locator("#address").fill("citra.pribadi@mail.example");
    await page.getByRole("button", { name: "Kirim kode" }).click();
    await page.locator("#code").fill(await codeSentTo(sandi, "citra.pribadi@mail.example"));
    await page.getByRole("button", { name: "Verifikasi" }).click();
    await page.waitForURL(/notice=saved/);
    expect(await page.locator("body").textContent()).toContain("Tersimpan");
    await expectNoSeriousAxeViolations(page);
    // A new sign-in with a method on file is not fresh: removing asks for a code to the registered address first.
    await page.context().clearCookies();
    await signIn(sandi, page, "citra@contoh.example", "id");
    await page.goto(`${sandi.origin}/account/security-info?lang=id`);
    await page.getByRole("link", { name: /Hapus Email/ }).click();
    await page.waitForURL(/\/verify\?next=/);
    await expectNoSeriousAxeViolations(page);
    const codeMails = () =>
      sandi.smtp.messages.filter(
        (mail) => mail.envelopeTo.includes("citra.pribadi@mail.example") && /\b\d{8}\b/.test(mail.text),
      );
    const before = codeMails().length;
    await page.getByRole("button", { name: /c\*\*\*@m\*\*\*\.example/ }).click();
    await expect.poll(() => codeMails().length, { timeout: 15_000 }).toBeGreaterThan(before);
    await page.locator("#code").fill(/\b(\d{8})\b/.exec(codeMails().at(-1)?.text ?? "")?.[1] ?? "");
    await page.getByRole("button", { name: "Verifikasi" }).click();
    await page.waitForURL(/\/remove\?id=/);
    await page.getByRole("button", { name: "Hapus" }).click();
    await page.waitForURL(/notice=removed/);
    expect(await page.locator("body").textContent()).toContain("Belum siap");
  });

  it("in Indonesian: skip for now with the days left, and after the deadline no skip and My account waits", async () => {
    const page = await pages.open();
    await signIn(sandi, page, "bima@contoh.example", "id");
    expect(await page.locator("body").textContent()).toContain("Lewati dulu (sisa 7 hari)");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: /Lewati dulu/ }).click();
    await page.waitForURL(`${sandi.origin}/account`);

    // Eight days after the first interrupt the skip is gone, and My account leads back to the interrupt.
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await sandi.t.db
      .updateTable("account")
      .set({ registration_first_prompt_at: eightDaysAgo })
      .where(
        "entry_id",
        "in",
        sandi.t.db.selectFrom("directory_user").select("ref").where("user_id", "=", "bima@contoh.example"),
      )
      .execute();
    await page.context().clearCookies();
    await signIn(sandi, page, "bima@contoh.example", "id");
    expect(page.url()).toBe(`${sandi.origin}/account/security-info/register`);
    expect(await page.getByRole("button", { name: /Lewati dulu/ }).count()).toBe(0);
    await page.goto(`${sandi.origin}/account`);
    expect(page.url()).toBe(`${sandi.origin}/account/security-info/register`);
    await expectNoSeriousAxeViolations(page);
  });

  it("a helpdesk admin steps up with a code, resets a user's password and sees it once", async () => {
    const page = await pages.open();
    await signIn(sandi, page, HELPDESK_ADMIN.userId, "en");
    await page.goto(`${sandi.origin}/admin/users?q=eka`);
    // The admin pages ask for a second factor first (SPEC §2); passing it is also the step-up a change needs
    // within 10 minutes, so the confirmation then opens at once.
    await page.waitForURL(/\/verify\?next=/);
    await page.getByRole("button", { name: /@m\*\*\*\.example/ }).click();
    await page.locator("#code").fill(await codeSentTo(sandi, HELPDESK_ADMIN.verifiedEmail));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(/\/admin\/users\?q=eka$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: "eka@contoh.example" }).click();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: "Reset password" }).click();
    await page.waitForURL(/\/reset$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe("Temporary password for eka@contoh.example");
    expect(await page.locator("#temporary-password").textContent()).toHaveLength(16);
    await expectNoSeriousAxeViolations(page);
  });
});
