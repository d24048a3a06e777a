/**
 * Issue 11 item 3 in Chromium against the real parts (Sandi listening on loopback, the real clock, the real ALTCHA
 * widget, the outbox worker delivering to a real SMTP server), with axe on every page and no CSP violation: a locked
 * user follows "Unlock my account" from the sign-in page, unlocks, and signs in with the current password; later,
 * not locked, the same choice ends in NOT_LOCKED and "Reset my password instead" sets a new password with no new gate.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import type { ReceivedMessage } from "../support/services/smtp-test-server.js";
import { lockBySignInFailures, UNLOCK_TEST_CONFIG } from "../support/unlock-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

interface Person {
  readonly userId: string;
  readonly verifiedEmail: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly password: string;
  readonly newPassword: string;
}

const RINA: Person = {
  userId: "rina.wati@contoh.example",
  verifiedEmail: "rina@mail.example",
  firstName: "Rina",
  lastName: "Wati",
  password: "Teh-Manis-Hangat-2026",
  newPassword: "Es-Cendol-Durian-Segar",
};
const DEWI: Person = {
  userId: "dewi.sartika@contoh.example",
  verifiedEmail: "dewi@mail.example",
  firstName: "Dewi",
  lastName: "Sartika",
  password: "Bajigur-Panas-Malam-2026",
  newPassword: "Wedang-Jahe-Gula-Batu",
};

const WORDS = {
  signInTitle: "Sign in",
  signInFailed: "or choose “Unlock my account” below.",
  unlockLink: "Unlock my account",
  identifyTitle: "Can't access your account?",
  userId: "User ID",
  next: "Next",
  actionTitle: "What do you need to do?",
  resetOption: "I forgot my password",
  unlockOption: "I know my password, but my account is locked",
  gateTitle: "Verify your identity — step 1 of 1",
  emailMethod: "Email a code to me",
  address: "Email address",
  sendCode: "Send code",
  codeLabel: "Verification code",
  verify: "Verify",
  doneUnlockTitle: "Account unlocked",
  doneUnlockMessage: "Your account is unlocked. Sign in with your current password.",
  notLockedTitle: "Your account isn't locked",
  resetInstead: "Reset my password instead",
  passwordTitle: "Choose a new password",
  newPassword: "New password",
  confirmPassword: "Confirm new password",
  resetPassword: "Reset password",
  doneTitle: "Password reset",
  password: "Password",
  signInButton: "Sign in",
  accountTitle: "My account",
  codeSubject: "Contoh Nusantara verification code",
};

async function arriveAt(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  await expectNoSeriousAxeViolations(page);
}

async function waitForCaptcha(page: Page): Promise<void> {
  const payload = page.locator("input[name=altcha]");
  await expect.poll(() => payload.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
}

async function signIn(page: Page, origin: string, person: Person, password: string): Promise<void> {
  await page.goto(`${origin}/signin`);
  await arriveAt(page, WORDS.signInTitle);
  await page.getByLabel(WORDS.userId).fill(person.userId);
  await page.getByLabel(WORDS.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: WORDS.signInButton, exact: true }).click();
}

describe("unlock only, and NOT_LOCKED → reset instead, in Chromium (real widget, real SMTP, real clock)", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();
  const seen = new Set<ReceivedMessage>();

  /** The newest code mailed to `person` that no earlier step read. */
  async function nextCode(person: Person): Promise<string> {
    const message = await sandi.smtp.waitForMessage(
      (mail) => mail.envelopeTo.includes(person.verifiedEmail) && mail.subject === WORDS.codeSubject && !seen.has(mail),
      10_000,
    );
    seen.add(message);
    return /\b(\d{8})\b/.exec(message.text)?.[1] ?? "";
  }

  /** From the choice page: chooses unlock, passes the email gate, and waits for the page after it. */
  async function chooseAndPassGate(page: Page, person: Person, next: string): Promise<void> {
    await arriveAt(page, WORDS.actionTitle);
    await page.getByRole("radio", { name: WORDS.unlockOption }).check();
    await page.getByRole("button", { name: WORDS.next }).click();
    await arriveAt(page, WORDS.gateTitle);
    await page.getByRole("radio", { name: WORDS.emailMethod }).check();
    await page.getByRole("button", { name: WORDS.next }).click();
    await expect.poll(() => page.getByLabel(WORDS.address).count()).toBe(1);
    await page.getByLabel(WORDS.address).fill(person.verifiedEmail);
    await page.getByRole("button", { name: WORDS.sendCode }).click();
    await expect.poll(() => page.getByLabel(WORDS.codeLabel).count()).toBe(1);
    await arriveAt(page, WORDS.gateTitle);
    await page.getByLabel(WORDS.codeLabel).fill(await nextCode(person));
    await page.getByRole("button", { name: WORDS.verify, exact: true }).click();
    await arriveAt(page, next);
  }

  beforeAll(async () => {
    sandi = await startListeningSandi(UNLOCK_TEST_CONFIG);
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", unlockWithoutReset: "yes" });
    for (const person of [RINA, DEWI]) await sandi.t.seed.user({ ...person, directoryEmail: person.userId });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a locked user follows “Unlock my account”, unlocks, and signs in with the current password", async () => {
    await lockBySignInFailures(sandi.t, RINA.userId, "10.10.0.9");
    const page = await pages.open();

    // Locked: the right password gets the shared message, which names "Unlock my account".
    await signIn(page, sandi.origin, RINA, RINA.password);
    await expect.poll(() => page.locator("#signin-error").textContent()).toContain(WORDS.signInFailed);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: WORDS.unlockLink, exact: true }).click();
    await page.waitForURL(`${sandi.origin}/reset?action=unlock`);
    await arriveAt(page, WORDS.identifyTitle);
    await page.getByLabel(WORDS.userId).fill(RINA.userId);
    await waitForCaptcha(page);
    await page.getByRole("button", { name: WORDS.next }).click();

    await page.waitForURL(`${sandi.origin}/reset/verify?action=unlock`);
    await arriveAt(page, WORDS.actionTitle);
    expect(await page.getByRole("radio", { name: WORDS.unlockOption }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: WORDS.resetOption }).isChecked()).toBe(false);
    await chooseAndPassGate(page, RINA, WORDS.doneUnlockTitle);
    expect(await page.getByRole("status").textContent()).toContain(WORDS.doneUnlockMessage);
    await page.getByRole("link", { name: WORDS.signInButton, exact: true }).click();
    await page.waitForURL(`${sandi.origin}/signin`);
    await page.getByLabel(WORDS.userId).fill(RINA.userId);
    await page.getByLabel(WORDS.password, { exact: true }).fill(RINA.password);
    // Keyboard only: Enter in the password field submits the form.
    await page.getByLabel(WORDS.password, { exact: true }).press("Enter");
    await page.waitForURL(`${sandi.origin}/account`);
    await arriveAt(page, WORDS.accountTitle);
  });

  it("a user who is not locked gets NOT_LOCKED, and “Reset my password instead” needs no new gate", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/reset`);
    await arriveAt(page, WORDS.identifyTitle);
    await page.getByLabel(WORDS.userId).fill(DEWI.userId);
    await waitForCaptcha(page);
    await page.getByRole("button", { name: WORDS.next }).click();
    await chooseAndPassGate(page, DEWI, WORDS.notLockedTitle);
    await page.getByRole("button", { name: WORDS.resetInstead }).click();
    await arriveAt(page, WORDS.passwordTitle);
    await page.getByLabel(WORDS.newPassword, { exact: true }).fill(DEWI.newPassword);
    await page.getByLabel(WORDS.confirmPassword).fill(DEWI.newPassword);
    await page.getByRole("button", { name: WORDS.resetPassword }).click();
    await arriveAt(page, WORDS.doneTitle);

    await signIn(page, sandi.origin, DEWI, DEWI.newPassword);
    await page.waitForURL(`${sandi.origin}/account`);
    await arriveAt(page, WORDS.accountTitle);
  });
});
