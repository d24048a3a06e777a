/**
 * Threat: a directory that refuses the new password (its own policy, or it cannot be reached) while Sandi acts as
 * if the reset happened: sessions ended, codes voided, counters cleared, "password changed" sent for a password
 * that never changed. A refusal must send the flow back to PASSWORD with the directory's reason, and nothing of
 * SPEC §9.1 may happen; the next accepted write completes the reset as usual.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, type PageClient, submitSignIn } from "../../support/page-client.js";
import type { ReadOnlyTestDirectory } from "../../support/read-only-directory.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const USER = { userId: "sari@contoh.example", verifiedEmail: "sari@mail.example", password: "Old-Password-2026" };
const NEW_PASSWORD = "Sayur-Asem-Hangat-77";

async function flowRow(t: TestApp) {
  return t.db.selectFrom("reset_flow").select(["state", "writing_since", "end_reason"]).executeTakeFirstOrThrow();
}

/** What SPEC §9.1 leaves behind after a completed reset: none of it may exist after a refusal. */
async function completionTraces(t: TestApp) {
  const events = await t.db
    .selectFrom("audit_event")
    .select("activity")
    .where("activity", "in", ["password.reset.self", "sessions.revoked"])
    .execute();
  const notices = await t.db
    .selectFrom("outbox_message")
    .select("template")
    .where("template", "!=", "reset-code")
    .execute();
  const a4 = await t.db.selectFrom("throttle_hit").select("id").where("counter", "=", "A4").execute();
  const voided = await t.db.selectFrom("challenge").select("id").where("voided_at", "is not", null).execute();
  return { events, notices, a4, voided };
}

describe("a directory refuses the new password", () => {
  let t: TestApp;
  let directory: ReadOnlyTestDirectory;
  let earlier: PageClient;
  let resetter: PageClient;
  beforeEach(async () => {
    t = await buildTestApp({ directory: "read-only" });
    if (t.readOnlyDirectory === null) throw new Error("the read-only directory is missing");
    directory = t.readOnlyDirectory;
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user(USER);
    earlier = createPageClient(t.app, { ip: "10.4.0.1" });
    expect((await submitSignIn(earlier, { userId: USER.userId, password: USER.password })).location).toBe("/account");
    resetter = createPageClient(t.app, { ip: "10.4.0.2" });
    await submitUserId(resetter, USER.userId);
    await requestEmailCode(resetter, USER.verifiedEmail);
    await submitCode(resetter, (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "");
  });
  afterEach(async () => t.close());

  it("its policy's refusal (SND-510) sends the flow back to PASSWORD with the reason, and nothing of SPEC §9.1 happens", async () => {
    directory.refuseWrites({ ok: false, reason: "SND-510", rule: "history" });
    const page = await submitNewPassword(resetter, NEW_PASSWORD);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Your organisation's directory refused this password (history).");
    expect(page.body).toContain('name="confirmation"');
    expect(await flowRow(t)).toEqual({ state: "password", writing_since: null, end_reason: null });
    expect(await completionTraces(t)).toEqual({ events: [], notices: [], a4: [], voided: [] });
    expect((await earlier.get("/account")).status).toBe(200);
    const refusals = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("reason", "=", "password_rejected:SND-510")
      .execute();
    expect(refusals).toHaveLength(1);
    expect(directory.writesDone()).toBe(0);

    directory.refuseWrites(null);
    await submitNewPassword(resetter, NEW_PASSWORD);
    expect((await resetter.get("/reset/verify")).body).toContain("Your password has been reset");
    expect(directory.writesDone()).toBe(1);
    expect((await earlier.get("/account")).location).toBe("/signin");
  });

  it("an unreachable directory (SND-401) changes nothing and lets the user try again", async () => {
    directory.refuseWrites({ ok: false, reason: "SND-401" });
    expect((await submitNewPassword(resetter, NEW_PASSWORD)).body).toContain("your password was not changed");
    expect((await flowRow(t)).state).toBe("password");
    expect(await completionTraces(t)).toEqual({ events: [], notices: [], a4: [], voided: [] });
    const fresh = createPageClient(t.app, { ip: "10.4.0.3" });
    expect((await submitSignIn(fresh, { userId: USER.userId, password: USER.password })).location).toBe("/account");
  });
});
