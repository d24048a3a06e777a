/**
 * The admin context (/admin). Threats: an anonymous visitor or an ordinary user reading the admin pages; an admin
 * reading more than their roles allow (the audit log is for global admins and reports readers only, SPEC §2).
 */
import {} from "../../support/seed.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { signedInClient } from "../../support/admin-session.js";
import { createPageClient, hiddenValue, type PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const PEOPLE = {
  global: { userId: "ayu@contoh.example", firstName: "Ayu", lastName: "Lestari", roles: ["global_admin"] },
  password: { userId: "dewi@contoh.example", firstName: "Dewi", lastName: "Kusuma", roles: ["password_admin"] },
  reports: { userId: "rudi@contoh.example", firstName: "Rudi", lastName: "Hartono", roles: ["reports_reader"] },
  user: { userId: "budi@contoh.example", firstName: "Budi", lastName: "Santoso", roles: [] },
} as const;

/** Signs in; an admin also passes the second factor (SPEC §2). */
const signedIn = (t: TestApp, person: (typeof PEOPLE)[keyof typeof PEOPLE]): Promise<PageClient> =>
  signedInClient(t, { userId: person.userId, password: PASSWORD });

describe("the admin context", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    // An admin needs two non-question methods before anything else (SPEC §5.2).
    for (const person of Object.values(PEOPLE)) {
      const methods =
        person.roles.length > 0
          ? { verifiedEmail: `${person.firstName.toLowerCase()}@mail.example`, passkey: true }
          : {};
      await t.seed.user({ ...person, ...methods, password: PASSWORD });
    }
    await t.seed.policy({
      scope: "all",
      "helpdesk.mode": "email",
      "helpdesk.target": "helpdesk@contoh.example",
      "registration.requiredAtSignIn": "off",
    });
  });
  afterAll(async () => t.close());

  it("an anonymous visitor is sent to sign in and sees nothing of the admin pages", async () => {
    const response = await createPageClient(t.app, { ip: "10.4.1.1" }).get("/admin");
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe("/signin?next=%2Fadmin");
    expect(response.body).not.toContain("policy");
  });

  it("an ordinary user gets 403 and a clear message, in their language", async () => {
    const client = await signedIn(t, PEOPLE.user);
    const response = await client.get("/admin");
    expect(response.status).toBe(403);
    expect(response.body).toContain("Your account has no admin role.");
    expect(response.body).not.toContain("Everyone");
    const indonesian = await client.get("/admin?lang=id");
    expect(indonesian.body).toContain("Akun Anda tidak memiliki peran admin.");
    expect((await client.get("/account")).body).not.toContain('href="/admin"');
  });

  it("a global admin sees their role, the policy in force and the newest audit events", async () => {
    const client = await signedIn(t, PEOPLE.global);
    expect((await client.get("/account")).body).toContain('href="/admin"');
    const response = await client.get("/admin");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.body;
    expect(body).toContain("<li>Global admin</li>");
    expect(body).toContain("<dt>Who may reset</dt><dd>Everyone</dd>");
    expect(body).toMatch(/<dt>Methods users may use<\/dt><dd>Email, [^<]*Recovery codes<\/dd>/);
    expect(body).toContain("<dt>Helpdesk contact</dt><dd>helpdesk@contoh.example</dd>");
    expect(body).toContain("sandi policy set KEY VALUE");
    // Its own sign-in is among the newest events, with the actor's user ID and no secret.
    expect(body).toMatch(
      /Sign-in succeeded<br><span class="code">signin\.succeeded<\/span>[\s\S]*?User ayu@contoh\.example/,
    );
    expect(body).not.toContain(PASSWORD);
  });

  it("the audit list says each activity, reason and actor in plain words, in Indonesian too, codes kept", async () => {
    const client = await signedIn(t, PEOPLE.global);
    const body = (await client.get("/admin?lang=id")).body;
    expect(body).toMatch(
      /Berhasil masuk<br><span class="code">signin\.succeeded<\/span>[\s\S]*?Pengguna ayu@contoh\.example/,
    );
    expect(body).toContain("<dt>Zona waktu</dt><dd>UTC</dd>");
  });

  it("a reports reader reads the audit log but is told only a global admin changes the policy", async () => {
    const body = (await (await signedIn(t, PEOPLE.reports)).get("/admin")).body;
    expect(body).toContain("Recent audit events");
    expect(body).toContain('<table class="stack">');
    expect(body).toContain("Only a global admin can change the policy.");
  });

  it("a password admin sees the policy but not the audit log (SPEC §2: audit is GA and RR only)", async () => {
    const body = (await (await signedIn(t, PEOPLE.password)).get("/admin?lang=id")).body;
    expect(body).toContain("<li>Admin kata sandi</li>");
    expect(body).toContain("<dt>Pengguna yang dapat mengatur ulang kata sandi</dt><dd>Semua pengguna</dd>");
    expect(body).toContain("Peran Anda tidak mencakup membaca log audit.");
    expect(body).not.toContain("<table");
    expect(body).not.toContain("signin.succeeded");
  });

  it("a signed-out session no longer opens the admin pages", async () => {
    const client = await signedIn(t, PEOPLE.global);
    const account = await client.get("/account");
    await client.post("/signout", { csrf: hiddenValue(account.body, "csrf") });
    const response = await client.get("/admin");
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe("/signin?next=%2Fadmin");
  });

  it("every admin page shows the areas the admin's roles may open, the current one marked, in Indonesian too", async () => {
    const areas = (body: string) =>
      [...(/<nav class="admin-areas"[^>]*>([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? "").matchAll(/href="([^"]+)"/g)].map(
        (match) => match[1],
      );
    const global = await signedIn(t, PEOPLE.global);
    const users = (await global.get("/admin/users")).body;
    expect(areas(users)).toEqual([
      "/admin",
      "/admin/users",
      "/admin/groups",
      "/admin/diagnose",
      "/admin/policy",
      "/admin/audit",
      "/admin/tokens",
    ]);
    expect(users).toContain('<a href="/admin/users" aria-current="page">Users</a>');
    expect((await global.get("/admin/users/import")).body).toContain('<a href="/admin/users" aria-current="page">');
    const overview = (await global.get("/admin?lang=id")).body;
    expect(overview).toContain('<nav class="admin-areas" aria-label="Bagian administrasi">');
    expect(overview).toContain('<a href="/admin" aria-current="page">Ringkasan</a>');
    // An area the roles cannot open is not offered: only a Global admin manages API tokens.
    const password = await signedIn(t, PEOPLE.password);
    const passwordAreas = areas((await password.get("/admin")).body);
    expect(passwordAreas).not.toContain("/admin/tokens");
    // Nor the audit log: SPEC §2 gives audit.read to global admins and reports readers only.
    expect(passwordAreas).not.toContain("/admin/audit");
  });
});
