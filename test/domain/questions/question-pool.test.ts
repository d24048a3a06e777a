/** The question pool a policy offers, the questions' ids, and the language a custom question is shown in. */
import { describe, expect, it } from "vitest";
import {
  builtInQuestionId,
  CUSTOM_ID_PATTERN,
  customQuestionId,
  findPoolQuestion,
  type PoolQuestion,
  questionLanguage,
  questionPool,
  questionText,
} from "../../../src/domain/questions/question-pool.js";

const translate = (key: string): string => `[${key}]`;

describe("question ids", () => {
  it("built-ins are b01…b35, custom ones c-<stable id>", () => {
    expect(builtInQuestionId(1)).toBe("b01");
    expect(builtInQuestionId(35)).toBe("b35");
    expect(customQuestionId({ id: "colour", en: "x", id_: null })).toBe("c-colour");
  });

  it("custom stable ids hold no colon (the answer hash input stays unambiguous)", () => {
    expect(CUSTOM_ID_PATTERN.test("colour-2")).toBe(true);
    for (const bad of ["", "a:b", "-x", "x-", "Upper", "a".repeat(33), "with space"])
      expect(CUSTOM_ID_PATTERN.test(bad), bad).toBe(false);
  });
});

describe("questionPool", () => {
  it("offers the policy's built-ins in number order, each once, then its custom questions as listed", () => {
    const pool = questionPool({
      builtIn: [7, 2, 7, 40, 0],
      custom: [
        { id: "z", en: "Zed?", id_: null },
        { id: "a", en: null, id_: "Apa?" },
      ],
    });
    expect(pool.map((question) => question.id)).toEqual(["b02", "b07", "c-z", "c-a"]);
  });

  it("finds a question by id, or null once the policy stops offering it", () => {
    const pool = questionPool({ builtIn: [3], custom: [] });
    expect(findPoolQuestion(pool, "b03")).toEqual({ kind: "built_in", id: "b03", number: 3 });
    expect(findPoolQuestion(pool, "b04")).toBeNull();
  });
});

describe("questionText", () => {
  const both: PoolQuestion = { kind: "custom", id: "c-both", en: "Favourite river?", id_: "Sungai favorit?" };
  const englishOnly: PoolQuestion = { kind: "custom", id: "c-en", en: "Favourite river?", id_: null };
  const indonesianOnly: PoolQuestion = { kind: "custom", id: "c-id", en: null, id_: "Sungai favorit?" };

  it("reads a built-in question from the catalog", () => {
    const [question] = questionPool({ builtIn: [12], custom: [] });
    if (question === undefined) throw new Error("empty pool");
    expect(questionText(question, "id", translate)).toBe("[questions.builtin.q12]");
    expect(questionLanguage(question, "id")).toBe("id");
  });

  it("shows a custom question with both texts in the reader's language", () => {
    expect(questionText(both, "en", translate)).toBe("Favourite river?");
    expect(questionText(both, "id", translate)).toBe("Sungai favorit?");
    expect(questionLanguage(both, "id")).toBe("id");
  });

  it("shows a custom question with one text in the language the admin wrote it in", () => {
    expect(questionText(englishOnly, "id", translate)).toBe("Favourite river?");
    expect(questionLanguage(englishOnly, "id")).toBe("en");
    expect(questionText(indonesianOnly, "en", translate)).toBe("Sungai favorit?");
    expect(questionLanguage(indonesianOnly, "en")).toBe("id");
  });
});
