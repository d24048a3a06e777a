/**
 * Issue 11 item 8 in Chromium: from a reset page a user opens the helpdesk form (its user ID and support code filled
 * in), the real proof-of-work widget solves its challenge, and the message reaches the Helpdesk and Password admins
 * through the worker and a real SMTP server, and no other admin. A refusal keeps the text. Axe on every page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const BUDI = { userId: "budi.santoso@contoh.example", verifiedEmail: "budi@mail.example" };
const ADMINS = [
  { userId: "dewi@contoh.example", role: "helpdesk_admin" },
  { userId: "agus@contoh.example", role: "password_admin" },
  { userId: "rudi@contoh.example", role: "user_admin" },
  { userId: "ayu@contoh.example", role: "global_admin" },
] as const;

async function arriveAt(page: Page, title: string, lang: "en" | "id" = "en"): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe(lang);
  await expectNoSeriousAxeViolations(page);
}

async function waitForCaptcha(page: Page): Promise<void> {
  const payload = page.locator("input[name=altcha]");
  await expect.poll(() => payload.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
}

describe("the helpdesk form in Chromium (real widget, real SMTP, real clock)", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...BUDI, password: "Old-Password-2026" });
    for (const admin of ADMINS)
      await sandi.t.seed.user({ userId: admin.userId, directoryEmail: admin.userId, roles: [admin.role] });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("sends a message from a reset page to the Helpdesk and Password admins, with the flow's ID and support code", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/reset`);
    await page.getByLabel("User ID").fill(BUDI.userId);
    await waitForCaptcha(page);
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(`${sandi.origin}/reset/verify`);
    const supportCode = (await page.locator("footer .support strong").textContent()) ?? "";
    await page.getByRole("contentinfo").getByRole("link", { name: "Contact the helpdesk" }).click();

    await arriveAt(page, "Contact the helpdesk");
    expect(await page.getByLabel("Your user ID").inputValue()).toBe(BUDI.userId);
    expect(await page.getByLabel("Support code (if you have one)").inputValue()).toBe(supportCode);
    await page.getByLabel("Email address for the reply").fill("budi.home@mail.example");
    await page.getByLabel("Your message").fill("I lost my phone and my email is locked too.");
    await waitForCaptcha(page);
    await page.getByRole("button", { name: "Send to the helpdesk" }).click();

    await arriveAt(page, "Message sent");
    expect(await page.getByRole("status").textContent()).toContain("Your message is on its way to the helpdesk.");
    const subject = `Helpdesk request from ${BUDI.userId}`;
    for (const admin of ["dewi@contoh.example", "agus@contoh.example"]) {
      const mail = await sandi.smtp.waitForMessage(
        (message) => message.envelopeTo.includes(admin) && message.subject === subject,
        15_000,
      );
      expect(mail.text).toContain(`Support code: ${supportCode}`);
      expect(mail.text).toContain("Reply to: budi.home@mail.example");
      expect(mail.text).toContain("I lost my phone and my email is locked too.");
    }
    const others = sandi.smtp.messages.filter(
      (message) =>
        message.subject === subject &&
        (message.envelopeTo.includes("rudi@contoh.example") || message.envelopeTo.includes("ayu@contoh.example")),
    );
    expect(others).toEqual([]);
  });

  it("keeps a message over 1,000 characters on the page, says so, and takes the focus to the problem (Indonesian)", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/help/contact?lang=id`);
    await arriveAt(page, "Hubungi meja bantuan", "id");
    await page.getByLabel("Alamat email untuk balasan").fill("siti@mail.example");
    await page.getByLabel("ID pengguna Anda").fill("siti@contoh.example");
    const long = `${"Tolong bantu saya. ".repeat(60)}Terima kasih.`;
    await page.getByLabel("Pesan Anda").fill(long);
    await waitForCaptcha(page);
    await page.getByLabel("Pesan Anda").press("Tab");
    await page.getByRole("button", { name: "Kirim ke meja bantuan" }).click();

    await arriveAt(page, "Hubungi meja bantuan", "id");
    expect(await page.getByRole("alert").first().textContent()).toContain(
      "Persingkat menjadi paling banyak 1.000 karakter",
    );
    expect(await page.getByLabel("Pesan Anda").inputValue()).toBe(long);
    expect(await page.getByLabel("ID pengguna Anda").inputValue()).toBe("siti@contoh.example");
    // sandi.js moves the focus to the error summary, whose link leads to the field.
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("error-summary");
  });
});
