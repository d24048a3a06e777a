/** Answer normalisation, the checks on a new set, and hashing and checking through the hasher (SPEC §4.6). */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  answerHashInput,
  checkAnswers,
  checkAnswerSet,
  hashAnswers,
  normaliseAnswer,
} from "../../../src/domain/questions/answers.js";
import { createArgon2idHasher, type SecretHasher } from "../../../src/lib/crypto/argon2id.js";

/** A hasher that records each operation; a "hash" is the input behind a marker, so a test can read it. */
function recordingHasher(): SecretHasher & { operations: string[] } {
  const operations: string[] = [];
  return {
    operations,
    hash: (secret) => {
      operations.push("hash");
      return Promise.resolve(`fake$${secret}`);
    },
    verify: (storedHash, secret) => {
      operations.push("verify");
      return Promise.resolve(storedHash === `fake$${secret}`);
    },
    verifyDummy: () => {
      operations.push("verifyDummy");
      return Promise.resolve();
    },
  };
}

const OFFERED = ["b01", "b02", "b03", "c-colour"];

describe("normaliseAnswer", () => {
  it("applies NFKC, lowercases, collapses inner whitespace and trims", () => {
    expect(normaliseAnswer("  Jalan \t MERDEKA\n ")).toBe("jalan merdeka");
    expect(normaliseAnswer("ＢＵＤＩ")).toBe("budi"); // full-width letters (NFKC)
    expect(normaliseAnswer("ﬁdo\u00a0\u3000kucing")).toBe("fido kucing"); // ligature, no-break and ideographic spaces
    expect(normaliseAnswer("Cafe\u0301")).toBe("café");
  });

  test.prop([fc.string({ unit: "binary", maxLength: 60 })])("is idempotent", (typed) => {
    const once = normaliseAnswer(typed);
    expect(normaliseAnswer(once)).toBe(once);
  });

  test.prop([fc.string({ unit: "grapheme", maxLength: 60 })])("leaves no edge or double whitespace", (typed) => {
    const normalised = normaliseAnswer(typed);
    expect(normalised).toBe(normalised.trim());
    expect(normalised).not.toMatch(/\s\s|[^\S ]/u);
  });
});

describe("checkAnswerSet", () => {
  it("accepts distinct offered questions with distinct answers of 3–40 characters", () => {
    const set = [
      { questionId: "b01", answer: "Kucing" },
      { questionId: "b02", answer: "abc" },
      { questionId: "c-colour", answer: "x".repeat(40) },
    ];
    expect(checkAnswerSet(set, OFFERED)).toEqual([]);
  });

  it("counts length after normalisation, in code points", () => {
    expect(checkAnswerSet([{ questionId: "b01", answer: "  a   " }], OFFERED)).toEqual([
      { index: 0, problem: "answer_too_short" },
    ]);
    expect(checkAnswerSet([{ questionId: "b01", answer: "  a   b " }], OFFERED)).toEqual([]);
    expect(checkAnswerSet([{ questionId: "b01", answer: "😀😀😀" }], OFFERED)).toEqual([]);
    expect(checkAnswerSet([{ questionId: "b01", answer: "x".repeat(41) }], OFFERED)).toEqual([
      { index: 0, problem: "answer_too_long" },
    ]);
  });

  it("refuses a question twice, an unknown or missing question, and equal answers (after normalisation)", () => {
    const set = [
      { questionId: "b01", answer: "Jakarta" },
      { questionId: "b01", answer: "Bandung" },
      { questionId: "b09", answer: "Surabaya" },
      { questionId: "", answer: "Medan" },
      { questionId: "b02", answer: " JAKARTA " },
    ];
    expect(checkAnswerSet(set, OFFERED)).toEqual([
      { index: 1, problem: "duplicate_question" },
      { index: 2, problem: "unknown_question" },
      { index: 3, problem: "question_required" },
      { index: 4, problem: "duplicate_answer" },
    ]);
  });
});

describe("hashAnswers and checkAnswers", () => {
  const set = [
    { questionId: "b01", answer: "Kucing Oren" },
    { questionId: "b02", answer: "Bandung" },
    { questionId: "b03", answer: "Sari" },
  ];

  it("hashes the normalised answer bound to its question id", async () => {
    const stored = await hashAnswers(recordingHasher(), set);
    expect(stored[0]).toEqual({ questionId: "b01", answerHash: "fake$sandi-question:b01:kucing oren" });
    expect(answerHashInput("c-colour", "biru")).toBe("sandi-question:c-colour:biru");
  });

  it("accepts the right answers however they are capitalised and spaced", async () => {
    const hasher = recordingHasher();
    const stored = await hashAnswers(hasher, set);
    const typed = [
      { questionId: "b03", answer: "SARI " },
      { questionId: "b01", answer: "kucing   oren" },
    ];
    expect(await checkAnswers(hasher, stored, typed)).toBe(true);
  });

  it("refuses an answer moved to another question: the question id is part of the hash", async () => {
    const hasher = recordingHasher();
    const stored = await hashAnswers(hasher, set);
    const swapped = stored.map((entry, index) => ({ ...entry, answerHash: stored[(index + 1) % 3]?.answerHash ?? "" }));
    const typed = [{ questionId: "b01", answer: "Bandung" }];
    expect(await checkAnswers(hasher, swapped, typed)).toBe(false);
  });

  it("refuses an empty submission and a question typed twice", async () => {
    const hasher = recordingHasher();
    const stored = await hashAnswers(hasher, set);
    expect(await checkAnswers(hasher, stored, [])).toBe(false);
    const twice = [
      { questionId: "b01", answer: "Kucing Oren" },
      { questionId: "b01", answer: "Kucing Oren" },
    ];
    expect(await checkAnswers(hasher, stored, twice)).toBe(false);
  });

  it("uses the production Argon2id parameters and a 16-byte salt", async () => {
    const hasher = createArgon2idHasher({ maxInFlight: 1, maxWaiting: 4 });
    const [stored] = await hashAnswers(hasher, [{ questionId: "b05", answer: "Vespa" }]);
    const phc = stored?.answerHash ?? "";
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const salt = phc.split("$")[4] ?? "";
    expect(Buffer.from(salt, "base64").length).toBe(16);
    expect(phc).not.toContain("vespa");
    expect(await hasher.verify(phc, answerHashInput("b05", "vespa"))).toBe(true);
  });
});
