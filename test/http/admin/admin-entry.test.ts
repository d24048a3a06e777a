/**
 * Entering the admin portal (SPEC §2: "Password plus one non-question method, or a passkey alone. Idle timeout
 * 15 min, absolute 8 h."; registration forced first with at least 2 non-question methods). Threats: a stolen password
 * opening an admin page or posting an admin form; security questions standing in for the second factor; an admin
 * with one method skipping the registration; an idle or day-old admin session still working.
 */
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSession, passwordOnlyClient, signedInClient, testPasskeyOf } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient } from "../../support/page-client.js";
import { ORIGIN } from "../../support/passkey-gate-journey.js";
import { parseSplitToken } from "../../../src/lib/crypto/split-token.js";
import { latestCodeFor } from "../../support/reset-journey.js";

const PASSWORD = "Right-Password-1";
const AYU = { userId: "ayu@contoh.example", firstName: "Ayu", roles: ["global_admin"] } as const;
const HADI = { userId: "hadi@contoh.example", firstName: "Hadi", roles: ["helpdesk_admin"] } as const;
const DEWI = { userId: "dewi@contoh.example", firstName: "Dewi", roles: ["password_admin"] } as const;
const BUDI = { userId: "budi@contoh.example", firstName: "Budi", roles: [] } as const;
const emailOf = (person: { firstName: string }): string => `${person.firstName.toLowerCase()}@mail.example`;
const toVerify = (next: string): string => `/account/security-info/verify?next=${encodeURIComponent(next)}`;

/** Passes the second-factor page with the code emailed to the admin; returns the answer (a redirect to `next`). */
async function passWithEmailCode(t: TestApp, client: PageClient, page: string, email: string) {
  const verify = await client.get(page);
  expect(verify.status).toBe(200);
  const method = /action="\/account\/security-info\/email\/step-up">[\s\S]*?name="method" value="([^"]*)"/.exec(
    verify.body,
  )?.[1];
  const sent = await client.post("/account/security-info/email/step-up", {
    csrf: hiddenValue(verify.body, "csrf"),
    method: method ?? "",
  });
  return client.post("/account/security-info/email/code", {
    csrf: hiddenValue(sent.body, "csrf"),
    challenge: hiddenValue(sent.body, "challenge"),
    code: (await latestCodeFor(t.composed, email)) ?? "",
  });
}

describe("entering the admin portal", () => {
  let t: TestApp;
  let budiRef = "";
  /** Every form post the admin context registers, collected as the app is built. */
  const posts: string[] = [];
  beforeAll(async () => {
    t = await buildTestApp({
      onRoute: (route) => {
        if (route.url.startsWith("/admin") && [route.method].flat().includes("POST")) posts.push(route.url);
      },
    });
    await t.seed.organisation();
    for (const admin of [AYU, HADI])
      await t.seed.user({ ...admin, verifiedEmail: emailOf(admin), passkey: true, password: PASSWORD });
    // One method only: the forced registration stands before every admin page.
    await t.seed.user({ ...DEWI, verifiedEmail: emailOf(DEWI), password: PASSWORD, unregisteredAdmin: true });
    budiRef = await t.seed.user({ ...BUDI, verifiedEmail: emailOf(BUDI), password: PASSWORD });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("an admin signed in with a password alone cannot open /admin", async () => {
    const client = await passwordOnlyClient(t, { userId: AYU.userId, password: PASSWORD });
    const refused = await client.get("/admin");
    expect(refused.status).toBe(303);
    expect(refused.location).toBe(toVerify("/admin"));
    expect(refused.body).not.toContain("Global admin");
    const page = await client.get(refused.location ?? "");
    expect(page.body).toContain("Confirm it's you to open the admin pages");
    expect(page.body).toContain("Security questions do not count.");
    // No password field: typing the password again is not a second factor.
    expect(page.body).not.toContain('type="password"');
    expect((await client.get("/admin?lang=id")).location).toBe(toVerify("/admin?lang=id"));
    expect((await client.get(toVerify("/admin?lang=id"))).body).toContain("Halaman admin memerlukan langkah kedua");
  });

  it("after the second factor the admin lands where they were going, and the session keeps it", async () => {
    const client = await passwordOnlyClient(t, { userId: HADI.userId, password: PASSWORD });
    const next = "/admin/users?q=budi";
    const refused = await client.get(next);
    expect(refused.location).toBe(toVerify(next));
    const passed = await passWithEmailCode(t, client, refused.location ?? "", emailOf(HADI));
    expect(passed.status).toBe(303);
    expect(passed.location).toBe(next);
    const list = await client.get(next);
    expect(list.status).toBe(200);
    expect(list.body).toContain("budi@contoh.example");
    // Past the 10-minute freshness the pages still open: the second factor lasts the session.
    t.clock.advanceSeconds(11 * 60);
    expect((await client.get("/admin")).status).toBe(200);
  });

  it("a stolen password without the second factor reaches no admin page", async () => {
    const client = await passwordOnlyClient(t, { userId: AYU.userId, password: PASSWORD });
    const csrf = hiddenValue((await client.get("/account")).body, "csrf");
    const pages = ["/admin", "/admin/users", `/admin/users/${budiRef}`, "/admin/policy", "/admin/tokens"];
    for (const path of pages) {
      const response = await client.get(path);
      expect(response.status, path).toBe(303);
      expect(response.location, path).toBe(toVerify(path));
    }
    // A form post changes nothing and returns to the action's own page once the second factor is passed.
    const disable = await client.post(`/admin/users/${budiRef}/disable`, { csrf });
    expect(disable.status).toBe(303);
    expect(disable.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    const budi = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    expect(budi?.enabled).toBe(true);
    // Security info's own password step-up is for users without a method; it cannot stand in either.
    const retyped = await client.post("/account/security-info/verify/password", { csrf, password: PASSWORD });
    expect(retyped.location).toBe("/account/security-info/verify");
    expect((await client.get("/admin")).location).toBe(toVerify("/admin"));
    // The admin API is token-based: a browser's session cookie opens nothing there either.
    const api = await client.get("/api/v1/admin/groups");
    expect(api.status).toBe(400);
    expect(api.body).toContain("browser_request_refused");
  });

  it("security questions do not count as an admin's second factor", async () => {
    const client = await passwordOnlyClient(t, { userId: HADI.userId, password: PASSWORD });
    const hadi = await t.composed.stores.users.findUserByUserId(HADI.userId);
    if (hadi === null) throw new Error("no hadi");
    const now = t.clock.now();
    const questions = {
      id: "hadi-questions",
      userRef: hadi.ref,
      method: "questions" as const,
      value: "",
      label: null,
      createdAt: now,
      lastUsedAt: null,
      verifiedAt: now,
      details: { answers: [] },
    };
    await t.composed.stores.methods.add(questions);
    const token = [...client.cookies].find(([name]) => name.includes("session"))?.[1] ?? "";
    const session = await t.composed.stores.sessions.findLive(parseSplitToken(token)?.id ?? "");
    if (session === null) throw new Error("no session");
    const caller = { user: hadi, session, ip: "10.9.0.1", client: "test", lang: "en" as const };
    // Even were a set of answers passed in this session, it is no second factor.
    await t.composed.services.securityInfo.service.passStepUp(caller, questions);
    expect((await t.composed.stores.sessions.findLive(session.id))?.secondFactorAt ?? null).toBeNull();
    expect((await client.get("/admin")).location).toBe(toVerify("/admin"));
    const page = await client.get(toVerify("/admin"));
    expect(page.body).not.toContain("Security questions:");
    expect(page.body).not.toContain("hadi-questions");
  });

  it("an admin with one method is sent to registration before /admin", async () => {
    const client = await passwordOnlyClient(t, { userId: DEWI.userId, password: PASSWORD });
    for (const path of ["/admin", "/admin/users"]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(303);
      expect(response.location, path).toBe("/account/security-info/register?for=admin");
    }
    const page = await client.get("/account/security-info/register?for=admin");
    expect(page.body).toContain("Admin accounts need at least 2 ways to prove it's you");
    expect(page.body).not.toContain("Skip for now");
    const indonesian = await client.get("/account/security-info/register?for=admin&lang=id");
    expect(indonesian.body).toContain("Akun admin memerlukan setidaknya 2 cara");
    expect(indonesian.body).not.toContain("Lewati dulu");
  });

  it("an admin idle for 15 minutes signs in again", async () => {
    const client = await signedInClient(t, { userId: AYU.userId, password: PASSWORD });
    t.clock.advanceSeconds(14 * 60);
    expect((await client.get("/admin")).status).toBe(200);
    t.clock.advanceSeconds(15 * 60);
    const response = await client.get("/admin");
    expect(response.status).toBe(303);
    expect(response.location).toBe("/signin?next=%2Fadmin");
    // An ordinary user's session keeps its 30 minutes.
    const budi = await passwordOnlyClient(t, { userId: BUDI.userId, password: PASSWORD });
    t.clock.advanceSeconds(16 * 60);
    expect((await budi.get("/account")).status).toBe(200);
  });

  it("an admin session ends after 8 hours", async () => {
    const client = await signedInClient(t, { userId: AYU.userId, password: PASSWORD });
    // Busy all day: a page every 10 minutes, never idle.
    for (let minutes = 10; minutes < 8 * 60; minutes += 10) {
      t.clock.advanceSeconds(10 * 60);
      expect((await client.get("/admin")).status, `after ${String(minutes)} minutes`).toBe(200);
    }
    t.clock.advanceSeconds(10 * 60);
    const response = await client.get("/admin");
    expect(response.status).toBe(303);
    expect(response.location).toBe("/signin?next=%2Fadmin");
  });

  it("a passkey sign-in alone opens /admin", async () => {
    const authenticator = await testPasskeyOf(t, HADI.userId);
    const client = createPageClient(t.app, { ip: "10.9.200.1" });
    const form = hiddenValue((await client.get("/signin")).body, "form");
    const options = await client.post("/signin/passkey/options", { form });
    const request = JSON.parse(options.raw) as PublicKeyCredentialRequestOptionsJSON;
    const signedIn = await client.post("/signin/passkey", { form, credential: authenticator.get(request, ORIGIN) });
    expect(signedIn.status).toBe(303);
    const overview = await client.get("/admin");
    expect(overview.status).toBe(200);
    expect(overview.body).toContain("Helpdesk admin");
  });

  it("a change more than 10 minutes after the last step-up is sent to step up again first", async () => {
    const { client, csrf } = await freshSession(t, { userId: AYU.userId, password: PASSWORD });
    t.clock.advanceSeconds(11 * 60);
    expect((await client.get(`/admin/users/${budiRef}`)).status).toBe(200);
    const stale = await client.post(`/admin/users/${budiRef}/disable`, { csrf });
    expect(stale.status).toBe(303);
    expect(stale.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    expect((await t.composed.stores.users.findUserByUserId(BUDI.userId))?.enabled).toBe(true);
  });

  it("every admin form post needs a step-up within the last 10 minutes (generated from the routes)", async () => {
    expect(posts.length).toBeGreaterThan(20);
    const { client, csrf } = await freshSession(t, { userId: AYU.userId, password: PASSWORD });
    t.clock.advanceSeconds(11 * 60);
    for (const route of posts) {
      const path = route
        .replace(":ref", budiRef)
        .replace(":name", "staff")
        .replace(/:[a-z]+/g, "1");
      const response = await client.post(path, { csrf });
      expect(response.status, path).toBe(303);
      expect(response.location, path).toMatch(/^\/account\/security-info\/verify\?next=%2Fadmin/);
    }
    expect((await t.composed.stores.users.findUserByUserId(BUDI.userId))?.enabled).toBe(true);
  });
});
