/**
 * The policy pages (SPEC §3). Threats: a role other than global admin changing the policy; a change from a forged
 * or cross-site form, or without a fresh step-up; a warning (a loss, questions on) saved without the admin seeing
 * it. And the pages' promises: a refused save keeps what was typed, every version can be compared and restored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValuesOf } from "../../../src/http/admin/policy-form.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { freshSession, passwordOnlyClient, signedInClient } from "../../support/admin-session.js";
import { hiddenValue, type PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const PEOPLE = {
  global: { userId: "ayu@contoh.example", firstName: "Ayu", lastName: "Lestari", roles: ["global_admin"] },
  reader: { userId: "rini@contoh.example", firstName: "Rini", lastName: "Astuti", roles: ["reports_reader"] },
  helpdesk: { userId: "hadi@contoh.example", firstName: "Hadi", lastName: "Pratama", roles: ["helpdesk_admin"] },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];
const BUDI = { userId: "budi@contoh.example", firstName: "Budi", lastName: "Santoso", roles: [] } as const;

const emailOf = (person: Person): string => `${person.firstName.toLowerCase()}@mail.example`;

/** Signs in; an admin also passes the second factor (SPEC §2). `origin` is what the client's forms claim. */
const signedIn = (t: TestApp, person: Person, origin?: string): Promise<PageClient> =>
  signedInClient(t, { userId: person.userId, password: PASSWORD, ...(origin === undefined ? {} : { origin }) });
const freshAdmin = (t: TestApp, admin: Person) => freshSession(t, { userId: admin.userId, password: PASSWORD });

describe("the policy pages", () => {
  let t: TestApp;
  let ga: { client: PageClient; csrf: string };
  /** The whole form as the page shows it for the policy in force, with `changes` typed over it. */
  async function form(changes: Record<string, string>): Promise<Record<string, string>> {
    const live = await t.composed.stores.policy.current();
    if (live === null) throw new Error("no policy");
    return { ...formValuesOf(live.policy), csrf: ga.csrf, ...changes };
  }
  const versionNow = async () => (await t.composed.stores.policy.current())?.version ?? 0;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const person of Object.values(PEOPLE))
      await t.seed.user({ ...person, verifiedEmail: emailOf(person), passkey: true, password: PASSWORD });
    // An ordinary user with one method: able to reset while one gate is enough.
    await t.seed.user({ ...BUDI, verifiedEmail: "budi@mail.example", password: PASSWORD });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    ga = await freshAdmin(t, PEOPLE.global);
  });
  afterAll(async () => t.close());

  it("a global admin sees every area with allowed values and defaults, and the per-method targeting", async () => {
    const page = await ga.client.get("/admin/policy");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="/admin/policy"');
    expect(page.body).toContain("Allowed: a whole number from 8 to 64. Default: 8.");
    expect(page.body).toContain("Who may use Mobile phone (text message)");
    for (const area of ["Methods", "Security questions", "Registration", "Notifications", "Passwords"])
      expect(page.body).toContain(area);
  });

  it("a reports reader and a helpdesk admin read the policy but get no form, and their save is refused", async () => {
    for (const person of [PEOPLE.reader, PEOPLE.helpdesk]) {
      const { client, csrf } = await freshAdmin(t, person);
      const page = await client.get("/admin/policy");
      expect(page.status).toBe(200);
      expect(page.body).not.toContain('action="/admin/policy"');
      expect(page.body).toContain("disabled");
      expect(page.body).toContain("Only a global admin can change the policy.");
      const before = await versionNow();
      const post = await client.post("/admin/policy", { ...(await form({ scope: "none" })), csrf });
      expect(post.status).toBe(403);
      expect(await versionNow()).toBe(before);
      const version = await client.get(`/admin/policy/versions/${String(before)}`);
      expect(version.status).toBe(200);
      expect(version.body).not.toContain("/restore");
      const restore = await client.post(`/admin/policy/versions/${String(before)}/restore`, { csrf });
      expect(restore.status).toBe(403);
      expect(await versionNow()).toBe(before);
    }
  });

  it("a forged form (wrong CSRF token) or a cross-site post changes nothing", async () => {
    const before = await versionNow();
    const forged = await ga.client.post("/admin/policy", await form({ scope: "none", csrf: "forged" }));
    expect(forged.status).toBe(403);
    const crossSite = await signedIn(t, PEOPLE.global, "https://evil.example");
    const crossed = await crossSite.post("/admin/policy", await form({ scope: "none" }));
    expect(crossed.status).toBe(403);
    expect(await versionNow()).toBe(before);
  });

  it("a change without a fresh step-up is sent to the step-up first", async () => {
    const client = await passwordOnlyClient(t, { userId: PEOPLE.global.userId, password: PASSWORD });
    const csrf = hiddenValue((await client.get("/account")).body, "csrf");
    const before = await versionNow();
    const stale = await client.post("/admin/policy", { ...(await form({ scope: "none" })), csrf });
    expect(stale.status).toBe(303);
    expect(stale.location).toBe(`/account/security-info/verify?next=${encodeURIComponent("/admin/policy")}`);
    expect(await versionNow()).toBe(before);
    // The editor steps up before the form, so nothing typed is lost to a step-up on save.
    expect((await client.get("/admin/policy")).location).toBe(stale.location);
  });

  it("a block refuses the save with the message at its field and keeps every typed value", async () => {
    const before = await versionNow();
    const refused = await ga.client.post(
      "/admin/policy",
      await form({ scope: "selected", scopeGroups: "", "password.minLength": "12", "helpdesk.target": "help desk" }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="f-scopeGroups-error"');
    expect(refused.body).toContain("Choose at least one group when only selected groups may use SSPR.");
    expect(refused.body).toContain("Enter an https:// web address or an email address.");
    expect(refused.body).toMatch(/id="f-password-minLength"[^>]*value="12"/);
    expect(refused.body).toMatch(/id="f-helpdesk-target"[^>]*value="help desk"/);
    expect(refused.body).toMatch(/<option value="selected" selected>/);
    expect(await versionNow()).toBe(before);
  });

  it("a value that cannot be read is refused at its field, with the text kept", async () => {
    const refused = await ga.client.post("/admin/policy", await form({ "registration.maxSkipDays": "seven" }));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="f-registration-maxSkipDays-error"');
    expect(refused.body).toMatch(/id="f-registration-maxSkipDays"[^>]*value="seven"/);
  });

  it("a warning needs the confirmation box; confirmed, the save is a version with an audited change", async () => {
    const before = await versionNow();
    const warned = await ga.client.post("/admin/policy", await form({ "methods.securityQuestions": "on" }));
    expect(warned.status).toBe(400);
    expect(warned.body).toContain("NIST SP 800-63B does not accept answers");
    expect(warned.body).toContain('name="confirmWarnings"');
    expect(warned.body).toMatch(/id="f-methods-securityQuestions"[^>]*checked/);
    expect(await versionNow()).toBe(before);
    const saved = await ga.client.post(
      "/admin/policy",
      await form({ "methods.securityQuestions": "on", confirmWarnings: "on" }),
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/admin/policy?saved=${String(before + 1)}`);
    const live = await t.composed.stores.policy.current();
    expect(live).toMatchObject({ version: before + 1, createdBy: `admin:${PEOPLE.global.userId}` });
    const events = await t.composed.stores.auditReader.recent({ limit: 50 });
    const updated = events.filter((event) => event.activity === "policy.updated").at(-1);
    expect(updated?.changes).toEqual([{ field: "methods.securityQuestions", old: false, new: true }]);
    expect(updated?.actor).toMatchObject({ type: "admin", userId: PEOPLE.global.userId });
  });

  it("V10: requiring two methods warns with the number of users who would lose reset, admins counted apart", async () => {
    const before = await versionNow();
    const tooFew = await ga.client.post("/admin/policy", await form({ methodsToReset: "2", methodsToRegister: "1" }));
    expect(tooFew.status).toBe(400);
    expect(tooFew.body).toContain("Methods needed to register must be at least the methods needed to reset");
    const warned = await ga.client.post("/admin/policy", await form({ methodsToReset: "2", methodsToRegister: "2" }));
    expect(warned.status).toBe(400);
    expect(warned.body).toContain("1 user who can reset today would lose that ability (0 of them admins).");
    expect(await versionNow()).toBe(before);
    const saved = await ga.client.post(
      "/admin/policy",
      await form({ methodsToReset: "2", methodsToRegister: "2", confirmWarnings: "on" }),
    );
    expect(saved.status).toBe(303);
    expect(await versionNow()).toBe(before + 1);
  });

  it("aims a method at selected groups with exclusions from the form", async () => {
    const saved = await ga.client.post(
      "/admin/policy",
      await form({
        "target.mobileSms": "groups",
        "targetGroups.mobileSms": "Pilot SSPR",
        "targetExcluded.mobileSms": "Kontraktor",
      }),
    );
    expect(saved.status).toBe(303);
    const live = await t.composed.stores.policy.current();
    expect(live?.policy.methodTargets.mobileSms).toEqual({
      target: "groups",
      groups: ["Pilot SSPR"],
      excludedGroups: ["Kontraktor"],
    });
    const empty = await ga.client.post("/admin/policy", await form({ "targetGroups.mobileSms": "" }));
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('id="f-targetGroups-mobileSms-error"');
  });

  it("lists the versions, shows one version's changes in plain words, and restores it as a new audited version", async () => {
    const newest = await versionNow();
    const list = await ga.client.get("/admin/policy/versions");
    expect(list.status).toBe(200);
    expect(list.body).toContain(`href="/admin/policy/versions/${String(newest)}"`);
    expect(list.body).toContain(`admin:${PEOPLE.global.userId}`);
    const diff = await ga.client.get(`/admin/policy/versions/${String(newest)}`);
    expect(diff.status).toBe(200);
    expect(diff.body).toContain("Mobile phone (text message): who may use it");
    expect(diff.body).toMatch(/Everyone<\/td>\s*<td[^>]*>Selected groups/);
    expect(diff.body).not.toContain("Minimum password length");
    const target = newest - 1;
    const restore = await ga.client.post(`/admin/policy/versions/${String(target)}/restore`, { csrf: ga.csrf });
    expect(restore.status).toBe(303);
    expect(await versionNow()).toBe(newest + 1);
    const live = await t.composed.stores.policy.current();
    expect(live?.policy.methodTargets.mobileSms.target).toBe("everyone");
    const events = await t.composed.stores.auditReader.recent({ limit: 50 });
    expect(events.filter((event) => event.activity === "policy.updated").at(-1)?.reason).toBe(
      `restored:${String(target)}`,
    );
    expect((await ga.client.get("/admin/policy/versions/999")).status).toBe(404);
  });
});
