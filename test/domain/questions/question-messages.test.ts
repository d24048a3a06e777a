/** Every refusal of a question set has a message in both languages, with the lengths filled in. */
import { describe, expect, it } from "vitest";
import { answerProblemMessage, WRONG_ANSWERS_MESSAGE } from "../../../src/domain/questions/question-messages.js";
import { createTranslator } from "../../../src/i18n/i18n.js";

const PROBLEMS = [
  "question_required",
  "unknown_question",
  "duplicate_question",
  "answer_too_short",
  "answer_too_long",
  "duplicate_answer",
] as const;

describe("question messages", () => {
  const translator = createTranslator();

  it("name catalog keys that exist in en and id", () => {
    for (const message of [...PROBLEMS.map(answerProblemMessage), WRONG_ANSWERS_MESSAGE])
      for (const lang of ["en", "id"] as const) expect(translator.hasKey(lang, message.key), message.key).toBe(true);
  });

  it("fill in the answer lengths", () => {
    const { key, values } = answerProblemMessage("answer_too_long");
    expect(translator.forLanguage("en")(key, values)).toBe("Use 40 characters or fewer.");
    expect(translator.forLanguage("id")(key, values)).toBe("Gunakan paling banyak 40 karakter.");
  });
});
