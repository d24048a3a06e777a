/** The policy's `questions` section: V4, V5, the ranges, and the `policy set` parsers (SPEC §3). */
import { describe, expect, it } from "vitest";
import type { MethodId } from "../../../src/domain/methods.js";
import { ALL_BUILT_IN_NUMBERS } from "../../../src/domain/questions/question-pool.js";
import {
  checkQuestionSettings,
  derivedCustomId,
  parseBuiltInQuestions,
  parseCustomQuestions,
  type QuestionSettings,
} from "../../../src/domain/questions/question-settings.js";

const DEFAULTS: QuestionSettings = { toRegister: 5, toReset: 3, builtIn: ALL_BUILT_IN_NUMBERS, custom: [] };
const WITH_EMAIL: MethodId[] = ["email", "questions"];

function rules(settings: Partial<QuestionSettings>, enabled: MethodId[] = WITH_EMAIL): string[] {
  return checkQuestionSettings({ ...DEFAULTS, ...settings }, enabled).map((v) => `${v.rule} ${v.path}`);
}

describe("checkQuestionSettings", () => {
  it("accepts SPEC's defaults, with questions on or off", () => {
    expect(rules({})).toEqual([]);
    expect(rules({}, ["email"])).toEqual([]);
  });

  it("V4: questions cannot be the only enabled method", () => {
    expect(rules({}, ["questions"])).toEqual(["V4 methods.securityQuestions"]);
  });

  it("keeps toRegister and toReset within 3–5", () => {
    expect(rules({ toRegister: 6 })).toEqual(["range questions"]);
    expect(rules({ toReset: 2 })).toEqual(["range questions"]);
    expect(rules({ toReset: 3.5 })).toEqual(["range questions"]);
  });

  it("V5: toReset ≤ toRegister ≤ the questions offered", () => {
    expect(rules({ toRegister: 3, toReset: 4 })).toEqual(["V5 questions.toReset"]);
    expect(rules({ builtIn: [1, 2, 3, 4] })).toEqual(["V5 questions.toRegister"]);
    expect(rules({ builtIn: [1, 2, 3, 4], custom: [{ id: "colour", en: "Favourite colour?", id_: null }] })).toEqual(
      [],
    );
    expect(rules({ builtIn: [] }, ["email"])).toEqual([]); // the offer matters only while questions are on
  });

  it("refuses built-in numbers outside 1–35 or listed twice", () => {
    expect(rules({ builtIn: [...ALL_BUILT_IN_NUMBERS, 36] })).toEqual(["value questions.builtIn"]);
    expect(rules({ builtIn: [1, 1, 2, 3, 4, 5] })).toEqual(["value questions.builtIn"]);
  });

  it("checks the custom questions: at most 20, ids, a text each of 3–200 characters, none twice", () => {
    const question = (n: number) => ({ id: `q${String(n)}`, en: `Question number ${String(n)}?`, id_: null });
    expect(rules({ custom: Array.from({ length: 20 }, (_, n) => question(n)) })).toEqual([]);
    expect(rules({ custom: Array.from({ length: 21 }, (_, n) => question(n)) })).toEqual(["range questions.custom"]);
    expect(rules({ custom: [{ id: "a:b", en: "Fine text?", id_: null }] })).toEqual(["value questions.custom"]);
    expect(rules({ custom: [question(1), { ...question(2), id: "q1" }] })).toEqual(["value questions.custom"]);
    expect(rules({ custom: [{ id: "x", en: null, id_: null }] })).toEqual(["value questions.custom"]);
    expect(rules({ custom: [{ id: "x", en: "Hi", id_: null }] })).toEqual(["range questions.custom"]);
    expect(rules({ custom: [{ id: "x", en: "y".repeat(201), id_: null }] })).toEqual(["range questions.custom"]);
    expect(rules({ custom: [{ id: "x", en: "Kota asal?", id_: "Kota asal?" }] })).toEqual(["value questions.custom"]);
  });
});

describe("parseBuiltInQuestions", () => {
  it('reads "all" or a comma list, sorted and each once', () => {
    expect(parseBuiltInQuestions("all")).toEqual(ALL_BUILT_IN_NUMBERS);
    expect(parseBuiltInQuestions(" ALL ")).toEqual(ALL_BUILT_IN_NUMBERS);
    expect(parseBuiltInQuestions("7, 1,35,7")).toEqual([1, 7, 35]);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "0", "36", "1,,2", "1.5", "one", "1;2", "-1", "001"])
      expect(parseBuiltInQuestions(bad), bad).toBeUndefined();
  });
});

describe("parseCustomQuestions", () => {
  it("reads the JSON array the policy stores, tidying whitespace", () => {
    const typed = '[{"id":"colour","en":"  What is your   favourite colour? ","id_":"Apa warna favorit Anda?"}]';
    expect(parseCustomQuestions(typed)).toEqual([
      { id: "colour", en: "What is your favourite colour?", id_: "Apa warna favorit Anda?" },
    ]);
  });

  it("derives a stable id from the texts when none is given, so typing the list again keeps it", () => {
    const typed = '[{"en":"Favourite river?"},{"id_":"Sungai favorit?","en":null}]';
    const first = parseCustomQuestions(typed);
    expect(first).toEqual([
      { id: derivedCustomId("Favourite river?", null), en: "Favourite river?", id_: null },
      { id: derivedCustomId(null, "Sungai favorit?"), en: null, id_: "Sungai favorit?" },
    ]);
    expect(first?.[0]?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(parseCustomQuestions(typed)).toEqual(first);
    expect(derivedCustomId("Favourite river?", null)).not.toBe(derivedCustomId(null, "Favourite river?"));
  });

  it('empties the list with "" or "none"', () => {
    expect(parseCustomQuestions("")).toEqual([]);
    expect(parseCustomQuestions("none")).toEqual([]);
    expect(parseCustomQuestions("[]")).toEqual([]);
  });

  it("refuses what is not such an array (the lengths are the check's)", () => {
    for (const bad of ["{", '{"en":"x"}', '["x"]', '[{"en":3}]', '[{"en":"x","lang":"fr"}]', '[{"id":5,"en":"x"}]'])
      expect(parseCustomQuestions(bad), bad).toBeUndefined();
  });
});
