/**
 * My account's sessions (SPEC §5.1). Threats: a stolen session that its owner cannot see or end without changing
 * the password; a user (or a forged form) ending someone else's session; a session list that leaks its tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
let nextIp = 1;

async function signIn(t: TestApp, userId: string, userAgent: string): Promise<PageClient> {
  const client = createPageClient(t.app, { ip: `10.6.0.${String(nextIp++)}` });
  const response = await submitSignIn(client, { userId, password: PASSWORD }, { "user-agent": userAgent });
  expect(response.location).toBe("/account");
  return client;
}

const sessionIdsOn = (body: string): string[] =>
  [...body.matchAll(/name="session" value="([^"]+)"/g)].map((match) => match[1] ?? "");

describe("My account's sessions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const name of ["sari", "tono", "umar", "wati"])
      await t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("lists where the user is signed in, this browser first, and no session token", async () => {
    const laptop = await signIn(t, "sari@contoh.example", FIREFOX);
    const phone = await signIn(t, "sari@contoh.example", SAFARI);
    await signIn(t, "tono@contoh.example", SAFARI);
    const page = await laptop.get("/account");
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/Firefox 140 on Linux<br><strong>This browser<\/strong>[\s\S]*Safari 18 on iOS/);
    expect(page.body).toContain("10.6.0.1");
    // Only the other session can be ended from here, and only Sari's sessions are listed.
    expect(sessionIdsOn(page.body)).toHaveLength(1);
    const phoneToken = phone.cookies.get("sandi-session") ?? "";
    expect(phoneToken).not.toBe("");
    expect(page.raw).not.toContain(phoneToken);
    expect((await laptop.get("/account?lang=id")).body).toContain("Perangkat tempat Anda masuk");
  });

  it("ending the other session signs that browser out at once and is audited", async () => {
    const laptop = await signIn(t, "umar@contoh.example", FIREFOX);
    const stolen = await signIn(t, "umar@contoh.example", SAFARI);
    const page = await laptop.get("/account");
    const [other] = sessionIdsOn(page.body);
    const ended = await laptop.post("/account/sessions/end", {
      csrf: hiddenValue(page.body, "csrf"),
      session: other ?? "",
    });
    expect(ended.location).toBe("/account?ended=1");
    expect((await laptop.follow(ended)).body).toContain("Done. The sessions you chose have ended.");
    expect((await stolen.get("/account")).location).toBe("/signin");
    expect((await laptop.get("/account")).status).toBe(200);
    const events = await t.db
      .selectFrom("audit_event")
      .select(["reason", "actor_user_id", "target_user_id"])
      .where("activity", "=", "sessions.revoked")
      .where("target_user_id", "=", "umar@contoh.example")
      .execute();
    expect(events).toEqual([
      { reason: "user:1", actor_user_id: "umar@contoh.example", target_user_id: "umar@contoh.example" },
    ]);
  });

  it("a user cannot end another user's session, even with its id and their own valid form", async () => {
    const victim = await signIn(t, "wati@contoh.example", FIREFOX);
    const victimsOther = await signIn(t, "wati@contoh.example", SAFARI);
    const [victimSessionId] = sessionIdsOn((await victim.get("/account")).body);
    const attacker = await signIn(t, "tono@contoh.example", FIREFOX);
    const csrf = hiddenValue((await attacker.get("/account")).body, "csrf");
    const response = await attacker.post("/account/sessions/end", { csrf, session: victimSessionId ?? "" });
    expect(response.location).toBe("/account?ended=0");
    expect((await victimsOther.get("/account")).status).toBe(200);
  });

  it("a forged form without this session's token ends nothing (403)", async () => {
    const laptop = await signIn(t, "sari@contoh.example", FIREFOX);
    const phone = await signIn(t, "sari@contoh.example", SAFARI);
    const response = await laptop.post("/account/sessions/end-others", { csrf: "forged-token" });
    expect(response.status).toBe(403);
    expect((await phone.get("/account")).status).toBe(200);
    const crossSite = await laptop.post(
      "/account/sessions/end-others",
      { csrf: hiddenValue((await laptop.get("/account")).body, "csrf") },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    expect((await phone.get("/account")).status).toBe(200);
  });

  it("sign out everywhere else ends every other session and keeps this one", async () => {
    const keep = await signIn(t, "sari@contoh.example", FIREFOX);
    const others = [await signIn(t, "sari@contoh.example", SAFARI), await signIn(t, "sari@contoh.example", FIREFOX)];
    const csrf = hiddenValue((await keep.get("/account")).body, "csrf");
    const response = await keep.post("/account/sessions/end-others", { csrf });
    expect(response.location).toBe("/account?ended=1");
    for (const other of others) expect((await other.get("/account")).location).toBe("/signin");
    const page = await keep.get("/account");
    expect(page.status).toBe(200);
    expect(sessionIdsOn(page.body)).toEqual([]);
    expect(page.body).not.toContain("Sign out everywhere else");
  });
});
