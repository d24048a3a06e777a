/**
 * "This wasn't me" (SPEC §9.3) through the pages. Threats: a mail scanner that follows every link locks accounts by
 * itself; a link used twice (two tabs, a replayed request) alerts twice or acts after it was spent; an old link, a
 * forged one or another person's acts, or tells its holder which of those it is; the token leaks through Referer or a
 * cache; a foreign site or a bare POST without the page acts for the user.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOT_ME_LINK_SECONDS } from "../../../src/domain/not-me/not-me-token.js";
import { notMeFormToken } from "../../../src/http/self-service/not-me-routes.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";
import { effectsOf, issueLink, type NotMeWorld, OWNER, seedNotMeWorld } from "./not-me-support.js";

let t: TestApp;
let world: NotMeWorld;
let nextIp = 1;

function client(): PageClient {
  return createPageClient(t.app, { ip: `10.9.0.${String(nextIp++)}` });
}

/** Opens the link, then presses "Lock my account" as a browser would. */
async function lockWith(path: string, browser = client()) {
  const page = await browser.get(path);
  return browser.post(path, { form: hiddenValue(page.body, "form") });
}

/** The page with the path (which holds the token) taken out: the language switcher links to the page itself. */
function withoutPath(body: string, path: string): string {
  return body.replaceAll(path, "/not-me/TOKEN");
}

beforeEach(async () => {
  t = await buildTestApp();
  world = await seedNotMeWorld(t);
});
afterEach(async () => t.close());

describe("This wasn't me: the link", () => {
  it("a mail scanner following the link (GET) changes nothing: the page only asks", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const before = await effectsOf(t, world);
    for (let visit = 0; visit < 3; visit++) {
      const page = await client().get(path);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Was this you?");
      expect(page.body).toContain("Your password was reset on");
      expect(page.body).toMatch(/<button type="submit">Lock my account<\/button>/);
    }
    expect(await effectsOf(t, world)).toEqual(before);
    expect(before).toMatchObject({ held: false, holdEvents: 0, alerts: [], flowState: "gate_select" });
    expect(before.liveSessions).toHaveLength(2);
    const row = await t.db.selectFrom("not_me_link").select("used_at").executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it("confirming holds the account, ends every session (passkey ones too), cancels flows and alerts GA and HA", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const done = await lockWith(path);
    expect(done.status).toBe(200);
    const link = await t.db.selectFrom("not_me_link").select(["support_code", "used_at"]).executeTakeFirstOrThrow();
    expect(done.body).toContain(
      `We've locked your account and told your IT team. Your support code is ${link.support_code}.`,
    );
    expect(link.used_at).not.toBeNull();
    const after = await effectsOf(t, world);
    expect(after).toMatchObject({ held: true, liveSessions: [], flowState: "cancelled", holdEvents: 1 });
    expect((await t.composed.stores.flows.findById(world.flowId))?.endReason).toBe("security_hold");
    // Global and Helpdesk admins, each in their language; not the password admin, who may not release a hold.
    expect(after.alerts).toEqual([
      { recipient: "ayu@mail.example", lang: "en" },
      { recipient: "eko@mail.example", lang: "id" },
    ]);
    const [event] = await t.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "account.security_hold")
      .execute();
    expect(event).toMatchObject({
      target_user_id: OWNER.userId,
      support_code: link.support_code,
      reason: "security_hold_set:held",
      result: "success",
    });
    const revoked = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "sessions.revoked")
      .execute();
    expect(revoked).toEqual([{ reason: "wasnt_me:2" }]);
    // SPEC §9.3 step 1: sign-in stops (SND-306 after the right password).
    const signIn = await submitSignIn(client(), { userId: OWNER.userId, password: OWNER.password });
    expect(signIn.status).toBe(401);
    expect(signIn.body).toContain("This account is on hold after a security report.");
  });

  it("the alert tells the admins whose account, what was reported, the support code and what the directory did", async () => {
    const { path } = await issueLink(t, world.ownerRef, "security_info_added");
    await lockWith(path);
    await t.deliverMail();
    const mails = await t.composed.stores.outbox.list(20);
    const alert = mails.find((mail) => mail.recipient === "ayu@mail.example");
    const code = (await t.db.selectFrom("not_me_link").select("support_code").executeTakeFirstOrThrow()).support_code;
    expect(alert?.subject).toBe("Contoh Nusantara: account sari@contoh.example put on security hold");
    expect(alert?.text).toContain("Reported change: Security info added");
    expect(alert?.text).toContain(`Support code: ${code}`);
    expect(alert?.text).toContain("Sandi's built-in directory holds the account");
    const indonesian = mails.find((mail) => mail.recipient === "eko@mail.example");
    expect(indonesian?.subject).toBe("Contoh Nusantara: akun sari@contoh.example ditahan karena laporan keamanan");
  });

  it("a used link cannot act twice: the second press and a later visit get the neutral page, and no second alert", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const browser = client();
    const page = await browser.get(path);
    const form = hiddenValue(page.body, "form");
    expect((await browser.post(path, { form })).status).toBe(200);
    const after = await effectsOf(t, world);
    const again = await browser.post(path, { form });
    expect(again.status).toBe(404);
    expect(again.body).toContain("This link can't be used any more; if you are worried, contact your helpdesk.");
    expect((await client().get(path)).status).toBe(404);
    expect(await effectsOf(t, world)).toEqual(after);
  });

  it("two presses racing each other act once", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const form = hiddenValue((await client().get(path)).body, "form");
    const results = await Promise.all([client().post(path, { form }), client().post(path, { form })]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 404]);
    expect((await effectsOf(t, world)).holdEvents).toBe(1);
  });

  it("an expired link (7 days) does nothing", async () => {
    const { path, token } = await issueLink(t, world.ownerRef);
    t.clock.advanceSeconds(NOT_ME_LINK_SECONDS);
    const before = await effectsOf(t, world);
    expect((await client().get(path)).status).toBe(404);
    const pressed = await client().post(path, { form: notMeFormToken(t.composed.services.formKey, token) });
    expect(pressed.status).toBe(404);
    expect(await effectsOf(t, world)).toEqual(before);
    expect(before.held).toBe(false);
  });

  it("a link still works on its last second", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    t.clock.advanceSeconds(NOT_ME_LINK_SECONDS - 1);
    expect((await lockWith(path)).status).toBe(200);
  });

  it("a forged token does nothing and looks exactly like an expired or used one", async () => {
    const expired = await issueLink(t, world.ownerRef);
    t.clock.advanceSeconds(NOT_ME_LINK_SECONDS + 1);
    const used = await issueLink(t, world.ownerRef);
    await lockWith(used.path);
    const flipped = `${used.token.slice(0, -1)}${used.token.endsWith("A") ? "B" : "A"}`;
    const forged = [`/not-me/${flipped}`, `/not-me/${"x".repeat(43)}`, "/not-me/short", `/not-me/${used.token}extra`];
    const reference = await client().get(expired.path);
    expect(reference.status).toBe(404);
    for (const path of [used.path, ...forged]) {
      const page = await client().get(path);
      expect(page.status, path).toBe(404);
      expect(withoutPath(page.body, path), path).toBe(withoutPath(reference.body, expired.path));
      const pressed = await client().post(path, { form: "anything" });
      expect(pressed.status, path).toBe(404);
      expect(withoutPath(pressed.body, path)).toBe(withoutPath(reference.body, expired.path));
    }
    expect((await effectsOf(t, world)).holdEvents).toBe(1);
  });

  it("a token of another user holds that user only", async () => {
    const other = await t.seed.user({ userId: "budi@contoh.example", verifiedEmail: "budi@mail.example" });
    const { path } = await issueLink(t, other);
    expect((await lockWith(path)).status).toBe(200);
    expect((await t.composed.stores.accounts.findByRef(other))?.securityHold).toBe(true);
    const owner = await effectsOf(t, world);
    expect(owner).toMatchObject({ held: false, flowState: "gate_select" });
    expect(owner.liveSessions).toHaveLength(2);
  });

  it("a POST without the confirm page's form token changes nothing and shows the page again", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const before = await effectsOf(t, world);
    for (const form of [{}, { form: "" }, { form: notMeFormToken(t.composed.services.formKey, "another-token") }]) {
      const response = await client().post(path, form);
      expect(response.status).toBe(400);
      expect(response.body).toContain("Lock my account");
      expect(response.body).toContain("This form has expired");
    }
    expect(await effectsOf(t, world)).toEqual(before);
  });

  it("a cross-site POST changes nothing", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const form = hiddenValue((await client().get(path)).body, "form");
    const before = await effectsOf(t, world);
    const response = await client().post(
      path,
      { form },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect(await effectsOf(t, world)).toEqual(before);
  });

  it("no response leaks the token through Referer or a cache", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const browser = client();
    const responses = [await browser.get(path), await browser.post(path, { form: "wrong" })];
    responses.push(await lockWith(path), await client().get(path), await client().get("/not-me/forged"));
    for (const response of responses) {
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.headers["cache-control"]).toBe("no-store");
    }
    expect(t.logLines.join("\n")).not.toContain(path.slice("/not-me/".length));
  });

  it("the token is stored only as SHA-256, and the support code the user sees is the one stored with it", async () => {
    const { path, token } = await issueLink(t, world.ownerRef);
    const done = await lockWith(path);
    const rows = await t.db.selectFrom("not_me_link").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const events = await t.db.selectFrom("audit_event").selectAll().execute();
    expect(JSON.stringify(events)).not.toContain(token);
    expect(done.body).toContain(rows[0]?.support_code);
  });

  it("works in Indonesian: the confirm page, the done page and the neutral page", async () => {
    const { path } = await issueLink(t, world.ownerRef);
    const browser = client();
    const page = await browser.get(`${path}?lang=id`);
    expect(page.body).toContain('<html lang="id">');
    expect(page.body).toContain("Apakah ini Anda?");
    expect(page.body).toContain("Kata sandi Anda diatur ulang pada");
    const done = await browser.post(path, { form: hiddenValue(page.body, "form") });
    expect(done.body).toContain("Akun Anda telah dikunci dan tim TI Anda telah diberi tahu. Kode dukungan Anda adalah");
    const gone = await browser.get(path);
    expect(gone.body).toContain("Tautan ini sudah tidak dapat dipakai. Jika Anda khawatir, hubungi meja bantuan.");
    expect(gone.body).toContain('href="https://help.contoh.example/"');
  });
});

describe("This wasn't me on a directory Sandi cannot lock", () => {
  it("holds the account in Sandi and tells the admins that the directory needs manual action", async () => {
    await t.close();
    t = await buildTestApp({ directory: "read-only" });
    world = await seedNotMeWorld(t);
    const { path } = await issueLink(t, world.ownerRef);
    expect((await lockWith(path)).status).toBe(200);
    expect((await effectsOf(t, world)).held).toBe(true);
    const event = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "account.security_hold")
      .executeTakeFirstOrThrow();
    expect(event.reason).toBe("security_hold_set:manual_action_needed");
    await t.deliverMail();
    const alert = (await t.composed.stores.outbox.list(20)).find((mail) => mail.recipient === "ayu@mail.example");
    expect(alert?.text).toContain("Manual action needed: Sandi cannot lock this account in your directory.");
  });
});
