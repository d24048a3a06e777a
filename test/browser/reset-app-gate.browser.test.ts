/**
 * The authenticator app and a recovery code as reset gates in Chromium (issue 11), against the real parts: Sandi
 * on loopback with the real clock, the ALTCHA widget, the outbox worker and a real SMTP server. A two-gate reset with
 * the app (the test computes its code from the key it saved, as a phone would) and an emailed code; a reset with one
 * recovery code. Axe runs on every page; the CSP must hold throughout.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../../src/lib/crypto/totp.js";
import { saveApp, saveRecoveryCodes } from "../support/app-gate-rows.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const WORDS = {
  userId: "User ID",
  next: "Next",
  appMethod: "Enter a code from my authenticator app",
  emailMethod: "Email a code to me",
  recoveryMethod: "Use a recovery code",
  appPrompt: "Enter the 6-digit code your authenticator app shows now.",
  codeLabel: "Verification code",
  recoveryLabel: "Recovery code",
  verify: "Verify",
  sendCode: "Send code",
  passwordTitle: "Choose a new password",
  newPassword: "New password",
  confirmPassword: "Confirm new password",
  resetPassword: "Reset password",
  doneTitle: "Password reset",
  codeSubject: "Contoh Nusantara verification code",
} as const;

const gateTitle = (step: number, total: number) => `Verify your identity — step ${String(step)} of ${String(total)}`;

/** Waits for the page's <h1> and runs axe on it. */
async function arriveAt(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  await expectNoSeriousAxeViolations(page);
}

/** /reset, the user ID, the proof of work solved by the widget, then gate 1's method list. */
async function identify(sandi: ListeningSandi, page: Page, userId: string, gates: number): Promise<void> {
  await page.goto(`${sandi.origin}/reset`);
  await page.getByLabel(WORDS.userId).fill(userId);
  const payload = page.locator("input[name=altcha]");
  await expect.poll(() => payload.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
  await page.getByRole("button", { name: WORDS.next }).click();
  await page.waitForURL(`${sandi.origin}/reset/verify`);
  await arriveAt(page, gateTitle(1, gates));
}

async function choose(page: Page, method: string): Promise<void> {
  await page.getByRole("radio", { name: method }).check();
  await page.getByRole("button", { name: WORDS.next }).click();
}

/** The new password, then the done page. */
async function setPassword(page: Page, password: string): Promise<void> {
  await arriveAt(page, WORDS.passwordTitle);
  await page.getByLabel(WORDS.newPassword, { exact: true }).fill(password);
  await page.getByLabel(WORDS.confirmPassword).fill(password);
  await page.getByRole("button", { name: WORDS.resetPassword }).click();
  await arriveAt(page, WORDS.doneTitle);
}

describe("the authenticator app and a recovery code at the reset gate, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "methods.authenticatorApp": "on", "methods.recoveryCodes": "on" });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a two-gate reset: the app's current code at gate 1, then an emailed code to the masked address at gate 2", async () => {
    await sandi.t.seed.policy({ methodsToRegister: "2", methodsToReset: "2" });
    const userId = "putri.maharani@contoh.example";
    const address = "putri@mail.example";
    await sandi.t.seed.user({ userId, verifiedEmail: address });
    const { secret } = await saveApp(sandi.t, userId, "Work phone");
    const page = await pages.open();
    await identify(sandi, page, userId, 2);

    await choose(page, WORDS.appMethod);
    await expect.poll(() => page.getByLabel(WORDS.codeLabel).count()).toBe(1);
    await arriveAt(page, gateTitle(1, 2));
    expect(await page.locator("main").innerText()).toContain(WORDS.appPrompt);
    expect(await page.getByLabel(WORDS.codeLabel).getAttribute("inputmode")).toBe("numeric");
    await page.getByLabel(WORDS.codeLabel).fill(totpCodeAt(secret, new Date()));
    await page.getByRole("button", { name: WORDS.verify, exact: true }).click();

    await arriveAt(page, gateTitle(2, 2));
    // Gate 2 names the address it will send to, masked (SPEC §6.6).
    await choose(page, "Email a code to p***@m***.example");
    await expect.poll(() => page.getByRole("button", { name: WORDS.sendCode }).count()).toBe(1);
    await arriveAt(page, gateTitle(2, 2));
    expect(await page.locator("main").innerText()).toContain("p***@m***.example");
    await page.getByRole("button", { name: WORDS.sendCode }).click();
    await expect.poll(() => page.getByLabel(WORDS.codeLabel).count()).toBe(1);
    await arriveAt(page, gateTitle(2, 2));
    const mail = await sandi.smtp.waitForMessage(
      (message) => message.envelopeTo.includes(address) && message.subject === WORDS.codeSubject,
      10_000,
    );
    await page.getByLabel(WORDS.codeLabel).fill(/\b(\d{8})\b/.exec(mail.text)?.[1] ?? "");
    await page.getByRole("button", { name: WORDS.verify, exact: true }).click();

    await setPassword(page, "Kopi-Susu-Gula-Aren-2026");
  });

  it("a reset with one recovery code, typed as printed", async () => {
    await sandi.t.seed.policy({ methodsToReset: "1" });
    const userId = "rudi.hartono@contoh.example";
    await sandi.t.seed.user({ userId, verifiedEmail: "rudi@mail.example" });
    const { codes } = await saveRecoveryCodes(sandi.t, userId);
    const page = await pages.open();
    await identify(sandi, page, userId, 1);

    await choose(page, WORDS.recoveryMethod);
    await expect.poll(() => page.getByLabel(WORDS.recoveryLabel).count()).toBe(1);
    await arriveAt(page, gateTitle(1, 1));
    const field = page.getByLabel(WORDS.recoveryLabel);
    expect(await field.getAttribute("inputmode")).toBeNull();
    expect(await field.getAttribute("aria-describedby")).toBe("code-hint");
    await field.fill(codes[0] ?? "");
    await page.getByRole("button", { name: WORDS.verify, exact: true }).click();

    await setPassword(page, "Nasi-Goreng-Kampung-2026");
  });
});
