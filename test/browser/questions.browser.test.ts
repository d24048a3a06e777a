/**
 * Security questions in Chromium (SPEC §4.6, issue 10): a user signs in, sets up five questions from the interrupt's
 * list and sees only a count; in English and in Indonesian, axe clean on the form and after an error, no CSP
 * violation, and no answer left on any page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
const ANSWERS = ["Si Belang Oren", "Kota Bandung Lama", "Raden Ajeng", "Pak Hartono", "Vespa Sprint"];

const WORDS = {
  en: {
    question: "Question",
    choose: "Choose a question",
    answer: "Answer",
    save: "Save answers",
    set: "5 questions set up",
  },
  id: {
    question: "Pertanyaan",
    choose: "Pilih pertanyaan",
    answer: "Jawaban",
    save: "Simpan jawaban",
    set: "5 pertanyaan",
  },
} as const;

async function signIn(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/signin`);
  await page.locator("#userId").fill(userId);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("form button[type=submit]").first().click();
  await page.waitForURL(/\/account/);
}

/** Fills row `row` (1-based) through its fieldset, as a screen-reader user finds it: by the legend and the labels. */
async function fillRow(page: Page, lang: "en" | "id", row: number, question: string, answer: string) {
  const group = page.getByRole("group", { name: `${WORDS[lang].question} ${String(row)}`, exact: true });
  await group.getByLabel(WORDS[lang].choose).selectOption(question);
  await group.getByLabel(WORDS[lang].answer, { exact: true }).fill(answer);
}

describe("security questions in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    const current = (await sandi.t.composed.stores.policy.current())?.policy;
    if (current === undefined) throw new Error("no policy");
    const methods = { ...current.methods, securityQuestions: true };
    await sandi.t.composed.stores.policy.save({ ...current, methods }, "test", new Date());
    for (const name of ["ayu", "bima"])
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

  for (const [lang, userId] of [
    ["en", "ayu@contoh.example"],
    ["id", "bima@contoh.example"],
  ] as const)
    it(`${lang}: sets up five questions from the interrupt, fixes a duplicate, and sees only a count`, async () => {
      const page = await pages.open();
      await page.setExtraHTTPHeaders({ "accept-language": lang });
      await signIn(page, sandi.origin, userId);
      await page.locator('a[href="/account/security-info/questions"]').first().click();
      await page.waitForURL(`${sandi.origin}/account/security-info/questions`);
      await expectNoSeriousAxeViolations(page);
      const questions = ["b01", "b01", "b13", "b23", "b35"];
      for (const [index, question] of questions.entries())
        await fillRow(page, lang, index + 1, question, ANSWERS[index] ?? "");
      await page.getByRole("button", { name: WORDS[lang].save }).click();
      await expect.poll(() => page.locator("#error-summary").isVisible()).toBe(true);
      await expectNoSeriousAxeViolations(page);
      expect(await page.content()).not.toContain(ANSWERS[0]);
      await fillRow(page, lang, 2, "b02", ANSWERS[1] ?? "");
      for (const [index, answer] of ANSWERS.entries())
        if (index !== 1) await fillRow(page, lang, index + 1, questions[index] ?? "", answer);
      await page.getByRole("button", { name: WORDS[lang].save }).click();
      await page.waitForURL(`${sandi.origin}/account/security-info?notice=saved`);
      await expect.poll(() => page.locator("main").innerText()).toContain(WORDS[lang].set);
      await expectNoSeriousAxeViolations(page);
      const shown = await page.content();
      for (const answer of ANSWERS) expect(shown).not.toContain(answer);
    });
});
