/**
 * Issue 9 item 8 in Chromium: field errors that take the focus, the resend countdown, one clickable row per method,
 * the sessions list at 375 px, the demo mailbox, and a focus ring that can be seen; axe on every page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const BUDI = { userId: "budi.santoso@contoh.example", verifiedEmail: "budi@mail.example", firstName: "Budi" };
const PUTRI = { userId: "putri.maharani@contoh.example", password: "Old-Password-2026" };

/** WCAG relative luminance contrast of two `rgb(r, g, b)` colours. */
function contrast(first: string, second: string): number {
  const luminance = (rgb: string): number => {
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

async function toCodePage(sandi: ListeningSandi, page: Page): Promise<void> {
  await page.goto(`${sandi.origin}/reset`);
  await page.fill("#userId", BUDI.userId);
  await expect.poll(() => page.inputValue("input[name=altcha]"), { timeout: 15_000 }).not.toBe("");
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(`${sandi.origin}/reset/verify`);
  await page.getByRole("radio", { name: "Email a code to me" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect.poll(() => page.locator("#address").count()).toBe(1);
  await page.fill("#address", BUDI.verifiedEmail);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect.poll(() => page.locator("#code").count()).toBe(1);
}

describe("pages a newcomer can finish, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    // The registration interrupt has its own browser test (security-info); these pages come after it.
    await sandi.t.seed.policy({
      scope: "all",
      "helpdesk.mode": "email",
      "helpdesk.target": "helpdesk@contoh.example",
      "registration.requiredAtSignIn": "off",
      // Email is these pages' gate, first and chosen by default: texts (on by default, SPEC §3) would come first.
      "methods.mobileSms": "off",
    });
    await sandi.t.seed.user({ ...BUDI, lastName: "Santoso", password: "Old-Password-2026" });
    await sandi.t.seed.user({ ...PUTRI, firstName: "Putri", lastName: "Maharani" });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("the method choice is one row: radio and words on one line, and a click anywhere on the row picks it", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/reset`);
    await page.fill("#userId", BUDI.userId);
    await expect.poll(() => page.inputValue("input[name=altcha]"), { timeout: 15_000 }).not.toBe("");
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(`${sandi.origin}/reset/verify`);
    const row = page.locator("label.choice").first();
    const radio = row.locator("input[type=radio]");
    const [rowBox, radioBox, textBox] = await Promise.all([
      row.boundingBox(),
      radio.boundingBox(),
      row.locator("span").boundingBox(),
    ]);
    expect(rowBox?.height).toBeGreaterThanOrEqual(44);
    // Same line: the radio's middle lies within the words' line box.
    const radioMiddle = (radioBox?.y ?? 0) + (radioBox?.height ?? 0) / 2;
    expect(radioMiddle).toBeGreaterThan(textBox?.y ?? 0);
    expect(radioMiddle).toBeLessThan((textBox?.y ?? 0) + (textBox?.height ?? 0));
    await page.evaluate("document.querySelector('label.choice input[type=radio]').checked = false");
    expect(await radio.isChecked()).toBe(false);
    await row.click({ position: { x: (rowBox?.width ?? 0) - 10, y: 10 } });
    expect(await radio.isChecked()).toBe(true);
    await expectNoSeriousAxeViolations(page);
  });

  it("a wrong code moves focus to the error summary, which links to the field showing the error", async () => {
    const page = await pages.open();
    await toCodePage(sandi, page);
    await page.fill("#code", "00000000");
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("error-summary");
    expect(await page.getAttribute("#code", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#code", "aria-describedby")).toBe("code-error");
    expect(await page.locator("#code-error").isVisible()).toBe(true);
    expect(await page.evaluate("getComputedStyle(document.getElementById('code')).borderTopColor")).toBe(
      "rgb(164, 22, 26)",
    );
    await page.locator("#error-summary a").click();
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("code");
    await expectNoSeriousAxeViolations(page);
  });

  it("'Didn't get it?' appears after 10 s and the resend button counts down to 30 s", async () => {
    const page = await pages.open();
    await page.clock.install();
    await toCodePage(sandi, page);
    const help = page.locator("#code-help");
    const resend = page.locator("#resend-button");
    // sandi.js is deferred: it runs before DOMContentLoaded, and only then is the help hidden for its 10 s.
    await page.waitForLoadState("domcontentloaded");
    expect(await help.isVisible()).toBe(false);
    await page.clock.runFor(10_500);
    expect(await help.isVisible()).toBe(true);
    await help.locator("summary").click();
    expect(await resend.isDisabled()).toBe(true);
    expect(await page.locator("#resend-wait").textContent()).toMatch(/You can ask for a new code in (19|20) s\./);
    await page.clock.runFor(20_000);
    expect(await resend.isEnabled()).toBe(true);
    expect(await page.locator("#resend-wait").textContent()).toBe("");
    await expectNoSeriousAxeViolations(page);
  });

  it("at 375 px the sessions list stacks as cards and every button is on screen; the focus ring shows on white", async () => {
    const other = await pages.open();
    await other.goto(`${sandi.origin}/signin`);
    await other.fill("#userId", PUTRI.userId);
    await other.fill("#password", PUTRI.password);
    await other.press("#password", "Enter");
    await other.waitForURL(`${sandi.origin}/account`);
    const page = await pages.open();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${sandi.origin}/signin`);
    await page.fill("#userId", PUTRI.userId);
    await page.fill("#password", PUTRI.password);
    await page.press("#password", "Enter");
    await page.waitForURL(`${sandi.origin}/account`);
    const end = page.getByRole("button", { name: /^End the session of/ });
    expect(await end.textContent()).toBe("End session");
    expect(await page.evaluate("getComputedStyle(document.querySelectorAll('table.stack tr')[1]).display")).toBe(
      "block",
    );
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    for (const box of await Promise.all((await page.locator("button").all()).map((button) => button.boundingBox())))
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 999) <= 375).toBe(true);
    await end.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab"); // a keyboard focus, so :focus-visible applies
    const ring = String(await page.evaluate("getComputedStyle(document.activeElement).outlineColor"));
    expect(String(await page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))).toBe("solid");
    expect(contrast(ring, "rgb(255, 255, 255)")).toBeGreaterThanOrEqual(3);
    await expectNoSeriousAxeViolations(page);
  });

  it("the demo mailbox wraps long lines at 375 px and lists what was not sent; axe finds nothing serious", async () => {
    const page = await pages.open();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${sandi.origin}/dev/outbox`);
    expect(await page.getByRole("heading", { name: "Not sent" }).count()).toBe(1);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await expectNoSeriousAxeViolations(page);
  });
});
