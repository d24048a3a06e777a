/**
 * Issue 11 item 10 in Chromium: `/help` in English and Indonesian, reached from any page's footer by keyboard, each
 * answer under an anchor a page can link to; axe on each page, no CSP violation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

describe("the help page in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("opens from the sign-in page's footer by keyboard and jumps to an answer", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/signin`);
    const helpLink = page.getByRole("contentinfo").getByRole("link", { name: "Help", exact: true });
    await helpLink.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${sandi.origin}/help`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Help with your password");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectNoSeriousAxeViolations(page);
    expect(await page.locator("main section h2").count()).toBe(13);
    await page.getByRole("link", { name: "I didn't get a code. What now?" }).click();
    await page.waitForURL(`${sandi.origin}/help#no-code`);
    expect(await page.locator("#no-code").isVisible()).toBe(true);
  });

  it("answers in Indonesian", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/help?lang=id`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Bantuan kata sandi");
    expect(await page.locator("html").getAttribute("lang")).toBe("id");
    await expectNoSeriousAxeViolations(page);
    expect(await page.locator("#blocked").textContent()).toBe(
      "Mengapa pengaturan ulang kata sandi dihentikan sementara selama 24 jam?",
    );
    expect(await page.getByRole("contentinfo").getByRole("link", { name: "Hubungi meja bantuan" }).count()).toBe(1);
  });

  it("a failure page explains itself with the helpdesk link and the code, and passes axe", async () => {
    await sandi.t.seed.policy({ scope: "none" });
    const page = await pages.open();
    await page.goto(`${sandi.origin}/reset`);
    await page.getByLabel("User ID").fill("budi@contoh.example");
    await expect.poll(() => page.inputValue("input[name=altcha]"), { timeout: 15_000 }).not.toBe("");
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator(".user-error").count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(page);
    const explanation = page.locator(".user-error");
    expect(await explanation.textContent()).toContain(
      "Self-service password reset isn't available for Contoh Nusantara",
    );
    expect(await explanation.textContent()).toContain("Code for the helpdesk: SND-104");
    await explanation.getByRole("link", { name: "Contact the helpdesk" }).click();
    await page.waitForURL(`${sandi.origin}/help/contact`);
    await sandi.t.seed.policy({ scope: "all" });
  });
});
