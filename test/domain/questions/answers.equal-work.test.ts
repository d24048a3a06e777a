/**
 * Threat: an attacker at a question gate learns which answer was wrong (and so guesses one answer at a time) from
 * how long the check takes: a check that stops at the first wrong answer is faster when the first one is wrong.
 * checkAnswers does one Argon2id verification per typed answer whatever the outcome, a dummy one for a question
 * the user has no answer to.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkAnswers, hashAnswers, type StoredAnswer } from "../../../src/domain/questions/answers.js";
import type { SecretHasher } from "../../../src/lib/crypto/argon2id.js";

function countingHasher(): SecretHasher & { operations: string[] } {
  const operations: string[] = [];
  return {
    operations,
    hash: (secret) => Promise.resolve(`fake$${secret}`),
    verify: (storedHash, secret) => {
      operations.push("verify");
      return Promise.resolve(storedHash === `fake$${secret}`);
    },
    verifyDummy: () => {
      operations.push("verify");
      return Promise.resolve();
    },
  };
}

const SET = [
  { questionId: "b01", answer: "satu" },
  { questionId: "b02", answer: "dua" },
  { questionId: "b03", answer: "tiga" },
  { questionId: "b04", answer: "empat" },
  { questionId: "b05", answer: "lima" },
];

async function storedSet(): Promise<StoredAnswer[]> {
  return hashAnswers(countingHasher(), SET);
}

describe("checkAnswers does equal work", () => {
  test.prop([fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.constantFrom(0, 1, 2)])(
    "one verification per typed answer, whichever are wrong",
    async (rightAnswers, unknownAt) => {
      const stored = await storedSet();
      const hasher = countingHasher();
      const typed = rightAnswers.map((right, index) => {
        const entry = SET[index] ?? { questionId: "b01", answer: "" };
        if (index === unknownAt && !right) return { questionId: "b30", answer: "whatever" };
        return { questionId: entry.questionId, answer: right ? entry.answer : "wrong" };
      });
      const accepted = await checkAnswers(hasher, stored, typed);
      expect(hasher.operations).toEqual(["verify", "verify", "verify"]);
      expect(accepted).toBe(rightAnswers.every(Boolean));
    },
  );

  it("a wrong first answer still verifies the rest", async () => {
    const stored = await storedSet();
    const hasher = countingHasher();
    const typed = [
      { questionId: "b01", answer: "nope" },
      { questionId: "b02", answer: "dua" },
      { questionId: "b03", answer: "tiga" },
    ];
    expect(await checkAnswers(hasher, stored, typed)).toBe(false);
    expect(hasher.operations).toHaveLength(3);
  });
});
