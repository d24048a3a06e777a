/** Steps of a reset through the security-questions gate, for tests: a seeded set, the questions asked, the answers. */
import type { VerifiedMethod } from "../../src/domain/ports.js";
import { hashAnswers, type TypedAnswer } from "../../src/domain/questions/answers.js";
import { questionSetDetails } from "../../src/domain/questions/question-set.js";
import type { TestApp } from "./build-test-app.js";
import type { PageClient, PageResponse } from "./page-client.js";
import { currentCsrf } from "./reset-journey.js";
import { createLightHasher } from "./test-argon2.js";

const hasher = createLightHasher({ maxInFlight: 2, maxWaiting: 100 });

/** Five answers to five built-in questions, as a user would register them. */
export const FIVE_ANSWERS: readonly TypedAnswer[] = [
  { questionId: "b01", answer: "Si Belang" },
  { questionId: "b02", answer: "Bandung" },
  { questionId: "b07", answer: "SD Negeri 3 Medan" },
  { questionId: "b09", answer: "Ucok" },
  { questionId: "b13", answer: "Denpasar" },
];

/** Saves `answers` as the user's verified question set (hashed as registration hashes them); returns the row. */
export async function seedQuestionSet(
  t: TestApp,
  userId: string,
  answers: readonly TypedAnswer[] = FIVE_ANSWERS,
): Promise<VerifiedMethod> {
  const user = await t.composed.stores.users.findUserByUserId(userId);
  if (user === null) throw new Error(`no user ${userId}`);
  const now = t.clock.now();
  const row: VerifiedMethod = {
    id: `questions-${user.ref}`,
    userRef: user.ref,
    method: "questions",
    value: "",
    label: null,
    createdAt: now,
    lastUsedAt: null,
    verifiedAt: now,
    details: questionSetDetails(await hashAnswers(hasher, answers)),
  };
  await t.composed.stores.methods.add(row);
  return row;
}

/** Chooses security questions at the current gate. */
export async function chooseQuestions(client: PageClient): Promise<PageResponse> {
  return client.post("/reset/method", { csrf: await currentCsrf(client), method: "questions" });
}

/** The question ids a questions page asks, in page order. */
export function askedQuestionIds(body: string): string[] {
  return [...body.matchAll(/<input id="answer-([^"]+)"/g)].map((match) => match[1] ?? "");
}

/** Answers the questions the current page asks with `answerFor(questionId)`; returns the POST's response. */
export async function answerQuestions(
  client: PageClient,
  answerFor: (questionId: string) => string,
): Promise<PageResponse> {
  const page = await client.get("/reset/verify");
  const fields: Record<string, string> = { step: "answer_questions" };
  for (const id of askedQuestionIds(page.body)) fields[`answer-${id}`] = answerFor(id);
  return client.post("/reset/step", { csrf: await currentCsrf(client), ...fields });
}

/** The right answer to `questionId` from `answers`, or a wrong one for a question the set does not hold. */
export function rightAnswerFrom(answers: readonly TypedAnswer[] = FIVE_ANSWERS): (questionId: string) => string {
  return (questionId) => answers.find((entry) => entry.questionId === questionId)?.answer ?? "tidak tahu";
}
