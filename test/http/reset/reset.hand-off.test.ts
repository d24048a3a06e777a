/**
 * "Lost a method" (issue 11 item 5): after the gates and a new password the user may go on to My security info in the
 * same browser without signing in again — once, within the flow's 15 minutes, and never from another browser.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, hiddenValue, type PageClient } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const USER = { userId: "wulan@contoh.example", verifiedEmail: "wulan@mail.example", password: "Old-Password-2026" };
const NEW_PASSWORD = "Kopi-Tubruk-Pagi-2026";

async function resetToDone(t: TestApp, client: PageClient): Promise<string> {
  await submitUserId(client, USER.userId);
  await requestEmailCode(client, USER.verifiedEmail);
  await submitCode(client, (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "");
  await submitNewPassword(client, NEW_PASSWORD);
  const done = await client.get("/reset/verify");
  expect(done.body).toContain("Update my security info");
  return hiddenValue(done.body, "csrf");
}

describe("after a reset, on to My security info", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [USER] });
  });
  afterEach(async () => t.close());

  it("the done page's button opens My security info with a fresh step-up, and works once", async () => {
    const client = createPageClient(t.app, { ip: "10.7.0.1" });
    const csrf = await resetToDone(t, client);
    const handed = await client.post("/reset/security-info", { csrf });
    expect(handed.location).toBe("/account/security-info");
    expect(handed.setCookies.some((cookie) => cookie.startsWith("sandi-session="))).toBe(true);
    const page = await client.get("/account/security-info");
    expect(page.status).toBe(200);
    // Fresh: changes ask for no other proof for 10 minutes (the gates were it).
    const sessions = await t.db.selectFrom("session").select(["stepped_up_at", "signed_in_with"]).execute();
    expect(sessions).toEqual([{ stepped_up_at: t.clock.now(), signed_in_with: "password" }]);
    const events = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "signin.succeeded")
      .execute();
    expect(events).toEqual([{ reason: "signed_in_after_gates" }]);

    const again = createPageClient(t.app, { ip: "10.7.0.1" });
    for (const [name, value] of client.cookies) if (name !== "sandi-session") again.cookies.set(name, value);
    const second = await again.post("/reset/security-info", { csrf });
    expect(second.location).toBe("/reset/verify");
    expect(second.setCookies.some((cookie) => cookie.startsWith("sandi-session="))).toBe(false);
    expect((await again.get("/reset/verify")).body).not.toContain("Update my security info");
  });

  it("a flow from another browser cannot hand off: without the flow's cookie nothing opens", async () => {
    const owner = createPageClient(t.app, { ip: "10.7.0.2" });
    const csrf = await resetToDone(t, owner);
    const stranger = createPageClient(t.app, { ip: "10.7.0.3" });
    const tried = await stranger.post("/reset/security-info", { csrf });
    expect(tried.setCookies.some((cookie) => cookie.startsWith("sandi-session="))).toBe(false);
    expect((await stranger.get("/account/security-info")).location).toBe("/signin?next=%2Faccount%2Fsecurity-info");
  });

  it("an old done page cannot hand off after the flow's 15 minutes", async () => {
    const client = createPageClient(t.app, { ip: "10.7.0.4" });
    const csrf = await resetToDone(t, client);
    t.clock.advanceSeconds(15 * 60 + 1);
    const late = await client.post("/reset/security-info", { csrf });
    expect(late.setCookies.some((cookie) => cookie.startsWith("sandi-session="))).toBe(false);
  });

  it("a wrong form token is refused with the form-expired page", async () => {
    const client = createPageClient(t.app, { ip: "10.7.0.5" });
    await resetToDone(t, client);
    const forged = await client.post("/reset/security-info", { csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(forged.setCookies.some((cookie) => cookie.startsWith("sandi-session="))).toBe(false);
  });
});
