/**
 * The security-questions gate on its own (SPEC §4.6, §6.4 item 5): what it draws, what a submission means, and what
 * a check costs. Threats: an unknown ID shows different questions on each visit (a real set shows the same few), a
 * check without a real set does less Argon2id work than one with it, a privileged user passes with questions, and an
 * answer to a question that was not asked counts.
 */
import { describe, expect, it } from "vitest";
import type { GateCheck, GateRequest, VerificationMethod } from "../../src/domain/methods/method-port.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../src/domain/policies/sspr-policy.js";
import type { AccountState, CodeKeys, VerifiedMethod } from "../../src/domain/ports.js";
import { hashAnswers } from "../../src/domain/questions/answers.js";
import { inertQuestionSet } from "../../src/domain/questions/draw.js";
import { questionPool } from "../../src/domain/questions/question-pool.js";
import type { Argon2idHasher, SecretHasher } from "../../src/lib/crypto/argon2id.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { createQuestionsGate } from "../../src/methods/questions/questions-gate.js";

const KEY = new Uint8Array(32).fill(9);
const CODE_KEYS: CodeKeys = { currentId: "code-hmac-1", get: () => KEY };
const NOW = new Date("2026-11-26T08:00:00Z");
const POLICY: SsprPolicy = {
  ...DEFAULT_POLICY,
  methods: { ...DEFAULT_POLICY.methods, securityQuestions: true },
  questions: { ...DEFAULT_POLICY.questions, toRegister: 5, toReset: 3 },
};
const SET = [
  { questionId: "b01", answer: "Si Belang" },
  { questionId: "b02", answer: "Bandung" },
  { questionId: "b07", answer: "SD Negeri 3" },
  { questionId: "b09", answer: "Ucok" },
  { questionId: "b13", answer: "Medan" },
];
const ANSWER_OF = new Map(SET.map((entry) => [entry.questionId, entry.answer]));

/** A hasher whose hashes are readable and whose every verification, real or dummy, is counted. */
function countingHasher(): Argon2idHasher & { verifications: number; admissions: number } {
  const counted = {
    verifications: 0,
    admissions: 0,
    hash: (secret: string) => Promise.resolve(`fake$${secret}`),
    verify: (stored: string, secret: string) => {
      counted.verifications++;
      return Promise.resolve(stored === `fake$${secret}`);
    },
    verifyDummy: () => {
      counted.verifications++;
      return Promise.resolve();
    },
  };
  const patient: SecretHasher = counted;
  return Object.assign(counted, {
    patient,
    admit: <T>(work: (hasher: SecretHasher) => Promise<T>) => {
      counted.admissions++;
      return work(patient);
    },
  });
}

function account(roles: AccountState["roles"] = []): AccountState {
  return { ref: "ref-1", roles } as unknown as AccountState;
}

async function questionsRow(): Promise<VerifiedMethod> {
  const answers = await hashAnswers(countingHasher(), SET);
  return {
    id: "row-questions",
    userRef: "ref-1",
    method: "questions",
    value: "",
    label: null,
    createdAt: NOW,
    lastUsedAt: null,
    details: { answers },
  };
}

function gate(hasher: SecretHasher, found: AccountState | null = account()): VerificationMethod {
  return createQuestionsGate({
    hasher,
    random: createSecureRandom(),
    codeKeys: CODE_KEYS,
    accounts: { findByRef: () => Promise.resolve(found) },
  });
}

function request(overrides: Partial<GateRequest> = {}): GateRequest {
  return {
    flowId: "flow-1",
    gate: 1,
    typedUserId: "budi@contoh.example",
    userRef: "ref-1",
    targets: [],
    policy: POLICY,
    lang: "en",
    now: NOW,
    ...overrides,
  };
}

function drawnOf(stepData: unknown): string[] {
  return (stepData as { questionIds: string[] }).questionIds;
}

/** Opens the gate and checks `answerFor` of each drawn question through submit and verify. */
async function answer(
  method: VerificationMethod,
  opened: GateRequest,
  answerFor: (questionId: string) => string,
): Promise<Awaited<ReturnType<VerificationMethod["verify"]>>> {
  const opening = await method.begin(opened);
  const fields = Object.fromEntries(drawnOf(opening.stepData).map((id) => [`answer-${id}`, answerFor(id)]));
  const submission = method.submit("answer_questions", fields, POLICY);
  if (submission.kind !== "check") throw new Error(`not a check: ${JSON.stringify(submission)}`);
  if (opening.challenge === null) throw new Error("no challenge");
  const check: GateCheck = {
    ...opened,
    challenge: opening.challenge,
    proof: submission.proof,
    stepData: opening.stepData,
  };
  return method.verify(check);
}

describe("the security-questions gate", () => {
  it("draws toReset of the user's own questions and opens a challenge for that set, living as long as a flow", async () => {
    const row = await questionsRow();
    const opening = await gate(countingHasher()).begin(request({ targets: [row] }));
    expect(opening.firstStep).toBe("answer_questions");
    const drawn = drawnOf(opening.stepData);
    expect(drawn).toHaveLength(3);
    expect(new Set(drawn).size).toBe(3);
    for (const id of drawn) expect(ANSWER_OF.has(id)).toBe(true);
    expect(opening.challenge).toMatchObject({ method: "questions", targetRef: row.id, codeHmac: null, attempts: 0 });
    expect(opening.challenge?.expiresAt).toEqual(new Date(NOW.getTime() + 15 * 60 * 1000));
  });

  it("an unknown ID is asked from a stand-in set fixed by the server key and the typed ID, the same on every visit", async () => {
    const method = gate(countingHasher(), null);
    const pool = questionPool(POLICY.questions).map((question) => question.id);
    const standIn = inertQuestionSet(KEY, "nobody@contoh.example", pool, 5);
    const seen = new Set<string>();
    for (let visit = 0; visit < 40; visit++) {
      const opening = await method.begin(request({ typedUserId: "nobody@contoh.example", userRef: null }));
      expect(drawnOf(opening.stepData)).toHaveLength(3);
      for (const id of drawnOf(opening.stepData)) seen.add(id);
      expect(opening.challenge?.targetRef).toBeNull();
    }
    // Forty draws of 3 from 5 cover all 5 (the chance they miss one is below 10⁻⁸), and never a sixth.
    expect([...seen].sort()).toEqual([...standIn].sort());
  });

  it("a user without questions is asked the stand-ins of the ID typed, as an unknown ID would be", async () => {
    const pool = questionPool(POLICY.questions).map((question) => question.id);
    const standIn = inertQuestionSet(KEY, "budi@contoh.example", pool, 5);
    const opening = await gate(countingHasher()).begin(request());
    for (const id of drawnOf(opening.stepData)) expect(standIn).toContain(id);
  });

  it("passes with every answer right, typed with other capitals and spaces, and proves the questions row", async () => {
    const row = await questionsRow();
    const verdict = await answer(gate(countingHasher()), request({ targets: [row] }), (id) =>
      `  ${(ANSWER_OF.get(id) ?? "").toUpperCase()} `.replace(" ", "   "),
    );
    expect(verdict).toEqual({ passed: true, proved: row.id });
  });

  it("fails one wrong answer as SND-208 with a fresh draw from the user's set, never saying which was wrong", async () => {
    const row = await questionsRow();
    let first = true;
    const verdict = await answer(gate(countingHasher()), request({ targets: [row] }), (id) => {
      const right = ANSWER_OF.get(id) ?? "";
      if (!first) return right;
      first = false;
      return "salah sekali";
    });
    expect(verdict.passed).toBe(false);
    if (verdict.passed) return;
    expect(verdict.reason).toBe("SND-208");
    expect(Object.keys(verdict)).toEqual(["passed", "reason", "stepData"]);
    const redrawn = drawnOf(verdict.stepData);
    expect(redrawn).toHaveLength(3);
    for (const id of redrawn) expect(ANSWER_OF.has(id)).toBe(true);
  });

  it("a privileged user cannot pass with questions, even with every answer right", async () => {
    const row = await questionsRow();
    const method = gate(countingHasher(), account(["helpdesk_admin"]));
    const opening = await method.begin(request({ targets: [row] }));
    expect(opening.challenge?.targetRef).toBeNull();
    const verdict = await answer(method, request({ targets: [row] }), (id) => ANSWER_OF.get(id) ?? "wrong answer");
    expect(verdict).toMatchObject({ passed: false, reason: "SND-208" });
  });

  it("answers to questions that were not asked do not count, even when they are right", async () => {
    const row = await questionsRow();
    const method = gate(countingHasher());
    const opening = await method.begin(request({ targets: [row] }));
    const drawn = drawnOf(opening.stepData);
    const notAsked = SET.map((entry) => entry.questionId).filter((id) => !drawn.includes(id));
    const proof = Object.fromEntries([...notAsked, drawn[0] ?? ""].map((id) => [id, ANSWER_OF.get(id) ?? ""]));
    if (opening.challenge === null) throw new Error("no challenge");
    const verdict = await method.verify({
      ...request({ targets: [row] }),
      challenge: opening.challenge,
      proof,
      stepData: opening.stepData,
    });
    expect(verdict.passed).toBe(false);
  });

  it("does the same Argon2id work for a real set, right or wrong, an unknown ID, a user without questions and an admin", async () => {
    const row = await questionsRow();
    const cases: [string, AccountState | null, GateRequest, (id: string) => string][] = [
      ["right", account(), request({ targets: [row] }), (id) => ANSWER_OF.get(id) ?? ""],
      ["wrong", account(), request({ targets: [row] }), () => "salah sekali"],
      ["unknown", null, request({ userRef: null, typedUserId: "ghost@contoh.example" }), () => "salah sekali"],
      ["no set", account(), request(), () => "salah sekali"],
      ["admin", account(["global_admin"]), request({ targets: [row] }), (id) => ANSWER_OF.get(id) ?? "salah sekali"],
    ];
    for (const [name, found, opened, answerFor] of cases) {
      const hasher = countingHasher();
      await answer(gate(hasher, found), opened, answerFor);
      // One admission for the whole set (refused before the first hash, never between two), then 3 verifications.
      expect({ name, admissions: hasher.admissions, verifications: hasher.verifications }).toEqual({
        name,
        admissions: 1,
        verifications: 3,
      });
    }
  });

  it("refuses a set with a missing, short or long answer, or too many answers, before anything is counted", () => {
    const method = gate(countingHasher());
    const good = { "answer-b01": "Si Belang", "answer-b02": "Bandung", "answer-c-river": "Ciliwung" };
    expect(method.submit("answer_questions", good, POLICY)).toEqual({
      kind: "check",
      proof: { b01: "si belang", b02: "bandung", "c-river": "ciliwung" },
    });
    const refused = [
      { "answer-b01": "Si Belang", "answer-b02": "Bandung" },
      { ...good, "answer-b02": "  a  " },
      { ...good, "answer-b02": "x".repeat(41) },
      { ...good, "answer-b09": "Ucok Baba" },
      { ...good, "answer-b02": "" },
      { "answer-b01": "Si Belang", "answer-b02": "Bandung", "answer-../x": "Ciliwung" },
    ];
    for (const fields of refused)
      expect(method.submit("answer_questions", fields, POLICY), JSON.stringify(fields)).toEqual({
        kind: "invalid",
        notice: "answers_invalid",
      });
  });

  it("describes one answer field per drawn question, with a custom question's texts from the policy", () => {
    const policy: SsprPolicy = {
      ...POLICY,
      questions: {
        ...POLICY.questions,
        custom: [{ id: "river", en: "Which river did you swim in first?", id_: null }],
      },
    };
    const step = gate(countingHasher()).describeStep("answer_questions", {
      policy,
      stepData: { questionIds: ["b01", "c-river", "b13"] },
    });
    expect(step).toMatchObject({ method: "questions", codeLength: null, codeSource: null, maskedTarget: null });
    expect(step.fields).toEqual([
      { name: "answer-b01", input: "answer", maxLength: 200, questionId: "b01" },
      {
        name: "answer-c-river",
        input: "answer",
        maxLength: 200,
        questionId: "c-river",
        customQuestion: { en: "Which river did you swim in first?", id_: null },
      },
      { name: "answer-b13", input: "answer", maxLength: 200, questionId: "b13" },
    ]);
  });
});
