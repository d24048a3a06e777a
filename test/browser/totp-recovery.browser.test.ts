/**
 * The authenticator app and recovery codes in Chromium, in English and in Indonesian (issue 10): a user names an
 * app, reads the setup key off the page (the test computes the app's code from it, as a phone would), saves it, then
 * steps up with the app's next code to create recovery codes, copies them and downloads them as text. Axe runs on
 * every page; the CSP must hold throughout.
 */
import { readFileSync } from "node:fs";
import { ScureBase32Plugin } from "otplib";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../../src/lib/crypto/totp.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
const ORG = "Contoh Nusantara";
const CODE_SHAPE = /^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/;

interface Words {
  readonly lang: "en" | "id";
  readonly userId: string;
  readonly password: string;
  readonly signIn: string;
  readonly signOut: string;
  readonly addApp: string;
  readonly appName: string;
  readonly appLabel: string;
  readonly next: string;
  readonly scanTitle: string;
  readonly firstCode: string;
  readonly verifyAndSave: string;
  readonly securityInfo: string;
  readonly confirmTitle: string;
  readonly useApp: string;
  readonly appCodeTitle: string;
  readonly appCode: string;
  readonly recoveryTitle: string;
  readonly createCodes: string;
  readonly shownTitle: string;
  readonly copy: string;
  readonly copied: string;
  readonly download: string;
  readonly fileHeading: string;
  readonly codesLeft: string;
}

const ENGLISH: Words = {
  lang: "en",
  userId: "User ID",
  password: "Password",
  signIn: "Sign in",
  signOut: "Sign out",
  addApp: "Add an authenticator app",
  appName: "Name for this app",
  appLabel: "Work phone",
  next: "Continue",
  scanTitle: "Connect your authenticator app",
  firstCode: `Type the 6-digit code the app now shows for ${ORG}.`,
  verifyAndSave: "Verify and save",
  securityInfo: "My security info",
  confirmTitle: "Confirm it's you",
  useApp: "Authenticator app: Work phone",
  appCodeTitle: "Type a code from your authenticator app",
  appCode: "Code (6 digits)",
  recoveryTitle: "Recovery codes",
  createCodes: "Create recovery codes",
  shownTitle: "Your recovery codes",
  copy: "Copy codes",
  copied: "Codes copied.",
  download: "Download as text",
  fileHeading: `${ORG}: recovery codes`,
  codesLeft: "10 codes left",
};

const INDONESIAN: Words = {
  lang: "id",
  userId: "ID pengguna",
  password: "Kata sandi",
  signIn: "Masuk",
  signOut: "Keluar",
  addApp: "Tambahkan aplikasi autentikator",
  appName: "Nama untuk aplikasi ini",
  appLabel: "Ponsel kantor",
  next: "Lanjutkan",
  scanTitle: "Hubungkan aplikasi autentikator Anda",
  firstCode: `Ketik kode 6 digit yang sekarang ditampilkan aplikasi untuk ${ORG}.`,
  verifyAndSave: "Verifikasi dan simpan",
  securityInfo: "Info keamanan saya",
  confirmTitle: "Konfirmasi bahwa ini Anda",
  useApp: "Aplikasi autentikator: Ponsel kantor",
  appCodeTitle: "Ketik kode dari aplikasi autentikator Anda",
  appCode: "Kode (6 digit)",
  recoveryTitle: "Kode pemulihan",
  createCodes: "Buat kode pemulihan",
  shownTitle: "Kode pemulihan Anda",
  copy: "Salin kode",
  copied: "Kode telah disalin.",
  download: "Unduh sebagai teks",
  fileHeading: `${ORG}: kode pemulihan`,
  codesLeft: "Sisa 10 kode",
};

const base32 = new ScureBase32Plugin();

/** Waits for the page's <h1>, checks the document language, and runs axe on it. */
async function arriveAt(page: Page, words: Words, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
  await expectNoSeriousAxeViolations(page);
}

async function signIn(sandi: ListeningSandi, page: Page, words: Words, userId: string): Promise<void> {
  await page.goto(`${sandi.origin}/signin${words.lang === "en" ? "" : `?lang=${words.lang}`}`);
  await page.getByLabel(words.userId).fill(userId);
  await page.getByLabel(words.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: words.signIn, exact: true }).click();
  await page.waitForURL(/\/account/);
}

/** Names the app, reads the setup key as a person would type it into an app, and types the app's first code. */
async function addApp(sandi: ListeningSandi, page: Page, words: Words): Promise<Uint8Array> {
  await page.goto(`${sandi.origin}/account/security-info/authenticator-app`);
  await arriveAt(page, words, words.addApp);
  await page.getByLabel(words.appName).fill(words.appLabel);
  await page.getByRole("button", { name: words.next }).click();
  await arriveAt(page, words, words.scanTitle);
  expect(await page.locator(".qr-code svg[role=img]").count()).toBe(1);
  const key = (await page.locator("#setup-key").innerText()).replace(/\s/g, "");
  const secret = base32.decode(key);
  await page.getByLabel(words.firstCode).fill(totpCodeAt(secret, new Date()));
  await page.getByRole("button", { name: words.verifyAndSave }).click();
  await page.waitForURL(`${sandi.origin}/account/security-info?notice=saved`);
  await arriveAt(page, words, words.securityInfo);
  expect(await page.locator("main table").innerText()).toContain(words.appLabel);
  return secret;
}

/**
 * Creating codes is a change. In a new session (saving the app made the old one fresh) the app's next code proves
 * the user: the next 30-second step, since this one was spent on the app's first code.
 */
async function createCodes(
  sandi: ListeningSandi,
  page: Page,
  words: Words,
  userId: string,
  secret: Uint8Array,
): Promise<string[]> {
  await page.goto(`${sandi.origin}/account`);
  await page.getByRole("button", { name: words.signOut }).click();
  await page.waitForURL(/\/signin/);
  await signIn(sandi, page, words, userId);
  await page.goto(`${sandi.origin}/account/security-info/recovery-codes`);
  await arriveAt(page, words, words.confirmTitle);
  await page.getByRole("button", { name: words.useApp }).click();
  await arriveAt(page, words, words.appCodeTitle);
  await page.getByLabel(words.appCode).fill(totpCodeAt(secret, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: words.next }).click();
  await page.waitForURL(`${sandi.origin}/account/security-info/recovery-codes`);
  await arriveAt(page, words, words.recoveryTitle);
  await page.getByRole("button", { name: words.createCodes }).click();
  await arriveAt(page, words, words.shownTitle);
  const codes = (await page.locator("ol.recovery-codes li").allInnerTexts()).map((code) => code.trim());
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(CODE_SHAPE);
  return codes;
}

describe("authenticator app and recovery codes in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.policy({ "methods.authenticatorApp": "on", "methods.recoveryCodes": "on" });
    for (const name of ["putri", "rudi"])
      await sandi.t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD, verifiedEmail: null });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  for (const [words, userId] of [
    [ENGLISH, "putri@contoh.example"],
    [INDONESIAN, "rudi@contoh.example"],
  ] as const)
    it(`registers an app from its key, then copies and downloads recovery codes (${words.lang})`, async () => {
      const page = await pages.open();
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: sandi.origin });
      await signIn(sandi, page, words, userId);
      const secret = await addApp(sandi, page, words);
      const codes = await createCodes(sandi, page, words, userId, secret);

      await page.getByRole("button", { name: words.copy }).click();
      await expect.poll(() => page.locator("#copy-status").textContent()).toBe(words.copied);
      expect(await page.evaluate<string>("navigator.clipboard.readText()")).toBe(codes.join("\n"));

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: words.download }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("recovery-codes.txt");
      const text = readFileSync(await download.path(), "utf8");
      expect(text.split("\r\n")[0]).toBe(words.fileHeading);
      for (const code of codes) expect(text).toContain(code);

      await page.goto(`${sandi.origin}/account/security-info`);
      await arriveAt(page, words, words.securityInfo);
      expect(await page.locator("main table").innerText()).toContain(words.codesLeft);
    });
});
