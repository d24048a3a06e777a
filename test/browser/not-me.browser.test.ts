/**
 * "This wasn't me" in Chromium against the real parts: an admin reset sends the notice through the worker to a real
 * SMTP server; the user opens the link from that email, reads what happened, locks the account by keyboard and sees
 * the support code; the link then shows only the neutral page. In English and in Indonesian, with axe on each page
 * and no CSP violation in the console.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../src/domain/admin/admin-actor.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

interface Words {
  readonly lang: "en" | "id";
  readonly noticeSubject: string;
  readonly linkLabel: string;
  readonly confirmTitle: string;
  readonly event: string;
  readonly button: string;
  readonly doneTitle: string;
  readonly done: (code: string) => string;
  readonly unusableTitle: string;
  readonly alertSubject: (userId: string) => string;
}

const EN: Words = {
  lang: "en",
  noticeSubject: "Your Contoh Nusantara password was reset by your helpdesk",
  linkLabel: "This wasn't me: lock my account",
  confirmTitle: "Was this you?",
  event: "Your password was reset by your helpdesk on",
  button: "Lock my account",
  doneTitle: "Your account is locked",
  done: (code) => `We've locked your account and told your IT team. Your support code is ${code}.`,
  unusableTitle: "This link can't be used",
  alertSubject: (userId) => `Contoh Nusantara: account ${userId} put on security hold`,
};

const ID: Words = {
  lang: "id",
  noticeSubject: "Kata sandi Contoh Nusantara Anda telah diatur ulang oleh meja bantuan",
  linkLabel: "Ini bukan saya: kunci akun saya",
  confirmTitle: "Apakah ini Anda?",
  event: "Kata sandi Anda diatur ulang oleh meja bantuan pada",
  button: "Kunci akun saya",
  doneTitle: "Akun Anda dikunci",
  done: (code) => `Akun Anda telah dikunci dan tim TI Anda telah diberi tahu. Kode dukungan Anda adalah ${code}.`,
  unusableTitle: "Tautan ini tidak dapat dipakai",
  alertSubject: (userId) => `Contoh Nusantara: akun ${userId} ditahan karena laporan keamanan`,
};

const SUPPORT_CODE = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

async function arriveAt(page: Page, words: Words, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
  await expectNoSeriousAxeViolations(page);
}

/** The "This wasn't me" address in the HTML part of the notice the SMTP server received. */
async function linkFromEmail(sandi: ListeningSandi, address: string, words: Words): Promise<string> {
  const message = await sandi.smtp.waitForMessage(
    (mail) => mail.envelopeTo.includes(address) && mail.subject === words.noticeSubject,
    15_000,
  );
  expect(message.text).toContain(words.linkLabel);
  const href = new RegExp(`href="(${sandi.origin}/not-me/[A-Za-z0-9_-]{43}\\?lang=${words.lang})"`).exec(message.html);
  expect(href?.[1], `no not-me link in:\n${message.html}`).toBeDefined();
  return href?.[1] ?? "";
}

async function lockFromEmail(
  sandi: ListeningSandi,
  page: Page,
  words: Words,
  person: { userId: string; email: string },
) {
  const reset = await sandi.t.composed.commandServices.admin.setTemporaryPassword(CONSOLE_ACTOR, person.userId);
  expect(reset.ok).toBe(true);
  const link = await linkFromEmail(sandi, person.email, words);

  await page.goto(link);
  await arriveAt(page, words, words.confirmTitle);
  expect(await page.locator("main").innerText()).toContain(words.event);
  // Keyboard only: focus the button and press Enter.
  await page.getByRole("button", { name: words.button }).focus();
  await page.keyboard.press("Enter");

  await arriveAt(page, words, words.doneTitle);
  const status = (await page.getByRole("status").textContent()) ?? "";
  const code = SUPPORT_CODE.exec(status)?.[0] ?? "";
  expect(status).toBe(words.done(code));
  expect(await page.locator("footer .support").innerText()).toContain(code);
  const stored = await sandi.t.db
    .selectFrom("not_me_link")
    .select("support_code")
    .where("used_at", "is not", null)
    .execute();
  expect(stored.map((row) => row.support_code)).toContain(code);
  const user = await sandi.t.composed.stores.users.findUserByUserId(person.userId);
  expect(user?.securityHold).toBe(true);
  await sandi.smtp.waitForMessage(
    (mail) => mail.envelopeTo.includes("ayu@mail.example") && mail.subject === EN.alertSubject(person.userId),
    15_000,
  );

  // The same link again: the neutral page, never a second hold.
  await page.goto(link);
  await arriveAt(page, words, words.unusableTitle);
}

describe("This wasn't me in Chromium (real SMTP, real worker, real clock)", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "helpdesk.mode": "email", "helpdesk.target": "helpdesk@contoh.example" });
    await sandi.t.seed.user({
      userId: "ayu@contoh.example",
      verifiedEmail: "ayu@mail.example",
      roles: ["global_admin"],
    });
    await sandi.t.seed.user({ userId: "budi@contoh.example", verifiedEmail: "budi@mail.example" });
    const siti = await sandi.t.seed.user({ userId: "siti@contoh.example", verifiedEmail: "siti@mail.example" });
    // Mail no browser causes reads in the user's stored language (SPEC §16).
    await sandi.t.composed.stores.accounts.setPreferredLanguage(siti, "id");
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("opens the link from the email, confirms, and sees the support code, in English", async () => {
    await lockFromEmail(sandi, await pages.open(), EN, { userId: "budi@contoh.example", email: "budi@mail.example" });
  });

  it("does the same in Indonesian, from an Indonesian notice", async () => {
    await lockFromEmail(sandi, await pages.open(), ID, { userId: "siti@contoh.example", email: "siti@mail.example" });
  });

  it("works without JavaScript: the confirm page is a plain form", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    const ref = await sandi.t.seed.user({ userId: "eko@contoh.example", verifiedEmail: "eko@mail.example" });
    await sandi.t.composed.commandServices.admin.setTemporaryPassword(CONSOLE_ACTOR, "eko@contoh.example");
    await page.goto(await linkFromEmail(sandi, "eko@mail.example", EN));
    await page.getByRole("button", { name: EN.button }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe(EN.doneTitle);
    expect((await sandi.t.composed.stores.accounts.findByRef(ref))?.securityHold).toBe(true);
  });
});
