/**
 * Change password from My account (SPEC §9.5). Threats: someone with a stolen session changing the password
 * without knowing it, or guessing it through this form past the sign-in lockout; a forged form; a change that
 * leaves the thief's other sessions alive or goes unnoticed by the owner; a password in the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";
import { latestCodeFor, requestEmailCode, submitUserId } from "../../support/reset-journey.js";

const OLD = "Old-Password-2026";
const NEW = "Kopi-Tubruk-Pagi-77";
const USER = { userId: "sari@contoh.example", verifiedEmail: "sari@mail.example", password: OLD, firstName: "Sari" };
let nextIp = 1;

async function signIn(t: TestApp, password = OLD): Promise<PageClient> {
  const client = createPageClient(t.app, { ip: `10.8.0.${String(nextIp++)}` });
  const response = await submitSignIn(client, { userId: USER.userId, password });
  expect(response.location).toBe("/account");
  return client;
}

async function change(client: PageClient, fields: { current: string; password: string; confirmation?: string }) {
  const csrf = hiddenValue((await client.get("/account/password")).body, "csrf");
  return client.post("/account/password", { csrf, confirmation: fields.password, ...fields });
}

describe("change password", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user(USER);
  });
  afterEach(async () => t.close());

  it("shows the rules up front and changes the password; the old one stops working", async () => {
    const client = await signIn(t);
    const page = await client.get("/account/password");
    expect(page.status).toBe(200);
    expect(page.body).toContain('autocomplete="current-password"');
    expect(page.body).toMatch(/<ul id="rules"><li>/);
    const response = await change(client, { current: OLD, password: NEW });
    expect(response.location).toBe("/account?changed=1");
    expect((await client.follow(response)).body).toContain("Your password was changed.");
    await signIn(t, NEW);
    const refused = createPageClient(t.app, { ip: "10.8.1.1" });
    expect((await submitSignIn(refused, { userId: USER.userId, password: OLD })).status).toBe(401);
  });

  it("a stolen session cannot change the password without the current one, and the guesses count toward the lockout", async () => {
    const thief = await signIn(t);
    for (let guess = 1; guess <= 10; guess++) {
      const response = await change(thief, { current: `Guess-${String(guess)}-xyz`, password: NEW });
      expect(response.status).toBe(401);
      expect(response.body).toContain("That isn't your current password.");
    }
    // The 11th try meets the lock: even the right password is not checked while it holds.
    expect((await change(thief, { current: OLD, password: NEW })).status).toBe(401);
    const owner = createPageClient(t.app, { ip: "10.8.2.1" });
    expect((await submitSignIn(owner, { userId: USER.userId, password: OLD })).status).toBe(401);
    const user = await t.composed.stores.users.findUserByUserId(USER.userId);
    if (user === null) throw new Error("user vanished");
    expect(await t.composed.stores.directory.verifyPassword(user, OLD)).toBe(true);
  });

  it("breaking the rules gets one message per rule, in the user's language, and changes nothing", async () => {
    const client = await signIn(t);
    const csrf = hiddenValue((await client.get("/account/password?lang=id")).body, "csrf");
    const response = await client.post("/account/password?lang=id", {
      csrf,
      current: OLD,
      password: "sari",
      confirmation: "other",
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('<html lang="id">');
    expect((response.body.match(/<li>/g) ?? []).length).toBeGreaterThanOrEqual(3);
    // The language stays Indonesian (remembered); the same password again is SND-508.
    const same = await change(client, { current: OLD, password: OLD });
    expect(same.status).toBe(400);
    expect(same.body).toContain("Kata sandi baru harus berbeda dari yang sekarang.");
    await signIn(t, OLD);
  });

  it("ends the other password sessions, keeps this one, notifies the owner, and audits without a password", async () => {
    const here = await signIn(t);
    const elsewhere = await signIn(t);
    expect((await change(here, { current: OLD, password: NEW })).status).toBe(303);
    expect((await here.get("/account")).status).toBe(200);
    expect((await elsewhere.get("/account")).location).toBe("/signin");
    await t.composed.worker.runOnce();
    const mails = await t.composed.stores.outbox.list(10);
    expect(mails.map((mail) => [mail.recipient, mail.subject])).toContainEqual([
      USER.verifiedEmail,
      "Your Contoh Nusantara password was changed",
    ]);
    const events = await t.db.selectFrom("audit_event").selectAll().where("target_user_id", "=", USER.userId).execute();
    expect(events.filter((event) => event.activity === "password.change.self").map((event) => event.result)).toEqual([
      "success",
    ]);
    expect(events.find((event) => event.activity === "sessions.revoked")?.reason).toBe("change:1");
    expect(JSON.stringify(events)).not.toContain(NEW);
    expect(JSON.stringify(events)).not.toContain(OLD);
  });

  it("cancels an open reset of the same account: its code no longer works and its page says why", async () => {
    const resetter = createPageClient(t.app, { ip: "10.8.4.1" });
    await submitUserId(resetter, USER.userId);
    await requestEmailCode(resetter, USER.verifiedEmail);
    const code = (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "";
    expect((await change(await signIn(t), { current: OLD, password: NEW })).status).toBe(303);
    expect(code).toMatch(/^\d{8}$/);
    const page = (await resetter.get("/reset/verify")).body;
    expect(page).toContain("the password was changed in another window or on another device");
    // No code form is left to post to; posting the code anyway does not reach the password step.
    expect(page).not.toContain('name="code"');
    const posted = await resetter.post("/reset/code", { csrf: "any", code });
    expect(posted.body).not.toContain('name="password"');
    const user = await t.composed.stores.users.findUserByUserId(USER.userId);
    if (user === null) throw new Error("user vanished");
    expect(await t.composed.stores.directory.verifyPassword(user, NEW)).toBe(true);
  });

  it("a form without this session's token changes nothing (403)", async () => {
    const client = await signIn(t);
    const response = await client.post("/account/password", {
      csrf: "forged",
      current: OLD,
      password: NEW,
      confirmation: NEW,
    });
    expect(response.status).toBe(403);
    await signIn(t, OLD);
  });

  it("without a session the page sends the browser to sign in", async () => {
    const response = await createPageClient(t.app).get("/account/password");
    expect(response.location).toBe("/signin?next=%2Faccount%2Fpassword");
  });
});

describe("a temporary password", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    // An admin needs two non-question methods before anything else (SPEC §5.2).
    const methods = { verifiedEmail: "admin.budi@mail.example", passkey: true };
    await t.seed.user({ ...USER, ...methods, roles: ["helpdesk_admin"], mustChangePassword: true });
  });
  afterEach(async () => t.close());

  it("must be replaced before anything else: sign-in leads to change password, other pages send the user back", async () => {
    const client = createPageClient(t.app, { ip: "10.8.3.1" });
    const signedIn = await submitSignIn(client, { userId: USER.userId, password: OLD });
    expect(signedIn.location).toBe("/account/password");
    const page = await client.follow(signedIn);
    expect(page.body).toContain("An administrator set a temporary password for you.");
    expect(page.body).toContain('action="/signout"');
    for (const path of ["/account", "/admin"]) expect((await client.get(path)).location).toBe("/account/password");
    const csrf = hiddenValue(page.body, "csrf");
    const ending = await client.post("/account/sessions/end-others", { csrf });
    expect(ending.location).toBe("/account/password");
    const changed = await client.post("/account/password", { csrf, current: OLD, password: NEW, confirmation: NEW });
    expect(changed.location).toBe("/account?changed=1");
    expect((await client.get("/account")).status).toBe(200);
    // Then the admin pages ask for the second factor (SPEC §2), as after any password sign-in.
    expect((await client.get("/admin")).location).toBe("/account/security-info/verify?next=%2Fadmin");
  });
});
