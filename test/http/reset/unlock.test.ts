/**
 * Issue 11 item 3, SPEC §6.5, §8.4, §9.1: "unlock only" through the pages. The choice comes after identify when
 * `unlockWithoutReset` is on; after the gates the account's locks are lifted (Sandi's sign-in lockout, the directory's
 * own where it has one), password sessions stay, other flows end, A1–A3 are cleared; an account that was not locked
 * may reset its password instead with no new gates, or finish.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, hiddenValue, submitSignIn } from "../../support/page-client.js";
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

const BUDI = { userId: "budi@contoh.example", verifiedEmail: "budi@mail.example", password: "Old-Password-2026" };
const NEW_PASSWORD = "Nasi-Goreng-Kampung-88";

async function accountCounters(t: TestApp): Promise<string[]> {
  const rows = await t.db
    .selectFrom("throttle_hit")
    .select("counter")
    .where("counter", "in", ["A1", "A2", "A3", "A4"])
    .orderBy("counter")
    .execute();
  return rows.map((row) => row.counter);
}

async function activities(t: TestApp): Promise<{ activity: string; result: string; reason: string | null }[]> {
  return t.db.selectFrom("audit_event").select(["activity", "result", "reason"]).orderBy("seq").execute();
}

describe("unlock only (pages)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp(
      { policy: { unlockWithoutReset: "yes" }, users: [BUDI] },
      { config: UNLOCK_TEST_CONFIG },
    );
  });
  afterEach(async () => t.close());

  it("unlock only lifts Sandi's sign-in lockout; the password, password sessions and A4 stay, other flows end, A1–A3 clear", async () => {
    const session = createPageClient(t.app, { ip: "10.7.0.1" });
    expect((await submitSignIn(session, BUDI)).location).toBe("/account");
    await lockBySignInFailures(t, BUDI.userId, "10.7.0.2");
    expect(await canSignIn(t, BUDI.userId, BUDI.password, "10.7.0.3")).toBe(false);
    const other = createPageClient(t.app, { ip: "10.7.0.4" });
    await submitUserId(other, BUDI.userId);

    const unlocker = createPageClient(t.app, { ip: "10.7.0.5" });
    await submitUserId(unlocker, BUDI.userId);
    expect(headingOf(await unlocker.get("/reset/verify"))).toBe("What do you need to do?");
    expect((await chooseAction(unlocker, "unlock")).location).toBe("/reset/verify");
    expect(headingOf(await unlocker.get("/reset/verify"))).toBe("Verify your identity — step 1 of 1");
    await requestEmailCode(unlocker, BUDI.verifiedEmail);
    await submitCode(unlocker, "00000000"); // one wrong code: an A1 failure the unlock clears
    const passed = await submitCode(unlocker, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    expect(passed.location).toBe("/reset/verify");

    const done = await unlocker.get("/reset/verify");
    expect(headingOf(done)).toBe("Account unlocked");
    expect(done.body).toContain("Your account is unlocked. Sign in with your current password.");
    expect(await canSignIn(t, BUDI.userId, BUDI.password, "10.7.0.6")).toBe(true);
    expect((await session.get("/account")).status).toBe(200);
    expect((await other.get("/reset/verify")).body).toContain("This reset was closed because");
    expect(await accountCounters(t)).toEqual(["A4"]);

    const events = await activities(t);
    expect(events).toContainEqual({ activity: "account.unlock.self", result: "success", reason: "unlock" });
    expect(events).toContainEqual({
      activity: "sspr.flow.progress",
      result: "success",
      reason: "action_chosen:unlock",
    });
    expect(events).toContainEqual({ activity: "sspr.flow.progress", result: "success", reason: "succeeded:unlock" });
    expect(events.map((event) => event.activity)).not.toContain("password.reset.self");
    expect(events.map((event) => event.activity)).not.toContain("sessions.revoked");
    // SPEC §9.1: the notice is for resets; an unlock sends none.
    await t.deliverMail();
    const mails = await t.composed.stores.outbox.list(50);
    expect(mails.filter((mail) => mail.recipient === BUDI.verifiedEmail)).toHaveLength(1);
  });

  it("NOT_LOCKED offers “Reset my password instead” in the same flow, with no new gates", async () => {
    const client = createPageClient(t.app, { ip: "10.7.1.1" });
    await unlockByEmail(t, client, BUDI);
    const notLocked = await client.get("/reset/verify");
    expect(headingOf(notLocked)).toBe("Your account isn't locked");
    expect(notLocked.body).toContain("Reset my password instead");
    expect(notLocked.body).toContain("Finish");

    const instead = await client.post("/reset/reset-instead", { csrf: await currentCsrf(client) });
    expect(instead.location).toBe("/reset/verify");
    expect(headingOf(await client.get("/reset/verify"))).toBe("Choose a new password");
    await submitNewPassword(client, NEW_PASSWORD);
    expect(headingOf(await client.get("/reset/verify"))).toBe("Password reset");
    expect(await canSignIn(t, BUDI.userId, NEW_PASSWORD, "10.7.1.2")).toBe(true);

    const events = await activities(t);
    expect(events.filter((event) => event.reason?.startsWith("method_passed:") === true)).toHaveLength(1);
    expect(events).toContainEqual({ activity: "sspr.flow.progress", result: "success", reason: "not_locked" });
    expect(events).toContainEqual({ activity: "sspr.flow.progress", result: "success", reason: "reset_instead" });
    expect(events).toContainEqual({ activity: "password.reset.self", result: "success", reason: "password_reset" });
  });

  it("“Finish” on NOT_LOCKED ends the flow, so the browser left open cannot reset the password afterwards", async () => {
    const client = createPageClient(t.app, { ip: "10.7.2.1" });
    await unlockByEmail(t, client, BUDI);
    const kept = new Map(client.cookies);
    const csrf = await currentCsrf(client);
    const finished = await client.post("/reset/finish", { csrf });
    expect(finished.location).toBe("/signin");
    expect(finished.setCookies.some((line) => /flow=;|max-age=0/i.test(line))).toBe(true);

    // Someone at the same browser replays the flow's cookie and form token.
    for (const [name, value] of kept) client.cookies.set(name, value);
    const replay = await client.post("/reset/reset-instead", { csrf });
    expect(replay.location).toBe("/reset/verify");
    expect(headingOf(await client.get("/reset/verify"))).toBe("Reset cancelled");
    const flows = await t.db.selectFrom("reset_flow").select(["state", "end_reason"]).execute();
    expect(flows).toEqual([{ state: "cancelled", end_reason: "finished_not_locked" }]);
  });

  it("a directory's own lock is lifted through the directory port's unlock (as LDAP or AD will be)", async () => {
    await t.close();
    t = await buildResetTestApp(
      { policy: { unlockWithoutReset: "yes" }, users: [BUDI] },
      { config: UNLOCK_TEST_CONFIG, directory: "read-only" },
    );
    const directory = t.readOnlyDirectory;
    if (directory === null) throw new Error("no read-only directory");
    let locked = true;
    let unlocks = 0;
    Object.assign(directory, {
      capabilities: { ...directory.capabilities, canUnlock: true },
      lockState: () => Promise.resolve(locked ? { locked: true, until: null } : { locked: false }),
      unlock: () => {
        unlocks += 1;
        locked = false;
        return Promise.resolve("unlocked");
      },
    });
    const client = createPageClient(t.app, { ip: "10.7.3.1" });
    await unlockByEmail(t, client, BUDI);
    expect(headingOf(await client.get("/reset/verify"))).toBe("Account unlocked");
    expect({ locked, unlocks }).toEqual({ locked: false, unlocks: 1 });
  });

  it("with unlockWithoutReset off, identify goes straight to the gate, and a choice cannot be posted", async () => {
    await t.seed.policy({ unlockWithoutReset: "no" });
    const client = createPageClient(t.app, { ip: "10.7.4.1" });
    await submitUserId(client, BUDI.userId);
    expect(headingOf(await client.get("/reset/verify"))).toBe("Verify your identity — step 1 of 1");
    expect((await chooseAction(client, "unlock")).location).toBe("/reset/verify");
    const flows = await t.db.selectFrom("reset_flow").select(["state", "action"]).execute();
    expect(flows).toEqual([{ state: "gate_select", action: "reset" }]);
  });

  it("“Unlock my account” on the sign-in page leads to the choice with unlock checked", async () => {
    const client = createPageClient(t.app, { ip: "10.7.5.1" });
    const signIn = await client.get("/signin");
    expect(signIn.body).toContain('<a href="/reset?action=unlock">Unlock my account</a>');
    const identify = await client.get("/reset?action=unlock");
    expect(identify.body).toContain('name="action" value="unlock"');
    const form = hiddenValue(identify.body, "form");
    const posted = await client.post("/reset", {
      form,
      userId: BUDI.userId,
      action: "unlock",
      altcha: await client.solveCaptcha(),
    });
    expect(posted.location).toBe("/reset/verify?action=unlock");
    const choice = await client.get("/reset/verify?action=unlock");
    expect(choice.body).toMatch(/id="action-unlock" value="unlock" checked/);
    expect(choice.body).not.toMatch(/id="action-reset" value="reset" checked/);
  });
});
