/**
 * Threats against the action choice and unlock only (issue 11 item 3, SPEC §6.4, §6.5, §8.1): learning from the
 * choice which accounts exist or are locked, lifting an admin lock by self-service, reaching the unlock without the
 * gates, and unlocking (or resetting) more than A4 allows.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_AUTHENTICATOR_CODE } from "../../support/fake-authenticator.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import {
  currentCsrf,
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";
import {
  canSignIn,
  chooseAction,
  headingOf,
  lockBySignInFailures,
  UNLOCK_TEST_CONFIG,
  unlockByEmail,
} from "../../support/unlock-journey.js";
import { comparablePage } from "../../support/comparable-page.js";

const BUDI = { userId: "budi@contoh.example", verifiedEmail: "budi@mail.example", password: "Old-Password-2026" };

async function flowStates(t: TestApp): Promise<string[]> {
  return (await t.db.selectFrom("reset_flow").select("state").execute()).map((row) => row.state);
}

async function isAdminLocked(t: TestApp, userId: string): Promise<boolean> {
  return (await t.composed.stores.users.findUserByUserId(userId))?.adminLocked ?? false;
}

async function hasSignInLockout(t: TestApp, userId: string): Promise<boolean> {
  return ((await t.composed.stores.signInLockouts.find(userId))?.lockedUntil ?? null) !== null;
}

describe("unlock only: threats", () => {
  let t: TestApp;
  let budiRef: string;
  beforeEach(async () => {
    t = await buildResetTestApp({ policy: { unlockWithoutReset: "yes" } }, { config: UNLOCK_TEST_CONFIG });
    budiRef = await t.seed.user(BUDI);
  });
  afterEach(async () => t.close());

  it("an attacker cannot tell from the choice page, or any step up to the gate, whether an ID exists or is locked", async () => {
    const walk = async (client: PageClient, userId: string): Promise<object[]> => {
      const steps: PageResponse[] = [await submitUserId(client, userId)];
      steps.push(await client.get("/reset/verify"));
      steps.push(await chooseAction(client, "unlock"));
      steps.push(await client.get("/reset/verify"));
      steps.push(await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" }));
      steps.push(await client.get("/reset/verify"));
      steps.push(await client.post("/reset/contact", { csrf: await currentCsrf(client), address: "x@else.example" }));
      steps.push(await client.get("/reset/verify"));
      steps.push(await client.post("/reset/code", { csrf: await currentCsrf(client), code: "12345678" }));
      return steps.map(comparablePage);
    };
    await t.seed.user({
      userId: "locked@contoh.example",
      verifiedEmail: "locked@mail.example",
      password: "Pw-Locked-1",
    });
    await lockBySignInFailures(t, "locked@contoh.example", "10.8.0.9");
    const admin = await t.seed.user({ userId: "held@contoh.example", verifiedEmail: "held@mail.example" });
    await t.composed.stores.accounts.setAdminLock(admin, true, t.clock.now());

    const unknown = await walk(createPageClient(t.app, { ip: "10.8.0.1" }), "nobody@contoh.example");
    for (const [index, userId] of [BUDI.userId, "locked@contoh.example", "held@contoh.example"].entries())
      expect(await walk(createPageClient(t.app, { ip: `10.8.1.${String(index)}` }), userId), userId).toEqual(unknown);
  });

  it("an admin lock (SND-411) is never lifted by self-service: the flow is inert, no code is sent, the locks stay", async () => {
    await lockBySignInFailures(t, BUDI.userId, "10.8.2.9");
    await t.composed.stores.accounts.setAdminLock(budiRef, true, t.clock.now());
    const client = createPageClient(t.app, { ip: "10.8.2.1" });
    await unlockByEmail(t, client, BUDI);
    expect(await latestCodeFor(t.composed, BUDI.verifiedEmail)).toBeNull();
    expect(await flowStates(t)).toEqual(["gate_challenge"]);
    expect(await isAdminLocked(t, BUDI.userId)).toBe(true);
    expect(await hasSignInLockout(t, BUDI.userId)).toBe(true);
  });

  it("an admin lock set after the code was sent ends the flow with SND-411 when the gate is passed; nothing is lifted", async () => {
    await lockBySignInFailures(t, BUDI.userId, "10.8.3.9");
    const client = createPageClient(t.app, { ip: "10.8.3.1" });
    await submitUserId(client, BUDI.userId);
    await chooseAction(client, "unlock");
    await requestEmailCode(client, BUDI.verifiedEmail);
    await t.composed.stores.accounts.setAdminLock(budiRef, true, t.clock.now());
    await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("An administrator has locked this account.");
    expect(page.body).toContain("SND-411");
    expect(await flowStates(t)).toEqual(["failed"]);
    expect(await isAdminLocked(t, BUDI.userId)).toBe(true);
    expect(await hasSignInLockout(t, BUDI.userId)).toBe(true);
  });

  it("UNLOCKING re-runs the checks: an admin lock set while the directory was unreachable fails the unlock (SND-411)", async () => {
    await t.close();
    t = await buildResetTestApp(
      { policy: { unlockWithoutReset: "yes" } },
      { config: UNLOCK_TEST_CONFIG, directory: "read-only" },
    );
    budiRef = await t.seed.user(BUDI);
    const directory = t.readOnlyDirectory;
    if (directory === null) throw new Error("no read-only directory");
    let unlocks = 0;
    Object.assign(directory, {
      capabilities: { ...directory.capabilities, canUnlock: true },
      lockState: () => Promise.resolve({ locked: true, until: null }),
      unlock: () => {
        unlocks += 1;
        return Promise.reject(new Error("connect ETIMEDOUT"));
      },
    });
    const client = createPageClient(t.app, { ip: "10.8.4.1" });
    await unlockByEmail(t, client, BUDI);
    const retry = await client.get("/reset/verify");
    expect(headingOf(retry)).toBe("Unlocking your account");
    expect(retry.body).toContain("so your account is still locked. Nothing was changed.");

    await t.composed.stores.accounts.setAdminLock(budiRef, true, t.clock.now());
    await client.post("/reset/unlock", { csrf: await currentCsrf(client) });
    expect((await client.get("/reset/verify")).body).toContain("An administrator has locked this account.");
    expect(unlocks).toBe(1);
    const unlockEvents = await t.db
      .selectFrom("audit_event")
      .select(["result", "reason"])
      .where("activity", "=", "account.unlock.self")
      .orderBy("seq")
      .execute();
    expect(unlockEvents).toEqual([
      { result: "failure", reason: "SND-401" },
      { result: "failure", reason: "SND-411" },
    ]);
  });

  it("a user cannot skip a gate by posting to the unlock step (or its sequels) before the gates are passed", async () => {
    await lockBySignInFailures(t, BUDI.userId, "10.8.5.9");
    const client = createPageClient(t.app, { ip: "10.8.5.1" });
    await submitUserId(client, BUDI.userId);
    const skips = async () => {
      const csrf = await currentCsrf(client);
      for (const path of ["/reset/unlock", "/reset/reset-instead", "/reset/finish"])
        expect((await client.post(path, { csrf })).location, path).toBe("/reset/verify");
    };
    await skips(); // in ACTION
    await chooseAction(client, "unlock");
    await skips(); // in GATE_SELECT
    await requestEmailCode(client, BUDI.verifiedEmail);
    await skips(); // in GATE_CHALLENGE
    expect(await flowStates(t)).toEqual(["gate_challenge"]);
    expect(await canSignIn(t, BUDI.userId, BUDI.password, "10.8.5.2")).toBe(false);
    expect(await hasSignInLockout(t, BUDI.userId)).toBe(true);
  });

  it("with two gates required, the unlock cannot be reached after gate 1 alone", async () => {
    await t.close();
    t = await buildResetTestApp(
      {
        policy: { unlockWithoutReset: "yes", methodsToRegister: "2", methodsToReset: "2" },
        users: [{ ...BUDI, authenticator: true }],
      },
      { config: UNLOCK_TEST_CONFIG, methods: "email+fake-authenticator" },
    );
    await lockBySignInFailures(t, BUDI.userId, "10.8.6.9");
    const client = createPageClient(t.app, { ip: "10.8.6.1" });
    await submitUserId(client, BUDI.userId);
    await chooseAction(client, "unlock");
    await client.post("/reset/method", { csrf: await currentCsrf(client), method: "totp" });
    await submitCode(client, FAKE_AUTHENTICATOR_CODE);
    expect(headingOf(await client.get("/reset/verify"))).toBe("Verify your identity — step 2 of 2");
    expect((await client.post("/reset/unlock", { csrf: await currentCsrf(client) })).location).toBe("/reset/verify");
    expect(await flowStates(t)).toEqual(["gate_select"]);
    expect(await hasSignInLockout(t, BUDI.userId)).toBe(true);
  });

  it("A4 counts completed unlocks as well as resets: the fifth within an hour blocks the account with SND-304", async () => {
    const complete = async (index: number, kind: "unlock" | "reset") => {
      const client = createPageClient(t.app, { ip: `10.8.7.${String(index)}` });
      if (kind === "unlock") {
        await lockBySignInFailures(t, BUDI.userId, `10.8.8.${String(index)}`);
        await unlockByEmail(t, client, BUDI);
        expect(headingOf(await client.get("/reset/verify")), `unlock ${String(index)}`).toBe("Account unlocked");
        return;
      }
      await submitUserId(client, BUDI.userId);
      await chooseAction(client, "reset");
      await requestEmailCode(client, BUDI.verifiedEmail);
      await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
      await submitNewPassword(client, `Kopi-Susu-Gula-Aren-${String(index)}`);
      expect(headingOf(await client.get("/reset/verify")), `reset ${String(index)}`).toBe("Password reset");
    };
    for (const [index, kind] of (["unlock", "reset", "unlock", "unlock", "unlock"] as const).entries())
      await complete(index, kind);
    const blocks = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "sspr.blocked")
      .execute();
    expect(blocks).toEqual([{ reason: "blocked:SND-304" }]);
    const sixth = createPageClient(t.app, { ip: "10.8.7.9" });
    await submitUserId(sixth, BUDI.userId);
    expect((await sixth.get("/reset/verify")).body).toContain("Too many attempts.");
  });
});
