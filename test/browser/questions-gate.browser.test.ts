/**
 * Issue 11: a reset with security questions in Chromium, in Indonesian (the required Indonesian journey) and
 * in English, against the real parts (Sandi on loopback, the real clock, the ALTCHA widget, the worker delivering the
 * reset notice to a real SMTP server). A wrong set first: the page says so without naming an answer, asks again with
 * empty fields, then the right set opens the new password. axe on every page, no CSP violation in the console.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TypedAnswer } from "../../src/domain/questions/answers.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { seedQuestionSet } from "../support/questions-gate-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

/** What the user reads and clicks, per language (the catalogs' words, so a changed label fails here first). */
const WORDS = {
  id: {
    userId: "ID pengguna",
    next: "Berikutnya",
    gateTitle: "Verifikasi identitas Anda — langkah 1 dari 1",
    questionsMethod: "Jawab pertanyaan keamanan saya",
    intro: "Jawab 3 pertanyaan keamanan berikut sesuai jawaban yang Anda daftarkan.",
    verify: "Verifikasi",
    wrongSet: "Satu atau beberapa jawaban salah. Kami telah memilih pertanyaan baru.",
    passwordTitle: "Pilih kata sandi baru",
    newPassword: "Kata sandi baru",
    confirmPassword: "Konfirmasi kata sandi baru",
    resetPassword: "Atur ulang kata sandi",
    doneTitle: "Kata sandi telah diatur ulang",
    noticeSubject: "Kata sandi Contoh Nusantara Anda telah diatur ulang",
    riverQuestion: "Di sungai mana Anda pertama kali berenang?",
  },
  en: {
    userId: "User ID",
    next: "Next",
    gateTitle: "Verify your identity — step 1 of 1",
    questionsMethod: "Answer my security questions",
    intro: "Answer these 3 security questions as you answered them when you set them up.",
    verify: "Verify",
    wrongSet: "One or more answers are wrong. We've picked new questions.",
    passwordTitle: "Choose a new password",
    newPassword: "New password",
    confirmPassword: "Confirm new password",
    resetPassword: "Reset password",
    doneTitle: "Password reset",
    noticeSubject: "Your Contoh Nusantara password was reset",
    riverQuestion: "Which river did you first swim in?",
  },
} as const;
type Lang = keyof typeof WORDS;

/** Four built-in questions and a custom one written in both languages (SPEC §4.6). */
const ANSWERS: readonly TypedAnswer[] = [
  { questionId: "b01", answer: "Si Belang" },
  { questionId: "b02", answer: "Bandung" },
  { questionId: "b09", answer: "Ucok" },
  { questionId: "b13", answer: "Denpasar" },
  { questionId: "c-sungai", answer: "Kali Brantas" },
];
const WRONG = "bukan jawabannya";

const PEOPLE: Readonly<Record<Lang, { userId: string; email: string; newPassword: string }>> = {
  id: { userId: "fitri.handayani@contoh.example", email: "fitri@mail.example", newPassword: "Es-Cendol-Siang-Hari-7" },
  en: { userId: "dewi.lestari@contoh.example", email: "dewi@mail.example", newPassword: "Sate-Padang-Malam-Ini-9" },
};

/** Waits for the page's <h1>, checks the document language, and runs axe on it. */
async function arriveAt(page: Page, lang: Lang, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  expect(await page.locator("html").getAttribute("lang")).toBe(lang);
  await expectNoSeriousAxeViolations(page);
}

/** The questions the page asks: each answer field's question id and its label's text. */
async function askedQuestions(page: Page): Promise<{ questionId: string; text: string }[]> {
  const labels = page.locator('label[for^="answer-"]');
  await expect.poll(() => labels.count()).toBe(3);
  const asked: { questionId: string; text: string }[] = [];
  for (const label of await labels.all()) {
    const target = (await label.getAttribute("for")) ?? "";
    asked.push({ questionId: target.slice("answer-".length), text: (await label.textContent()) ?? "" });
  }
  return asked;
}

/** Types `answerFor` of each question into the field its label names, as a screen-reader user finds it. */
async function answerEach(page: Page, answerFor: (questionId: string) => string): Promise<void> {
  for (const { questionId, text } of await askedQuestions(page))
    await page.getByLabel(text, { exact: true }).fill(answerFor(questionId));
}

async function walkQuestionsJourney(sandi: ListeningSandi, page: Page, lang: Lang): Promise<void> {
  const words = WORDS[lang];
  const person = PEOPLE[lang];
  await page.goto(`${sandi.origin}/reset?lang=${lang}`);
  await page.getByLabel(words.userId).fill(person.userId);
  await expect
    .poll(() => page.locator("input[name=altcha]").inputValue(), { timeout: 15_000 })
    .toMatch(/^[A-Za-z0-9+/=]{100,}$/);
  await page.getByRole("button", { name: words.next }).click();

  await page.waitForURL(`${sandi.origin}/reset/verify`);
  await arriveAt(page, lang, words.gateTitle);
  await page.getByRole("radio", { name: words.questionsMethod }).check();
  await page.getByRole("button", { name: words.next }).click();

  await expect.poll(() => page.getByText(words.intro).count()).toBe(1);
  await arriveAt(page, lang, words.gateTitle);
  for (const { text } of await askedQuestions(page)) expect(text.endsWith("?"), text).toBe(true);
  await answerEach(page, () => WRONG);
  await page.getByRole("button", { name: words.verify, exact: true }).click();

  await expect.poll(() => page.getByRole("alert").textContent()).toContain(words.wrongSet);
  await arriveAt(page, lang, words.gateTitle);
  // Asked again with empty fields: a typed answer is never written back into a page.
  for (const input of await page.locator('input[id^="answer-"]').all()) expect(await input.inputValue()).toBe("");
  expect(await page.content()).not.toContain(WRONG);
  await answerEach(page, (id) => ANSWERS.find((entry) => entry.questionId === id)?.answer ?? WRONG);
  // Enter in the last field submits the form: the gate works by keyboard alone.
  await page.locator('input[id^="answer-"]').last().press("Enter");

  await arriveAt(page, lang, words.passwordTitle);
  await page.getByLabel(words.newPassword, { exact: true }).fill(person.newPassword);
  await page.getByLabel(words.confirmPassword).fill(person.newPassword);
  await page.getByRole("button", { name: words.resetPassword }).click();

  await arriveAt(page, lang, words.doneTitle);
  await sandi.smtp.waitForMessage(
    (mail) => mail.envelopeTo.includes(person.email) && mail.subject === words.noticeSubject,
    10_000,
  );
}

describe("a reset with security questions in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({
      scope: "all",
      "methods.securityQuestions": "on",
      "questions.custom": JSON.stringify([{ id: "sungai", en: WORDS.en.riverQuestion, id_: WORDS.id.riverQuestion }]),
    });
    for (const person of Object.values(PEOPLE)) {
      await sandi.t.seed.user({ userId: person.userId, password: "Old-Password-2026", verifiedEmail: person.email });
      await seedQuestionSet(sandi.t, person.userId, ANSWERS);
    }
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("id: resets a forgotten password by answering security questions in Indonesian, after one wrong set", async () => {
    const page = await pages.open();
    await walkQuestionsJourney(sandi, page, "id");
  });

  it("en: the same journey in English", async () => {
    const page = await pages.open();
    await walkQuestionsJourney(sandi, page, "en");
  });
});
