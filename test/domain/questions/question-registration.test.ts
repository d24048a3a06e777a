/** Building a registered set: exactly `toRegister` checked rows from the policy's pool, then their hashes. */
import { describe, expect, it } from "vitest";
import { ALL_BUILT_IN_NUMBERS } from "../../../src/domain/questions/question-pool.js";
import { buildQuestionSet } from "../../../src/domain/questions/question-registration.js";
import type { QuestionSettings } from "../../../src/domain/questions/question-settings.js";
import type { SecretHasher } from "../../../src/lib/crypto/argon2id.js";

const hashed: string[] = [];
const hasher: SecretHasher = {
  hash: (secret) => {
    hashed.push(secret);
    return Promise.resolve(`fake$${secret}`);
  },
  verify: (stored, secret) => Promise.resolve(stored === `fake$${secret}`),
  verifyDummy: () => Promise.resolve(),
};

const SETTINGS: QuestionSettings = {
  toRegister: 3,
  toReset: 3,
  builtIn: ALL_BUILT_IN_NUMBERS,
  custom: [{ id: "colour", en: "Favourite colour?", id_: null }],
};

describe("buildQuestionSet", () => {
  it("hashes a good set into the row's details", async () => {
    hashed.length = 0;
    const entries = [
      { questionId: "b01", answer: "Kucing" },
      { questionId: "c-colour", answer: "Biru Laut" },
      { questionId: "b35", answer: "BRI" },
    ];
    const outcome = await buildQuestionSet(hasher, entries, SETTINGS);
    expect(outcome).toEqual({
      ok: true,
      details: {
        answers: [
          { questionId: "b01", answerHash: "fake$sandi-question:b01:kucing" },
          { questionId: "c-colour", answerHash: "fake$sandi-question:c-colour:biru laut" },
          { questionId: "b35", answerHash: "fake$sandi-question:b35:bri" },
        ],
      },
    });
  });

  it("refuses too few or too many rows, and questions the policy does not offer, hashing nothing", async () => {
    hashed.length = 0;
    const short = await buildQuestionSet(hasher, [{ questionId: "b01", answer: "Kucing" }], SETTINGS);
    expect(short).toEqual({
      ok: false,
      problems: [
        { index: 1, problem: "question_required" },
        { index: 1, problem: "answer_too_short" },
        { index: 2, problem: "question_required" },
        { index: 2, problem: "answer_too_short" },
      ],
    });
    const entries = ["b01", "b02", "b03", "b04"].map((questionId) => ({ questionId, answer: `answer ${questionId}` }));
    const long = await buildQuestionSet(hasher, entries, SETTINGS);
    expect(long).toEqual({ ok: false, problems: [{ index: 3, problem: "unknown_question" }] });
    const unoffered = await buildQuestionSet(hasher, entries.slice(0, 3), { ...SETTINGS, builtIn: [1, 2] });
    expect(unoffered).toEqual({ ok: false, problems: [{ index: 2, problem: "unknown_question" }] });
    expect(hashed).toEqual([]);
  });
});
