/**
 * The questions gate's page on its own: each question in the page's language (a custom one written only in the other
 * language marked with `lang`, so a screen reader pronounces it right), and a message about a set never tied to one
 * answer field (that would say which answer was wrong, SPEC §4.6).
 */
import { describe, expect, it } from "vitest";
import type { FlowView } from "../../../src/domain/flows/reset/reset-deps.js";
import { createTranslator } from "../../../src/i18n/i18n.js";
import { questionsGatePage } from "../../../src/http/views/reset/questions-gate-page.js";

const translator = createTranslator();

function viewAsking(fields: NonNullable<FlowView["step"]>["fields"]): FlowView {
  const step = {
    method: "questions",
    step: "answer_questions",
    fields,
    maskedTarget: null,
    codeLength: null,
    codeSource: null,
    assets: [],
    ceremony: null,
  } as const;
  return { csrfToken: "token", state: "gate_challenge", step } as unknown as FlowView;
}

const FIELDS = [
  { name: "answer-b01", input: "answer", maxLength: 200, questionId: "b01" },
  {
    name: "answer-c-river",
    input: "answer",
    maxLength: 200,
    questionId: "c-river",
    customQuestion: { en: "Which river did you swim in first?", id_: null },
  },
  {
    name: "answer-c-pasar",
    input: "answer",
    maxLength: 200,
    questionId: "c-pasar",
    customQuestion: { en: "Which market did you visit first?", id_: "Pasar mana yang pertama kali Anda kunjungi?" },
  },
] as const;

describe("the questions gate page", () => {
  it("asks each question in Indonesian, a custom one written only in English marked lang=en", () => {
    const page = String(
      questionsGatePage(translator.forLanguage("id"), {
        view: viewAsking(FIELDS),
        errors: [],
        lang: "id",
        timeZone: "Asia/Jakarta",
      }),
    );
    expect(page).toContain('<label for="answer-b01">Apa nama hewan peliharaan pertama Anda?</label>');
    expect(page).toContain('<label for="answer-c-river" lang="en">Which river did you swim in first?</label>');
    expect(page).toContain('<label for="answer-c-pasar">Pasar mana yang pertama kali Anda kunjungi?</label>');
    expect(page).toContain("Jawab 3 pertanyaan keamanan berikut");
    expect(page.match(/autocomplete="off"/g)).toHaveLength(3);
  });

  it("shows a message about the set in the summary without a link to any answer, and marks no field invalid", () => {
    const page = String(
      questionsGatePage(translator.forLanguage("en"), {
        view: viewAsking(FIELDS),
        errors: [{ message: "One or more answers are wrong. We've picked new questions.", field: "code" }],
        lang: "en",
        timeZone: "Asia/Jakarta",
      }),
    );
    expect(page).toContain("<li>One or more answers are wrong.");
    expect(page).not.toContain('href="#');
    expect(page).not.toContain("aria-invalid");
    expect(page).toContain('<label for="answer-c-pasar">Which market did you visit first?</label>');
  });
});
