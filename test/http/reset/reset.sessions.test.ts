/** Threat: a reset hands out a session, or leaves an attacker's existing session alive. Neither may happen (SPEC §9.1). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient, submitSignIn } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const USER = { userId: "putri@contoh.example", verifiedEmail: "putri@mail.example", password: "Old-Password-2026" };
const NEW_PASSWORD = "Nasi-Goreng-Kampung-88";

function signIn(client: PageClient, password: string) {
  return submitSignIn(client, { userId: USER.userId, password });
}

describe("sessions and a completed reset", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [USER] });
  });
  afterEach(async () => t.close());

  it("a completed reset never signs the user in, and every session that existed before it stops working", async () => {
    const earlier = createPageClient(t.app, { ip: "10.3.0.1" });
    expect((await signIn(earlier, USER.password)).location).toBe("/account");
    expect((await earlier.get("/account")).status).toBe(200);

    const resetter = createPageClient(t.app, { ip: "10.3.0.2" });
    await submitUserId(resetter, USER.userId);
    await requestEmailCode(resetter, USER.verifiedEmail);
    await submitCode(resetter, (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "");
    const done = await submitNewPassword(resetter, NEW_PASSWORD);
    expect(done.setCookies.some((cookie) => cookie.startsWith("sandi-session="))).toBe(false);
    expect((await resetter.get("/account")).location).toBe("/signin");

    expect((await earlier.get("/account")).location).toBe("/signin");
    const revoked = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "sessions.revoked")
      .execute();
    expect(revoked).toEqual([{ reason: "reset:1" }]);

    const fresh = createPageClient(t.app, { ip: "10.3.0.3" });
    expect((await signIn(fresh, USER.password)).status).toBe(401);
    expect((await signIn(fresh, NEW_PASSWORD)).location).toBe("/account");
  });
});
