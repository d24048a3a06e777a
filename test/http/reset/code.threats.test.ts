/** Threats on one-time codes: reuse, racing, guessing across resends and flows, and codes from another flow. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient } from "../../support/page-client.js";
import { currentCsrf, latestCodeFor, requestEmailCode, submitCode, submitUserId } from "../../support/reset-journey.js";

const USER = { userId: "dewi@contoh.example", verifiedEmail: "dewi@mail.example" };

describe("one-time codes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [USER] });
  });
  afterEach(async () => t.close());

  async function startWithCode(client: PageClient): Promise<string> {
    await submitUserId(client, USER.userId);
    await requestEmailCode(client, USER.verifiedEmail);
    const code = await latestCodeFor(t.composed, USER.verifiedEmail);
    if (code === null) throw new Error("no code delivered");
    return code;
  }

  function wrongCodeFor(code: string): string {
    return code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
  }

  it("a code works only for its own flow", async () => {
    const first = createPageClient(t.app);
    const code = await startWithCode(first);
    const second = createPageClient(t.app);
    await submitUserId(second, USER.userId);
    await requestEmailCode(second, "not-the-address@mail.example");
    const response = await submitCode(second, code);
    expect(response.body).toContain("That code is wrong or has expired");
    expect((await second.get("/reset/verify")).body).not.toContain("New password");
  });

  it("a code works only once", async () => {
    const client = createPageClient(t.app);
    const code = await startWithCode(client);
    const csrf = await currentCsrf(client);
    expect((await client.post("/reset/code", { csrf, code })).status).toBe(303);
    const again = await client.post("/reset/code", { csrf, code });
    expect(again.location).toBe("/reset/verify"); // the flow moved on: submit_proof is no longer allowed
    expect((await client.get("/reset/verify")).body).toContain("Choose a new password");
  });

  it("two parallel submissions of the right code spend it once", async () => {
    const client = createPageClient(t.app);
    const code = await startWithCode(client);
    const csrf = await currentCsrf(client);
    const [a, b] = await Promise.all([
      client.post("/reset/code", { csrf, code }),
      client.post("/reset/code", { csrf, code }),
    ]);
    const passes = [a, b].filter(
      (response) => response.status === 303 && response.location === "/reset/verify" && response.body === "",
    );
    expect(passes.length).toBeGreaterThanOrEqual(1);
    const consumed = await t.db
      .selectFrom("challenge")
      .select("consumed_at")
      .where("consumed_at", "is not", null)
      .execute();
    expect(consumed).toHaveLength(1);
    const events = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("reason", "=", "method_passed:email")
      .execute();
    expect(events).toHaveLength(1);
  });

  it("three wrong entries void a code, and the right code no longer works", async () => {
    const client = createPageClient(t.app);
    const code = await startWithCode(client);
    const csrf = await currentCsrf(client);
    for (let attempt = 0; attempt < 3; attempt++) await client.post("/reset/code", { csrf, code: wrongCodeFor(code) });
    await client.post("/reset/code", { csrf, code });
    // The fourth entry is refused before any comparison (and, here, it is also the fifth A1 failure: a block).
    expect((await client.get("/reset/verify")).body).not.toContain("Choose a new password");
    const challenges = await t.db.selectFrom("challenge").select(["attempts", "consumed_at"]).execute();
    expect(challenges).toEqual([{ attempts: 3, consumed_at: null }]);
  });

  it("a code expires after 5 minutes", async () => {
    const client = createPageClient(t.app);
    const code = await startWithCode(client);
    t.clock.advanceSeconds(301);
    expect((await submitCode(client, code)).body).toContain("That code is wrong or has expired");
  });

  it("wrong entries count across resends and across new flows of the same account (A1 blocks at 5)", async () => {
    // Each typed address counts as a provisional failure until its code passes (see code-issue.ts), so:
    // flow 1: address (1), wrong code (2), resend, wrong code (3); flow 2: address (4), wrong code (5) → blocked.
    const first = createPageClient(t.app);
    const code = await startWithCode(first);
    await submitCode(first, wrongCodeFor(code));
    t.clock.advanceSeconds(31);
    await first.post("/reset/resend", { csrf: await currentCsrf(first) });
    const resent = await latestCodeFor(t.composed, USER.verifiedEmail);
    await submitCode(first, wrongCodeFor(resent ?? "00000000"));
    const second = createPageClient(t.app);
    const secondCode = await startWithCode(second);
    const fifth = await submitCode(second, wrongCodeFor(secondCode));
    expect(fifth.location).toBe("/reset/verify");
    expect((await second.get("/reset/verify")).body).toContain("Too many attempts");
    const third = createPageClient(t.app);
    await submitUserId(third, USER.userId);
    expect((await third.get("/reset/verify")).body).toContain("password reset is paused until");
  });

  it("a right address and a wrong one reach the block after the same number of requests", async () => {
    async function requestsUntilBlocked(userId: string, address: string): Promise<number> {
      const client = createPageClient(t.app);
      await submitUserId(client, userId);
      await requestEmailCode(client, address);
      const csrf = await currentCsrf(client);
      for (let count = 1; count <= 10; count++) {
        if (count % 3 === 0) {
          t.clock.advanceSeconds(31);
          await client.post("/reset/resend", { csrf });
        }
        await client.post("/reset/code", { csrf, code: "99999999" });
        if ((await client.get("/reset/verify")).body.includes("Too many attempts")) return count;
      }
      return -1;
    }
    await t.seed.user({ userId: "twin@contoh.example", verifiedEmail: "twin@mail.example" });
    const right = await requestsUntilBlocked(USER.userId, USER.verifiedEmail);
    const wrong = await requestsUntilBlocked("twin@contoh.example", "not-twin@mail.example");
    expect(right).toBeGreaterThan(0);
    expect(wrong).toBe(right);
  });

  it("an unknown ID is blocked after the same number of wrong entries", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, "ghost@contoh.example");
    await requestEmailCode(client, "ghost@mail.example");
    const csrf = await currentCsrf(client);
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt === 3) {
        t.clock.advanceSeconds(31);
        await client.post("/reset/resend", { csrf });
      }
      await client.post("/reset/code", { csrf, code: "12345678" });
    }
    // The typed address did not match (failure 1), then four wrong codes: the fifth failure blocks, as for a real account.
    expect((await client.get("/reset/verify")).body).toContain("Too many attempts");
  });
});
