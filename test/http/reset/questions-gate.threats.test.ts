/**
 * A reset through the security-questions gate (SPEC §4.6, §6.6, §8.1). Threats: answer sets guessed for free (a
 * wrong set must count once in A1 and once in A2, and A2 stops the sixth check in an hour), an answer echoed into
 * a page or the audit log, a privileged user passing a gate with questions, and the gate skipped by posting ahead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import type { AdminRole } from "../../../src/domain/users.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient } from "../../support/page-client.js";
import {
  answerQuestions,
  askedQuestionIds,
  chooseQuestions,
  FIVE_ANSWERS,
  rightAnswerFrom,
  seedQuestionSet,
} from "../../support/questions-gate-journey.js";
import { currentCsrf, latestCodeFor, requestEmailCode, submitCode, submitUserId } from "../../support/reset-journey.js";

const PASSWORD = "Old-Password-2026";
let nextUser = 1;

/** A fresh user with an email and the five-answer question set, privileged when `roles` are given. */
async function personWithQuestions(
  t: TestApp,
  roles: readonly AdminRole[] = [],
): Promise<{ userId: string; verifiedEmail: string; password: string }> {
  const name = `fitri${String(nextUser++)}`;
  const person = { userId: `${name}@contoh.example`, verifiedEmail: `${name}@mail.example`, password: PASSWORD };
  await t.seed.user({ ...person, roles, ...(roles.length > 0 ? { passkey: true } : {}) });
  await seedQuestionSet(t, person.userId);
  return person;
}
const WRONG = "bukan jawabannya";
const WRONG_SET_MESSAGE = "One or more answers are wrong. We've picked new questions.";
const PASSWORD_PAGE = "At least 8 characters";
let nextIp = 1;

/** The English texts of the seeded set's built-in questions (SPEC §4.6). */
const QUESTION_TEXTS: Readonly<Record<string, string>> = {
  b01: "What did you name your first pet?",
  b02: "In which town or city was your first job?",
  b07: "What was the name of the first school you attended?",
  b09: "What was your childhood nickname?",
  b13: "To which city did you take your first flight?",
};

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.66.0.${String(nextIp++)}` });
}

async function refOf(t: TestApp, userId: string): Promise<string> {
  return (await t.composed.stores.users.findUserByUserId(userId))?.ref ?? "";
}

async function counts(t: TestApp, userId: string): Promise<{ A1: number; A2: number }> {
  const user = await t.composed.stores.users.findUserByUserId(userId);
  const key = accountKey(user?.ref ?? null, userId);
  const since = new Date(0);
  const { throttles } = t.composed.stores;
  return { A1: await throttles.count("A1", key, since), A2: await throttles.count("A2", key, since) };
}

async function auditReasons(t: TestApp): Promise<string[]> {
  return (await t.db.selectFrom("audit_event").select("reason").execute()).map((row) => row.reason ?? "");
}

async function passwordIs(t: TestApp, userId: string, password: string): Promise<boolean> {
  const user = await t.composed.stores.users.findUserByUserId(userId);
  if (user === null) throw new Error(`no user ${userId}`);
  return t.composed.stores.directory.verifyPassword(user, password);
}

describe("the security-questions gate", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.securityQuestions": "on" } });
  });
  afterAll(async () => t.close());

  it("asks three of the user's questions, each labelled, and opens the new password page for the right answers", async () => {
    const fitri = await personWithQuestions(t);
    const client = browser(t);
    await submitUserId(client, fitri.userId);
    expect((await client.get("/reset/verify")).body).toContain('value="questions"');
    expect((await chooseQuestions(client)).location).toBe("/reset/verify");
    const page = (await client.get("/reset/verify")).body;
    const asked = askedQuestionIds(page);
    expect(asked).toHaveLength(3);
    for (const id of asked) {
      expect(FIVE_ANSWERS.map((entry) => entry.questionId)).toContain(id);
      expect(page).toContain(`<label for="answer-${id}">${QUESTION_TEXTS[id] ?? "?"}</label>`);
      expect(page).toMatch(new RegExp(`id="answer-${id}" name="answer-${id}" type="text" autocomplete="off"`));
    }
    expect((await answerQuestions(client, rightAnswerFrom())).location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain(PASSWORD_PAGE);
    const row = (await t.composed.stores.methods.listForUser(await refOf(t, fitri.userId))).find(
      (method) => method.method === "questions",
    );
    expect(row?.lastUsedAt).not.toBeNull();
    expect(await counts(t, fitri.userId)).toEqual({ A1: 0, A2: 1 });
  });

  it("a wrong answer set counts once in A1 and once in A2, names no answer, echoes none, and draws again", async () => {
    const fitri = await personWithQuestions(t);
    const client = browser(t);
    await submitUserId(client, fitri.userId);
    await chooseQuestions(client);
    const wrong = await answerQuestions(client, () => WRONG);
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain(WRONG_SET_MESSAGE);
    expect(wrong.body).not.toContain(WRONG);
    expect(wrong.body).not.toContain('aria-invalid="true"');
    expect(askedQuestionIds(wrong.body)).toHaveLength(3);
    expect(await counts(t, fitri.userId)).toEqual({ A1: 1, A2: 1 });
    const reasons = await auditReasons(t);
    expect(reasons).toContain("method_failed:questions:SND-208");
    expect(reasons.join(" ")).not.toContain(WRONG);
    expect(t.logLines.join("\n")).not.toContain(WRONG);
    // The right set then passes, and the wrong one's failure stays on the account.
    await answerQuestions(client, rightAnswerFrom());
    expect((await client.get("/reset/verify")).body).toContain(PASSWORD_PAGE);
    expect(await counts(t, fitri.userId)).toEqual({ A1: 1, A2: 2 });
  });

  it("a right answer typed into the page is never written back, even beside a malformed one (nothing counted)", async () => {
    const fitri = await personWithQuestions(t);
    const client = browser(t);
    await submitUserId(client, fitri.userId);
    await chooseQuestions(client);
    const before = askedQuestionIds((await client.get("/reset/verify")).body);
    let first = true;
    const malformed = await answerQuestions(client, (id) => {
      if (first) {
        first = false;
        return "ab";
      }
      return rightAnswerFrom()(id);
    });
    expect(malformed.body).toContain("Answer every question with 3 to 40 characters.");
    for (const entry of FIVE_ANSWERS) expect(malformed.body).not.toContain(entry.answer);
    // Not a check: the same questions stay, and no counter moved.
    expect(askedQuestionIds(malformed.body)).toEqual(before);
    expect(await counts(t, fitri.userId)).toEqual({ A1: 0, A2: 0 });
  });

  it("a sixth answer-set check within an hour is refused: A2 blocks with SND-302", async () => {
    const fitri = await personWithQuestions(t);
    const client = browser(t);
    await submitUserId(client, fitri.userId);
    await chooseQuestions(client);
    for (let attempt = 0; attempt < 4; attempt++) await answerQuestions(client, () => WRONG);
    await answerQuestions(client, rightAnswerFrom());
    expect((await client.get("/reset/verify")).body).toContain(PASSWORD_PAGE);
    expect(await counts(t, fitri.userId)).toEqual({ A1: 4, A2: 5 });
    await submitUserId(client, fitri.userId);
    await chooseQuestions(client);
    await answerQuestions(client, rightAnswerFrom());
    const sixth = await client.get("/reset/verify");
    expect(sixth.body).toContain("Too many attempts");
    expect(sixth.body).not.toContain(PASSWORD_PAGE);
    expect(await auditReasons(t)).toContain("blocked:SND-302");
    expect(await passwordIs(t, fitri.userId, fitri.password)).toBe(true);
  });

  it("cannot be skipped: no password before the answers, and no other step's fields are taken", async () => {
    const fitri = await personWithQuestions(t);
    const client = browser(t);
    await submitUserId(client, fitri.userId);
    await chooseQuestions(client);
    const csrf = await currentCsrf(client);
    const early = await client.post("/reset/password", {
      csrf,
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(early.location).toBe("/reset/verify");
    expect((await client.post("/reset/step", { csrf, step: "enter_code", code: "12345678" })).location).toBe(
      "/reset/verify",
    );
    expect((await client.post("/reset/code", { csrf, code: "12345678" })).location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).not.toContain(PASSWORD_PAGE);
    expect(await counts(t, fitri.userId)).toEqual({ A1: 0, A2: 0 });
    expect(await passwordIs(t, fitri.userId, fitri.password)).toBe(true);
  });

  it("a flow from another browser cannot answer: the answers need this browser's flow cookie", async () => {
    const fitri = await personWithQuestions(t);
    const owner = browser(t);
    await submitUserId(owner, fitri.userId);
    await chooseQuestions(owner);
    const page = (await owner.get("/reset/verify")).body;
    const fields: Record<string, string> = { step: "answer_questions", csrf: await currentCsrf(owner) };
    for (const id of askedQuestionIds(page)) fields[`answer-${id}`] = rightAnswerFrom()(id);
    const stranger = browser(t);
    expect((await stranger.post("/reset/step", fields)).location).toBe("/reset");
    expect((await owner.get("/reset/verify")).body).not.toContain(PASSWORD_PAGE);
  });

  it("passes gate 1 of two, and gate 2 cannot reuse questions (SND-211): another kind must follow", async () => {
    const fitri = await personWithQuestions(t);
    await t.seed.policy({ methodsToRegister: "2", methodsToReset: "2" });
    try {
      const client = browser(t);
      await submitUserId(client, fitri.userId);
      await chooseQuestions(client);
      await answerQuestions(client, rightAnswerFrom());
      expect((await client.get("/reset/verify")).body).toContain("step 2 of 2");
      await chooseQuestions(client);
      const refused = (await client.get("/reset/verify")).body;
      expect(askedQuestionIds(refused)).toEqual([]);
      expect(refused).toContain("step 2 of 2");
      expect(refused).toContain('name="method"');
      // Gate 2's email shows the masked address and sends without typing (SPEC §6.6).
      await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" });
      await client.post("/reset/step", { csrf: await currentCsrf(client), step: "confirm_send" });
      await submitCode(client, (await latestCodeFor(t.composed, fitri.verifiedEmail)) ?? "");
      expect((await client.get("/reset/verify")).body).toContain(PASSWORD_PAGE);
    } finally {
      await t.seed.policy({ methodsToReset: "1", methodsToRegister: "1" });
    }
  });

  describe("a privileged user", () => {
    it("cannot pass gate 1 with questions, even answering their own set right: every set is wrong, and counted", async () => {
      const admin = await personWithQuestions(t, ["helpdesk_admin"]);
      const client = browser(t);
      await submitUserId(client, admin.userId);
      // Gate 1 lists every enabled method to everyone (SPEC §6.4), questions too.
      expect((await client.get("/reset/verify")).body).toContain('value="questions"');
      await chooseQuestions(client);
      const asked = askedQuestionIds((await client.get("/reset/verify")).body);
      expect(asked).toHaveLength(3);
      const answered = await answerQuestions(client, rightAnswerFrom());
      expect(answered.body).toContain(WRONG_SET_MESSAGE);
      expect(await counts(t, admin.userId)).toEqual({ A1: 1, A2: 1 });
    });

    it("cannot pass gate 2 with questions after passing gate 1 by email", async () => {
      const admin = await personWithQuestions(t, ["helpdesk_admin"]);
      const client = browser(t);
      await submitUserId(client, admin.userId);
      await requestEmailCode(client, admin.verifiedEmail);
      await submitCode(client, (await latestCodeFor(t.composed, admin.verifiedEmail)) ?? "");
      const gateTwo = (await client.get("/reset/verify")).body;
      expect(gateTwo).toContain("step 2 of");
      // Gate 2 never offers questions to a privileged user (SPEC §6.6); choosing them anyway is refused.
      expect(gateTwo).not.toContain('value="questions"');
      await chooseQuestions(client);
      const answered = await answerQuestions(client, rightAnswerFrom());
      expect(answered.status).toBe(303);
      expect((await client.get("/reset/verify")).body).not.toContain(PASSWORD_PAGE);
      expect(await passwordIs(t, admin.userId, admin.password)).toBe(true);
    });
  });
});
