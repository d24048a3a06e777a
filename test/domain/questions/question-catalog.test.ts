/**
 * The built-in questions exist in both languages with SPEC §4.6's texts, and every page word of the questions
 * catalog reads in both; a question shown through the real translator is the catalog's text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALL_BUILT_IN_NUMBERS,
  builtInQuestionKey,
  questionPool,
  questionText,
} from "../../../src/domain/questions/question-pool.js";
import { createTranslator } from "../../../src/i18n/i18n.js";

const LOCALES = join(import.meta.dirname, "..", "..", "..", "src", "i18n", "locales");

interface QuestionsCatalog {
  readonly builtin: Record<string, string>;
  readonly [section: string]: unknown;
}

function catalog(lang: "en" | "id"): QuestionsCatalog {
  return JSON.parse(readFileSync(join(LOCALES, lang, "questions.json"), "utf8")) as QuestionsCatalog;
}

const EXPECTED_KEYS = ALL_BUILT_IN_NUMBERS.map((n) => `q${String(n).padStart(2, "0")}`);

/** A sample of SPEC §4.6's table, copied by hand (first, last, and those with punctuation that is easy to mangle). */
const SPEC_SAMPLES = {
  q01: ["What did you name your first pet?", "Apa nama hewan peliharaan pertama Anda?"],
  q18: ["On which street did your grandparents live?", "Di jalan apa kakek-nenek Anda tinggal?"],
  q24: [
    "What was the user name of your first email account (before the @)?",
    "Apa nama pengguna akun email pertama Anda (sebelum @)?",
  ],
  q32: [
    "Which café or food stall did you visit most as a student?",
    "Kafe atau warung mana yang paling sering Anda kunjungi semasa sekolah?",
  ],
  q35: ["At which bank did you open your first account?", "Di bank mana Anda pertama kali membuka rekening?"],
} as const;

describe("the built-in questions catalog", () => {
  for (const lang of ["en", "id"] as const)
    it(`${lang}: has exactly q01…q35, each a non-empty question`, () => {
      const builtin = catalog(lang).builtin;
      expect(Object.keys(builtin)).toEqual(EXPECTED_KEYS);
      for (const text of Object.values(builtin)) {
        expect(text.trim()).not.toBe("");
        expect(text).toMatch(/\?$/);
      }
    });

  it("holds SPEC §4.6's texts", () => {
    const [en, id] = [catalog("en").builtin, catalog("id").builtin];
    for (const [key, [english, indonesian]] of Object.entries(SPEC_SAMPLES)) {
      expect(en[key]).toBe(english);
      expect(id[key]).toBe(indonesian);
    }
  });

  it("no two built-in questions read the same in either language", () => {
    for (const lang of ["en", "id"] as const) {
      const texts = Object.values(catalog(lang).builtin);
      expect(new Set(texts).size).toBe(35);
    }
  });

  it("questionText shows a built-in question in the reader's language through the real translator", () => {
    const translator = createTranslator({
      onMissingKey: (_lang, key) => {
        throw new Error(`missing ${key}`);
      },
    });
    const pool = questionPool({ builtIn: ALL_BUILT_IN_NUMBERS, custom: [] });
    for (const lang of ["en", "id"] as const) {
      const translate = translator.forLanguage(lang);
      const texts = pool.map((question) => questionText(question, lang, translate));
      expect(texts).toEqual(Object.values(catalog(lang).builtin));
    }
    expect(builtInQuestionKey(7)).toBe("questions.builtin.q07");
  });

  it("the page words the question pages need exist in both languages", () => {
    const translator = createTranslator();
    const keys = [
      "questions.method_name",
      "questions.register.choose",
      "questions.register.answer_label",
      "questions.error.wrong",
      "questions.error.answer_too_short",
      "questions.error.answer_too_long",
      "questions.error.duplicate_question",
      "questions.error.duplicate_answer",
      "questions.error.question_required",
      "questions.error.unknown_question",
      "questions.gate.title",
      "questions.admin.nist_warning",
    ];
    for (const lang of ["en", "id"] as const)
      for (const key of keys) expect(translator.hasKey(lang, key), key).toBe(true);
    expect(translator.forLanguage("en")("questions.error.wrong")).toBe("One or more answers are wrong.");
    expect(translator.forLanguage("en")("questions.error.answer_too_short", { min: 3 })).toBe(
      "Use at least 3 characters.",
    );
  });
});
