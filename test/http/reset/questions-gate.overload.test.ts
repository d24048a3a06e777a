/**
 * Threat: other people's load spends a user's attempts. The security-questions gate verifies a set of answers under
 * one hasher admission; when the Argon2 queue is full the check is refused before the first hash and answered 503.
 * Nothing was judged, so the check must cost the user nothing: no A1 failure, no A2 hit, the same questions on
 * the retry, and the retry passes as if the refused one never happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import { CapacityExceededError } from "../../../src/lib/concurrency-limit.js";
import { type Argon2idHasher, createArgon2idHasher, type SecretHasher } from "../../../src/lib/crypto/argon2id.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import {
  answerQuestions,
  askedQuestionIds,
  chooseQuestions,
  rightAnswerFrom,
  seedQuestionSet,
} from "../../support/questions-gate-journey.js";
import { submitUserId } from "../../support/reset-journey.js";

const PASSWORD_PAGE = "At least 8 characters";

/** A real hasher whose request admission can be made to refuse, as a full queue refuses. */
function createSwitchableHasher(): Argon2idHasher & { overloaded: boolean } {
  const real = createArgon2idHasher({ maxInFlight: 2, maxWaiting: 100 });
  const switchable: Argon2idHasher & { overloaded: boolean } = {
    overloaded: false,
    patient: real.patient,
    admit: <T>(work: (hasher: SecretHasher) => Promise<T>): Promise<T> =>
      switchable.overloaded ? Promise.reject(new CapacityExceededError()) : real.admit(work),
    hash: (secret) => switchable.admit((hasher) => hasher.hash(secret)),
    verify: (stored, secret) => switchable.admit((hasher) => hasher.verify(stored, secret)),
    verifyDummy: (secret) => switchable.admit((hasher) => hasher.verifyDummy(secret)),
  };
  return switchable;
}

describe("the security-questions gate under a full Argon2 queue", () => {
  let t: TestApp;
  const hasher = createSwitchableHasher();
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.securityQuestions": "on" } }, { hasher });
  });
  afterAll(async () => t.close());

  async function counts(userId: string): Promise<{ A1: number; A2: number }> {
    const user = await t.composed.stores.users.findUserByUserId(userId);
    const key = accountKey(user?.ref ?? null, userId);
    const { throttles } = t.composed.stores;
    return { A1: await throttles.count("A1", key, new Date(0)), A2: await throttles.count("A2", key, new Date(0)) };
  }

  it("a hasher overload at the questions gate costs the user no attempt", async () => {
    const userId = "sekar@contoh.example";
    await t.seed.user({ userId, verifiedEmail: "sekar@mail.example", password: "Old-Password-2026" });
    await seedQuestionSet(t, userId);
    const client = createPageClient(t.app, { ip: "10.67.0.1" });
    await submitUserId(client, userId);
    await chooseQuestions(client);
    const asked = askedQuestionIds((await client.get("/reset/verify")).body);

    hasher.overloaded = true;
    const shed = await answerQuestions(client, rightAnswerFrom());
    hasher.overloaded = false;
    expect(shed.status).toBe(503);
    expect(await counts(userId)).toEqual({ A1: 0, A2: 0 });

    // The same questions stay, and the retry is judged as the first check.
    expect(askedQuestionIds((await client.get("/reset/verify")).body)).toEqual(asked);
    expect((await answerQuestions(client, rightAnswerFrom())).location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain(PASSWORD_PAGE);
    expect(await counts(userId)).toEqual({ A1: 0, A2: 1 });
  });
});
