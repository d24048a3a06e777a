/**
 * The helpdesk actions in the admin portal (SPEC §2, §10). Threats: a change without a fresh step-up or from a forged
 * form; an admin acting beyond their role or above their rank, or on their own account; a temporary password that
 * is kept, logged or audited; a revoked session that keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { freshSession, passwordOnlyClient, signedInClient, stepUp } from "../../support/admin-session.js";
import { hiddenValue, type PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const PEOPLE = {
  global: { userId: "ayu@contoh.example", firstName: "Ayu", lastName: "Lestari", roles: ["global_admin"] },
  userAdmin: { userId: "sari@contoh.example", firstName: "Sari", lastName: "Wulan", roles: ["user_admin"] },
  helpdesk: { userId: "hadi@contoh.example", firstName: "Hadi", lastName: "Pratama", roles: ["helpdesk_admin"] },
  password: { userId: "dewi@contoh.example", firstName: "Dewi", lastName: "Kusuma", roles: ["password_admin"] },
  budi: { userId: "budi@contoh.example", firstName: "Budi", lastName: "Santoso", roles: [] },
  eko: { userId: "eko@contoh.example", firstName: "Eko", lastName: "Saputra", roles: [] },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const emailOf = (person: Person): string => `${person.firstName.toLowerCase()}@mail.example`;
const refs = new Map<string, string>();

/** Signs in; an admin also passes the second factor (SPEC §2). */
const signedIn = (t: TestApp, person: Person, password = PASSWORD): Promise<PageClient> =>
  signedInClient(t, { userId: person.userId, password });
const freshAdmin = (t: TestApp, admin: Person) => freshSession(t, { userId: admin.userId, password: PASSWORD });

const userPath = (person: Person): string => `/admin/users/${refs.get(person.userId) ?? ""}`;

describe("helpdesk actions in the admin portal", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const person of Object.values(PEOPLE)) {
      const methods = person.roles.length > 0 ? { verifiedEmail: emailOf(person), passkey: true } : {};
      refs.set(person.userId, await t.seed.user({ ...person, ...methods, password: PASSWORD }));
    }
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a helpdesk admin finds a user, resets the password, sees it once; the user must change it; the audit names the admin", async () => {
    const { client } = await freshAdmin(t, PEOPLE.helpdesk);
    const search = await client.get("/admin/users?q=santoso");
    expect(search.body).toContain(`href="${userPath(PEOPLE.budi)}"`);
    expect(search.body).not.toContain("eko@contoh.example");
    const page = await client.get(userPath(PEOPLE.budi));
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="${userPath(PEOPLE.budi)}/reset"`);
    const confirm = await client.get(`${userPath(PEOPLE.budi)}/reset`);
    expect(confirm.body).toContain("Reset the password of budi@contoh.example?");
    const done = await client.post(`${userPath(PEOPLE.budi)}/reset`, {
      csrf: hiddenValue(confirm.body, "csrf"),
      choice: "generate",
      mustChange: "on",
    });
    expect(done.status).toBe(200);
    const temporary = /<code id="temporary-password"[^>]*>([^<]+)<\/code>/.exec(done.raw)?.[1] ?? "";
    expect(temporary).toHaveLength(16);
    expect(done.body).toContain("This is the only time the temporary password is shown");
    // Shown once: the user page never shows it again.
    expect((await client.get(userPath(PEOPLE.budi))).body).not.toContain(temporary);

    const budi = await signedIn(t, PEOPLE.budi, temporary.replace(/&amp;/g, "&"));
    expect((await budi.get("/account")).location).toBe("/account/password");

    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.budi.userId });
    const reset = events.find((event) => event.activity === "password.reset.admin");
    expect(reset?.actor).toMatchObject({ type: "admin", userId: PEOPLE.helpdesk.userId });
    expect(JSON.stringify(events)).not.toContain(temporary);
    expect(t.logLines.join("\n")).not.toContain(temporary);
  });

  it("a change without a fresh step-up is sent to the step-up, which returns to the action", async () => {
    const client = await passwordOnlyClient(t, { userId: PEOPLE.helpdesk.userId, password: PASSWORD });
    const csrf = hiddenValue((await client.get("/account")).body, "csrf");
    const stale = await client.post(`${userPath(PEOPLE.eko)}/unlock`, { csrf });
    expect(stale.status).toBe(303);
    expect(stale.location).toBe(
      `/account/security-info/verify?next=${encodeURIComponent(`${userPath(PEOPLE.eko)}/unlock`)}`,
    );
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.eko.userId });
    expect(events.filter((event) => event.reason === "unlock")).toEqual([]);
    await stepUp(t, client, PEOPLE.helpdesk.userId, `${userPath(PEOPLE.eko)}/unlock`);
    const unlocked = await client.post(`${userPath(PEOPLE.eko)}/unlock`, { csrf });
    expect(unlocked.location).toBe(`${userPath(PEOPLE.eko)}?done=unlock`);
  });

  it("a form without this session's CSRF token is refused", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.helpdesk);
    expect((await client.post(`${userPath(PEOPLE.eko)}/clear-block`, {})).status).toBe(403);
    expect((await client.post(`${userPath(PEOPLE.eko)}/clear-block`, { csrf: `${csrf}x` })).status).toBe(403);
    expect((await client.post(`${userPath(PEOPLE.eko)}/clear-block`, { csrf })).status).toBe(303);
  });

  it("a password admin cannot revoke sessions (403), and is not offered it", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.password);
    const page = await client.get(userPath(PEOPLE.eko));
    expect(page.body).toContain(`${userPath(PEOPLE.eko)}/reset"`);
    expect(page.body).not.toContain(`${userPath(PEOPLE.eko)}/revoke-sessions"`);
    expect((await client.get(`${userPath(PEOPLE.eko)}/revoke-sessions`)).status).toBe(403);
    const refused = await client.post(`${userPath(PEOPLE.eko)}/revoke-sessions`, { csrf });
    expect(refused.status).toBe(403);
  });

  it("an admin cannot reset their own password here", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.global);
    expect((await client.get(userPath(PEOPLE.global))).body).toContain(
      "You can't run helpdesk actions on your own account.",
    );
    const refused = await client.post(`${userPath(PEOPLE.global)}/reset`, { csrf, choice: "generate" });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("You can't run helpdesk actions on your own account.");
  });

  it("a user admin cannot act on a global admin", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.userAdmin);
    expect((await client.get(userPath(PEOPLE.global))).body).toContain(
      "Your roles allow no helpdesk action on this user.",
    );
    const refused = await client.post(`${userPath(PEOPLE.global)}/reset`, { csrf, choice: "generate" });
    expect(refused.status).toBe(403);
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.global.userId });
    expect(events.filter((event) => event.activity === "password.reset.admin")).toEqual([]);
  });

  it("revoke sessions ends the user's open session", async () => {
    const eko = await signedIn(t, PEOPLE.eko);
    expect((await eko.get("/account")).status).toBe(200);
    const { client, csrf } = await freshAdmin(t, PEOPLE.helpdesk);
    const revoked = await client.post(`${userPath(PEOPLE.eko)}/revoke-sessions`, { csrf });
    expect(revoked.location).toBe(`${userPath(PEOPLE.eko)}?done=revoke-sessions`);
    expect((await client.follow(revoked)).body).toContain("All sessions were ended.");
    const after = await eko.get("/account");
    expect(after.status).toBe(303);
    expect(after.location).toBe("/signin");
  });

  it("the user page shows methods masked, never the full address", async () => {
    const { client } = await freshAdmin(t, PEOPLE.global);
    const body = (await client.get(userPath(PEOPLE.helpdesk))).body;
    expect(body).toContain("h***@m***.example");
    expect(body).not.toContain("hadi@mail.example");
    expect(body).toContain("0 of 5");
  });

  it("a security hold is released only with a note, which the audit keeps", async () => {
    await t.composed.stores.accounts.setSecurityHold(refs.get(PEOPLE.eko.userId) ?? "", true, t.clock.now());
    const { client, csrf } = await freshAdmin(t, PEOPLE.global);
    const confirm = await client.get(`${userPath(PEOPLE.eko)}/release-hold`);
    expect(confirm.body).toContain('name="note"');
    const withoutNote = await client.post(`${userPath(PEOPLE.eko)}/release-hold`, { csrf, note: "  " });
    expect(withoutNote.status).toBe(400);
    expect(withoutNote.body).toContain("Write a note saying why the hold can be released.");
    const released = await client.post(`${userPath(PEOPLE.eko)}/release-hold`, { csrf, note: "Called back, all fine" });
    expect(released.location).toBe(`${userPath(PEOPLE.eko)}?done=release-hold`);
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.eko.userId });
    const event = events.find((candidate) => candidate.reason === "hold_released");
    expect(event?.actor).toMatchObject({ type: "admin", userId: PEOPLE.global.userId });
    expect(JSON.stringify(event?.changes)).toContain("Called back, all fine");
  });

  it("a typed password must pass the full policy; must-change can be turned off, and the audit says so", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.userAdmin);
    const path = `${userPath(PEOPLE.budi)}/reset`;
    const weak = await client.post(path, { csrf, choice: "type", password: "short", confirmation: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body).not.toContain("temporary-password");
    const chosen = "Kebun-Teh-Pagi-2026";
    const typed = await client.post(path, { csrf, choice: "type", password: chosen, confirmation: chosen });
    expect(typed.status).toBe(200);
    expect(typed.body).toContain(chosen);
    expect(typed.body).toContain("The user is not asked to change this password.");
    const budi = await signedIn(t, PEOPLE.budi, chosen);
    expect((await budi.get("/account")).status).toBe(200);
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.budi.userId });
    const reset = events.filter((event) => event.activity === "password.reset.admin").at(-1);
    expect(reset?.changes).toEqual([{ field: "mustChangePassword", old: null, new: false }]);
    expect(JSON.stringify(events)).not.toContain(chosen);
  });

  it("an admin's session ends after 15 minutes idle; an ordinary user's lasts 30", async () => {
    const admin = await signedIn(t, PEOPLE.password);
    const user = await signedIn(t, PEOPLE.eko);
    t.clock.advanceSeconds(15 * 60 + 1);
    expect((await admin.get("/admin")).location).toBe("/signin?next=%2Fadmin");
    expect((await user.get("/account")).status).toBe(200);
  });
});
