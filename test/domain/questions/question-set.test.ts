/** A registered set as the method row's `details` keeps it, and which of its questions a gate can still ask. */
import { describe, expect, it } from "vitest";
import { questionById } from "../../../src/domain/questions/question-pool.js";
import { askableQuestionIds, questionSetDetails, storedAnswersOf } from "../../../src/domain/questions/question-set.js";

const OFFER = { builtIn: [1, 2], custom: [{ id: "colour", en: "Favourite colour?", id_: null }] };

describe("question set details", () => {
  it("round-trip through the row's details, keeping only ids and hashes", () => {
    const answers = [{ questionId: "b01", answerHash: "$argon2id$x", answer: "leaked?" }];
    const details = questionSetDetails(answers);
    expect(details).toEqual({ answers: [{ questionId: "b01", answerHash: "$argon2id$x" }] });
    expect(JSON.stringify(details)).not.toContain("leaked");
    expect(storedAnswersOf(JSON.parse(JSON.stringify(details)) as Record<string, unknown>)).toEqual(details.answers);
  });

  it("reads nothing from details of another shape", () => {
    expect(storedAnswersOf(null)).toEqual([]);
    expect(storedAnswersOf({ answers: "no" })).toEqual([]);
    expect(storedAnswersOf({ answers: [{ questionId: 1, answerHash: "x" }, null] })).toEqual([]);
  });
});

describe("questionById and askableQuestionIds", () => {
  it("finds any built-in question, offered or not, and custom ones only while offered", () => {
    expect(questionById("b35", OFFER)).toEqual({ kind: "built_in", id: "b35", number: 35 });
    expect(questionById("b36", OFFER)).toBeNull();
    expect(questionById("b00", OFFER)).toBeNull();
    expect(questionById("c-colour", OFFER)).toEqual({
      kind: "custom",
      id: "c-colour",
      en: "Favourite colour?",
      id_: null,
    });
    expect(questionById("c-gone", OFFER)).toBeNull();
  });

  it("leaves out a custom question the policy no longer lists", () => {
    const stored = ["b01", "b20", "c-colour", "c-gone"].map((questionId) => ({ questionId, answerHash: "h" }));
    expect(askableQuestionIds(stored, OFFER)).toEqual(["b01", "b20", "c-colour"]);
  });
});
