/**
 * Issue 3 item 16: a user walks the whole email reset journey in Chromium against the real parts (Sandi listening on
 * loopback, the real clock, the real ALTCHA widget solving its proof of work, the outbox worker delivering to a real
 * SMTP server), in English and in Indonesian, with axe on every page and no CSP violation in the console.
 */
import {} from "../support/seed.js";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

/** What the user reads and clicks, per language (the catalogs' words, so a changed label fails here first). */
interface JourneyWords {
  readonly lang: "en" | "id";
  readonly signInTitle: string;
  readonly cantAccess: string;
  readonly userId: string;
  readonly noScript: string;
  readonly next: string;
  readonly gateTitle: string;
  readonly emailMethod: string;
  readonly address: string;
  readonly sendCode: string;
  readonly codeSent: string;
  readonly codeLabel: string;
  readonly verify: string;
  readonly passwordTitle: string;
  readonly lengthRule: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
  readonly resetPassword: string;
  readonly doneTitle: string;
  readonly doneMessage: string;
  readonly signInLink: string;
  readonly password: string;
  readonly signInButton: string;
  readonly accountTitle: string;
  readonly codeSubject: string;
  readonly noticeSubject: string;
}

const EN: JourneyWords = {
  lang: "en",
  signInTitle: "Sign in",
  cantAccess: "Can't access your account?",
  userId: "User ID",
  noScript: "This page needs cookies and JavaScript. Turn them on and reload the page, or try another browser.",
  next: "Next",
  gateTitle: "Verify your identity — step 1 of 1",
  emailMethod: "Email a code to me",
  address: "Email address",
  sendCode: "Send code",
  codeSent: "a code of 8 digits",
  codeLabel: "Verification code",
  verify: "Verify",
  passwordTitle: "Choose a new password",
  lengthRule: "At least 8 characters",
  newPassword: "New password",
  confirmPassword: "Confirm new password",
  resetPassword: "Reset password",
  doneTitle: "Password reset",
  doneMessage: "Your password has been reset. You can sign in now.",
  signInLink: "Sign in",
  password: "Password",
  signInButton: "Sign in",
  accountTitle: "My account",
  codeSubject: "Contoh Nusantara verification code",
  noticeSubject: "Your Contoh Nusantara password was reset",
};

const ID: JourneyWords = {
  lang: "id",
  signInTitle: "Masuk",
  cantAccess: "Tidak dapat mengakses akun Anda?",
  userId: "ID pengguna",
  noScript:
    "Halaman ini memerlukan cookie dan JavaScript. Aktifkan keduanya, lalu muat ulang halaman, atau coba peramban lain.",
  next: "Berikutnya",
  gateTitle: "Verifikasi identitas Anda — langkah 1 dari 1",
  emailMethod: "Kirim kode ke email saya",
  address: "Alamat email",
  sendCode: "Kirim kode",
  codeSent: "kode verifikasi 8 digit",
  codeLabel: "Kode verifikasi",
  verify: "Verifikasi",
  passwordTitle: "Pilih kata sandi baru",
  lengthRule: "Minimal 8 karakter",
  newPassword: "Kata sandi baru",
  confirmPassword: "Konfirmasi kata sandi baru",
  resetPassword: "Atur ulang kata sandi",
  doneTitle: "Kata sandi telah diatur ulang",
  doneMessage: "Kata sandi Anda telah diatur ulang. Sekarang Anda dapat masuk.",
  signInLink: "Masuk",
  password: "Kata sandi",
  signInButton: "Masuk",
  accountTitle: "Akun saya",
  codeSubject: "Kode verifikasi Contoh Nusantara",
  noticeSubject: "Kata sandi Contoh Nusantara Anda telah diatur ulang",
};

interface Person {
  readonly userId: string;
  readonly verifiedEmail: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly newPassword: string;
}

const BUDI: Person = {
  userId: "budi.santoso@contoh.example",
  verifiedEmail: "budi@mail.example",
  firstName: "Budi",
  lastName: "Santoso",
  newPassword: "Kopi-Tubruk-di-Pagi-Hari",
};
const ADMIN = {
  userId: "ayu.lestari@contoh.example",
  firstName: "Ayu",
  lastName: "Lestari",
  password: "Admin-Password-2026",
};

const SITI: Person = {
  userId: "siti.rahayu@contoh.example",
  verifiedEmail: "siti@mail.example",
  firstName: "Siti",
  lastName: "Rahayu",
  newPassword: "Nasi-Uduk-Sore-Ini-42",
};

/** Waits for the page's <h1>, checks the document language, and runs axe on it. */
async function arriveAt(page: Page, words: JourneyWords, title: string): Promise<void> {
  // A cold browser's first page can take seconds on a busy machine; expect.poll's default is one second.
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
  await expectNoSeriousAxeViolations(page);
}

/** The ALTCHA widget solves its challenge on load; the payload lands in the hidden `altcha` field. */
async function waitForCaptcha(page: Page): Promise<void> {
  const payload = page.locator("input[name=altcha]");
  await expect.poll(() => payload.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
}

/** The 8-digit code the SMTP server received for `address` in a message with `subject`. */
async function codeFromSmtp(sandi: ListeningSandi, address: string, subject: string): Promise<string> {
  const message = await sandi.smtp.waitForMessage(
    (mail) => mail.envelopeTo.includes(address) && mail.subject === subject,
    10_000,
  );
  const code = /\b(\d{8})\b/.exec(message.text)?.[1];
  expect(code, `no 8-digit code in:\n${message.text}`).toMatch(/^\d{8}$/);
  return code ?? "";
}

async function walkJourney(sandi: ListeningSandi, page: Page, words: JourneyWords, person: Person): Promise<void> {
  await page.goto(`${sandi.origin}/signin${words.lang === "en" ? "" : `?lang=${words.lang}`}`);
  await arriveAt(page, words, words.signInTitle);

  await page.getByRole("link", { name: words.cantAccess }).click();
  await page.waitForURL(`${sandi.origin}/reset`);
  await page.getByLabel(words.userId).fill(person.userId);
  await waitForCaptcha(page);
  expect(await page.locator("main").innerText()).not.toContain(words.noScript);
  await arriveAt(page, words, words.cantAccess);
  await page.getByRole("button", { name: words.next }).click();

  await page.waitForURL(`${sandi.origin}/reset/verify`);
  await arriveAt(page, words, words.gateTitle);
  await page.getByRole("radio", { name: words.emailMethod }).check();
  await page.getByRole("button", { name: words.next }).click();

  await expect.poll(() => page.getByLabel(words.address).count()).toBe(1);
  await arriveAt(page, words, words.gateTitle);
  await page.getByLabel(words.address).fill(person.verifiedEmail);
  await page.getByRole("button", { name: words.sendCode }).click();

  await expect.poll(() => page.getByLabel(words.codeLabel).count()).toBe(1);
  expect(await page.getByRole("status").textContent()).toContain(words.codeSent);
  await arriveAt(page, words, words.gateTitle);
  const code = await codeFromSmtp(sandi, person.verifiedEmail, words.codeSubject);
  await page.getByLabel(words.codeLabel).fill(code);
  await page.getByRole("button", { name: words.verify, exact: true }).click();

  await arriveAt(page, words, words.passwordTitle);
  // The rules are shown before anything is typed, and the new-password field points at them.
  expect(await page.locator("#rules").textContent()).toContain(words.lengthRule);
  expect(await page.getByLabel(words.newPassword, { exact: true }).getAttribute("aria-describedby")).toBe("rules");
  await page.getByLabel(words.newPassword, { exact: true }).fill(person.newPassword);
  await page.getByLabel(words.confirmPassword).fill(person.newPassword);
  await page.getByRole("button", { name: words.resetPassword }).click();

  await arriveAt(page, words, words.doneTitle);
  expect(await page.getByRole("status").textContent()).toContain(words.doneMessage);
  // SPEC §9.1: the "password was reset" notice goes out through the same worker and SMTP, in the user's language.
  await sandi.smtp.waitForMessage(
    (mail) => mail.envelopeTo.includes(person.verifiedEmail) && mail.subject === words.noticeSubject,
    10_000,
  );
  await page.getByRole("link", { name: words.signInLink, exact: true }).click();

  await page.waitForURL(`${sandi.origin}/signin`);
  await arriveAt(page, words, words.signInTitle);
  await page.getByLabel(words.userId).fill(person.userId);
  await page.getByLabel(words.password, { exact: true }).fill(person.newPassword);
  // Keyboard only: Enter in the password field submits the form.
  await page.getByLabel(words.password, { exact: true }).press("Enter");

  await page.waitForURL(`${sandi.origin}/account`);
  await arriveAt(page, words, words.accountTitle);
  expect(await page.locator("dl.profile").textContent()).toContain(person.userId);
}

describe("the reset journey in Chromium (real widget, real SMTP, real clock)", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "helpdesk.mode": "email", "helpdesk.target": "helpdesk@contoh.example" });
    for (const person of [BUDI, SITI])
      await sandi.t.seed.user({ ...person, password: "Old-Password-2026", directoryEmail: person.userId });
    // An admin needs two non-question methods before anything else (SPEC §5.2).
    await sandi.t.seed.user({ ...ADMIN, roles: ["global_admin"], verifiedEmail: "ayu@mail.example", passkey: true });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("resets a forgotten password by email code and signs in with it, in English", async () => {
    const page = await pages.open();
    await walkJourney(sandi, page, EN, BUDI);
  });

  it("walks the same journey in Indonesian, from ?lang=id", async () => {
    const page = await pages.open();
    await walkJourney(sandi, page, ID, SITI);
  });

  it("explains SND-111 in <noscript> when JavaScript is off", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    await page.goto(`${sandi.origin}/reset`);
    // Playwright's text selectors skip <noscript>, so read the element itself.
    const explanation = page.locator("main noscript > p");
    expect(await explanation.isVisible()).toBe(true);
    expect(await explanation.innerText()).toBe(EN.noScript);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(EN.cantAccess);
    await page.goto(`${sandi.origin}/reset?lang=id`);
    expect(await explanation.innerText()).toBe(ID.noScript);
  });

  it("an admin reaches the admin overview and change password from My account by keyboard; axe finds nothing serious", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/signin`);
    await page.getByLabel("User ID").fill(ADMIN.userId);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${sandi.origin}/account`);
    await page.getByRole("link", { name: "Administration" }).focus();
    await page.keyboard.press("Enter");
    // The admin pages ask for a second factor after the password (SPEC §2): a code to the admin's email, by keyboard.
    await page.waitForURL(/\/account\/security-info\/verify\?next=%2Fadmin$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: /@m\*\*\*\.example/ }).focus();
    await page.keyboard.press("Enter");
    const mail = await sandi.smtp.waitForMessage((message) => message.envelopeTo.includes("ayu@mail.example"), 10_000);
    await page.locator("#code").fill(/\b(\d{8})\b/.exec(mail.text)?.[1] ?? "");
    await page.locator("#code").press("Enter");
    await page.waitForURL(`${sandi.origin}/admin`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Administration");
    await expect.poll(() => page.getByRole("region", { name: "Recent audit events" }).count()).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${sandi.origin}/account/password`);
    await page.getByLabel("Current password").fill("not-the-password");
    await page.getByLabel("New password", { exact: true }).fill("Kopi-Tubruk-Pagi-77");
    await page.getByLabel("Type the new password again").fill("Kopi-Tubruk-Pagi-77");
    await page.getByLabel("Type the new password again").press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("That isn't your current password.");
    await expectNoSeriousAxeViolations(page);
  });

  it("notices a CSP violation in the console (the guard every journey runs under)", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/signin`);
    // CDP's evaluate is exempt from the CSP; the inline script it appends is not.
    await page.evaluate(
      "document.body.appendChild(Object.assign(document.createElement('script'), { textContent: 'void 0' }))",
    );
    await expect.poll(() => pages.log?.cspViolations().length).toBe(1);
    pages.log?.lines.splice(0);
  });
});
