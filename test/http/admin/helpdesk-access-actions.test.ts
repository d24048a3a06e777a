/**
 * The later helpdesk actions in the admin portal (SPEC §10, §18): a temporary access pass, require re-registration,
 * remove one method. Threats: a pass that works twice, is kept, logged or audited, or is issued by a role SPEC does
 * not allow; a change without a fresh step-up or from a forged form; an admin acting above their rank or on their
 * own account; a wrong pass that is not counted like a wrong password.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { freshSession, passwordOnlyClient } from "../../support/admin-session.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const NEW_PASSWORD = "Chosen-By-Myself-42";
const PEOPLE = {
  userAdmin: { userId: "sari@contoh.example", firstName: "Sari", lastName: "Wulan", roles: ["user_admin"] },
  helpdesk: { userId: "hadi@contoh.example", firstName: "Hadi", lastName: "Pratama", roles: ["helpdesk_admin"] },
  password: { userId: "dewi@contoh.example", firstName: "Dewi", lastName: "Kusuma", roles: ["password_admin"] },
  budi: {
    userId: "budi@contoh.example",
    firstName: "Budi",
    lastName: "Santoso",
    roles: [],
    directoryEmail: "budi.kantor@contoh.example",
  },
  eko: { userId: "eko@contoh.example", firstName: "Eko", lastName: "Saputra", roles: [] },
  rini: { userId: "rini@contoh.example", firstName: "Rini", lastName: "Hartono", roles: [] },
  tono: { userId: "tono@contoh.example", firstName: "Tono", lastName: "Wibowo", roles: [] },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const emailOf = (person: Person): string => `${person.firstName.toLowerCase()}@mail.example`;
const refs = new Map<string, string>();
let nextIp = 1;
const client = (t: TestApp): PageClient => createPageClient(t.app, { ip: `10.8.0.${String(nextIp++)}` });

/** A signed-in admin past the second factor and a fresh step-up (SPEC §2), with this session's CSRF token. */
async function freshAdmin(t: TestApp, admin: Person): Promise<{ browser: PageClient; csrf: string }> {
  const { client: browser, csrf } = await freshSession(t, { userId: admin.userId, password: PASSWORD });
  return { browser, csrf };
}

const userPath = (person: Person): string => `/admin/users/${refs.get(person.userId) ?? ""}`;

async function issuePass(t: TestApp, target: Person, minutes = "60"): Promise<string> {
  const { browser } = await freshAdmin(t, PEOPLE.helpdesk);
  const confirm = await browser.get(`${userPath(target)}/access-pass`);
  expect(confirm.status).toBe(200);
  const done = await browser.post(`${userPath(target)}/access-pass`, {
    csrf: hiddenValue(confirm.body, "csrf"),
    minutes,
  });
  expect(done.status).toBe(200);
  return /<code id="access-pass"[^>]*>([^<]+)<\/code>/.exec(done.raw)?.[1] ?? "";
}

function signInWithPass(t: TestApp, person: Person, pass: string) {
  return (async () => {
    const browser = client(t);
    const page = await browser.get("/signin/pass");
    const response = await browser.post("/signin/pass", {
      form: hiddenValue(page.body, "form"),
      userId: person.userId,
      pass,
    });
    return { browser, response };
  })();
}

async function methodsOf(t: TestApp, person: Person) {
  return t.db
    .selectFrom("verified_method")
    .selectAll()
    .where("user_ref", "=", refs.get(person.userId) ?? "")
    .execute();
}

describe("temporary access pass, require re-registration and remove one method", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const person of Object.values(PEOPLE)) {
      const methods =
        person.roles.length > 0 || person === PEOPLE.eko || person === PEOPLE.tono
          ? { verifiedEmail: emailOf(person), passkey: true }
          : {};
      refs.set(person.userId, await t.seed.user({ ...person, ...methods, password: PASSWORD }));
    }
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a temporary access pass signs a user with no method in once; they choose a password without a current one; the pass then fails", async () => {
    const pass = await issuePass(t, PEOPLE.budi);
    expect(pass).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Never in the audit log or the server's log; stored only as a hash.
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.budi.userId });
    expect(events.find((event) => event.activity === "access_pass.issued")?.actor).toMatchObject({
      type: "admin",
      userId: PEOPLE.helpdesk.userId,
    });
    expect(JSON.stringify(events)).not.toContain(pass.replace(/-/g, ""));
    expect(t.logLines.join("\n")).not.toContain(pass);
    const stored = await t.db.selectFrom("temporary_access_pass").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(pass.replace(/-/g, ""));
    // The user hears that a pass was issued (SPEC §18), at the directory address; the notice never carries it.
    const notices = await t.db
      .selectFrom("outbox_message")
      .selectAll()
      .where("template", "=", "access-pass-issued")
      .execute();
    expect(notices.map((notice) => notice.recipient)).toEqual(["budi.kantor@contoh.example"]);
    expect(JSON.stringify(notices)).not.toContain(pass.replace(/-/g, ""));

    const { browser, response } = await signInWithPass(t, PEOPLE.budi, pass.toLowerCase().replace(/-/g, " "));
    expect(response.status).toBe(303);
    expect(response.location).toBe("/account/password");
    const form = await browser.get("/account/password");
    expect(form.body).not.toContain('name="current"');
    const changed = await browser.post("/account/password", {
      csrf: hiddenValue(form.body, "csrf"),
      password: NEW_PASSWORD,
      confirmation: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    expect(changed.location).toMatch(/^\/account\?changed=1/);
    // The user registers a method right away: the pass counts as a fresh step-up.
    expect((await browser.get("/account/security-info/authenticator-app")).status).toBe(200);

    const again = await signInWithPass(t, PEOPLE.budi, pass);
    expect(again.response.status).toBe(401);
    expect(again.response.body).toContain("We couldn't sign you in");
    const password = client(t);
    expect((await submitSignIn(password, { userId: PEOPLE.budi.userId, password: NEW_PASSWORD })).status).toBe(303);
    const used = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.budi.userId });
    expect(used.map((event) => event.activity)).toContain("access_pass.used");
  });

  it("a wrong pass counts against the sign-in lockout like a wrong password", async () => {
    await issuePass(t, PEOPLE.rini);
    const { response } = await signInWithPass(t, PEOPLE.rini, "AAAA-BBBB-CCCC-DDDD");
    expect(response.status).toBe(401);
    const lockout = await t.db
      .selectFrom("signin_lockout")
      .selectAll()
      .where("key", "like", `%${PEOPLE.rini.userId}%`)
      .executeTakeFirst();
    expect(lockout?.failures).toBe(1);
  });

  it("an expired pass does not sign in, and its expiry is audited", async () => {
    const pass = await issuePass(t, PEOPLE.rini, "10");
    t.clock.advanceSeconds(11 * 60);
    const { response } = await signInWithPass(t, PEOPLE.rini, pass);
    expect(response.status).toBe(401);
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.rini.userId });
    expect(events.map((event) => event.activity)).toContain("access_pass.expired");
  });

  it("a password admin cannot issue a temporary access pass (SPEC §18: GA, UA, HA), and is not offered it", async () => {
    const { browser, csrf } = await freshAdmin(t, PEOPLE.password);
    expect((await browser.get(userPath(PEOPLE.eko))).body).not.toContain(`${userPath(PEOPLE.eko)}/access-pass"`);
    expect((await browser.get(`${userPath(PEOPLE.eko)}/access-pass`)).status).toBe(403);
    expect((await browser.post(`${userPath(PEOPLE.eko)}/access-pass`, { csrf })).status).toBe(403);
    expect((await browser.post(`${userPath(PEOPLE.eko)}/require-registration`, { csrf })).status).toBe(403);
    expect(await methodsOf(t, PEOPLE.eko)).toHaveLength(2);
  });

  it("a helpdesk admin cannot act above their role: no pass or method removal for a user admin", async () => {
    const { browser, csrf } = await freshAdmin(t, PEOPLE.helpdesk);
    expect((await browser.post(`${userPath(PEOPLE.userAdmin)}/access-pass`, { csrf })).status).toBe(403);
    expect((await browser.post(`${userPath(PEOPLE.userAdmin)}/require-registration`, { csrf })).status).toBe(403);
    expect(await methodsOf(t, PEOPLE.userAdmin)).toHaveLength(2);
  });

  it("an admin cannot issue a pass for, or strip the methods of, their own account", async () => {
    const { browser, csrf } = await freshAdmin(t, PEOPLE.helpdesk);
    expect((await browser.post(`${userPath(PEOPLE.helpdesk)}/access-pass`, { csrf })).status).toBe(403);
    expect((await browser.post(`${userPath(PEOPLE.helpdesk)}/require-registration`, { csrf })).status).toBe(403);
  });

  it("a forged form or one without a fresh step-up changes nothing", async () => {
    const { browser, csrf } = await freshAdmin(t, PEOPLE.helpdesk);
    expect((await browser.post(`${userPath(PEOPLE.eko)}/require-registration`, { csrf: `${csrf}x` })).status).toBe(403);
    const stale = await passwordOnlyClient(t, { userId: PEOPLE.helpdesk.userId, password: PASSWORD });
    const staleCsrf = hiddenValue((await stale.get("/account")).body, "csrf");
    const sent = await stale.post(`${userPath(PEOPLE.eko)}/require-registration`, { csrf: staleCsrf });
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    expect(await methodsOf(t, PEOPLE.eko)).toHaveLength(2);
  });

  it("a helpdesk admin removes one method, then requires re-registration; both audited with the admin as actor", async () => {
    const { browser } = await freshAdmin(t, PEOPLE.helpdesk);
    const [email] = (await methodsOf(t, PEOPLE.eko)).filter((method) => method.method === "email");
    const page = await browser.get(userPath(PEOPLE.eko));
    expect(page.body).toContain(`remove-method?method=${email?.id ?? ""}`);
    const confirm = await browser.get(`${userPath(PEOPLE.eko)}/remove-method?method=${email?.id ?? ""}`);
    expect(confirm.status).toBe(200);
    const removed = await browser.post(`${userPath(PEOPLE.eko)}/remove-method`, {
      csrf: hiddenValue(confirm.body, "csrf"),
      method: email?.id ?? "",
    });
    expect(removed.location).toBe(`${userPath(PEOPLE.eko)}?done=remove-method`);
    expect((await methodsOf(t, PEOPLE.eko)).map((method) => method.method)).toEqual(["passkey"]);

    const required = await browser.post(`${userPath(PEOPLE.eko)}/require-registration`, {
      csrf: hiddenValue(confirm.body, "csrf"),
    });
    expect(required.location).toBe(`${userPath(PEOPLE.eko)}?done=require-registration`);
    expect(await methodsOf(t, PEOPLE.eko)).toEqual([]);
    const account = await t.db
      .selectFrom("account")
      .select("registration_forced_at")
      .where("ref", "=", refs.get(PEOPLE.eko.userId) ?? "")
      .executeTakeFirst();
    expect(account?.registration_forced_at).not.toBeNull();
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.eko.userId });
    const mine = events.filter((event) => event.actor.userId === PEOPLE.helpdesk.userId);
    expect(mine.map((event) => event.activity)).toEqual(
      expect.arrayContaining(["security_info.removed", "security_info.reregistration_required"]),
    );
  });

  it("a helpdesk admin sends one registration reminder, queued for the user's address and audited without it", async () => {
    const { browser } = await freshAdmin(t, PEOPLE.helpdesk);
    const confirm = await browser.get(`${userPath(PEOPLE.tono)}/remind`);
    expect(confirm.status).toBe(200);
    const sent = await browser.post(`${userPath(PEOPLE.tono)}/remind`, { csrf: hiddenValue(confirm.body, "csrf") });
    expect(sent.location).toBe(`${userPath(PEOPLE.tono)}?done=remind`);
    const queued = await t.db
      .selectFrom("outbox_message")
      .select(["recipient", "template"])
      .where("template", "=", "registration-reminder")
      .execute();
    expect(queued.map((message) => message.recipient)).toContain(emailOf(PEOPLE.tono));
    const events = await t.composed.stores.auditReader.recent({ limit: 100, userId: PEOPLE.tono.userId });
    const reminded = events.find((event) => event.activity === "registration.reminded");
    expect(reminded?.actor).toMatchObject({ type: "admin", userId: PEOPLE.helpdesk.userId });
    expect(JSON.stringify(reminded)).not.toContain(emailOf(PEOPLE.tono));
  });

  it("a password admin cannot send a registration reminder (SPEC §10: GA, UA, HA)", async () => {
    const { browser, csrf } = await freshAdmin(t, PEOPLE.password);
    expect((await browser.post(`${userPath(PEOPLE.tono)}/remind`, { csrf })).status).toBe(403);
  });
});
