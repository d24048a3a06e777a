/**
 * User and group management and the CSV import in the admin portal (SPEC §10, issue 12 item 5). Threats: a change
 * from a forged form (every new form checks this session's CSRF token); a reports reader or a helpdesk admin
 * changing the directory; bad input that loses what the admin typed or answers 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { freshSession } from "../../support/admin-session.js";

const PASSWORD = "Right-Password-1";
const PEOPLE = {
  global: { userId: "ayu@contoh.example", firstName: "Ayu", lastName: "Lestari", roles: ["global_admin"] },
  userAdmin: { userId: "sari@contoh.example", firstName: "Sari", lastName: "Wulan", roles: ["user_admin"] },
  helpdesk: { userId: "hadi@contoh.example", firstName: "Hadi", lastName: "Pratama", roles: ["helpdesk_admin"] },
  reader: { userId: "rudi@contoh.example", firstName: "Rudi", lastName: "Hartono", roles: ["reports_reader"] },
  budi: { userId: "budi@contoh.example", firstName: "Budi", lastName: "Santoso", roles: [] },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const emailOf = (person: Person): string => `${person.firstName.toLowerCase()}@mail.example`;
const refs = new Map<string, string>();

/** A signed-in admin past the second factor and a fresh step-up, with this session's CSRF token. */
const freshAdmin = (t: TestApp, admin: Person) => freshSession(t, { userId: admin.userId, password: PASSWORD });

const budiPath = (): string => `/admin/users/${refs.get(PEOPLE.budi.userId) ?? ""}`;

/** Every form this work added, with a body that would change something. */
function newForms(): readonly (readonly [string, Record<string, string>])[] {
  return [
    ["/admin/users/new", { userId: "forged@contoh.example", email: "f@mail.example", firstName: "F", lastName: "G" }],
    [`${budiPath()}/edit`, { firstName: "Forged", lastName: "Name", email: "budi@mail.example" }],
    [`${budiPath()}/disable`, {}],
    [`${budiPath()}/enable`, {}],
    [`${budiPath()}/delete`, {}],
    ["/admin/groups", { name: "forged-group", description: "" }],
    ["/admin/groups/staff/members", { op: "add", userId: PEOPLE.budi.userId }],
    ["/admin/groups/staff/subgroups", { op: "add", child: "office" }],
    ["/admin/groups/staff/delete", {}],
    [
      "/admin/users/import",
      { mode: "import", csv: "userId,email,firstName,lastName\nf@contoh.example,f@m.example,F,G\n" },
    ],
  ];
}

async function unchanged(t: TestApp): Promise<void> {
  const budi = await t.composed.services.adminActions.showUser({ type: "console" }, PEOPLE.budi.userId);
  expect(budi.ok && budi.value.user).toMatchObject({ firstName: "Budi", enabled: true, groups: ["staff"] });
  const groups = await t.composed.services.adminActions.listGroups({ type: "console" });
  expect(groups.ok && groups.value.map((group) => `${group.name}:${String(group.subgroups)}`).sort()).toEqual([
    "office:0",
    "staff:0",
  ]);
  expect((await t.composed.services.adminActions.showUser({ type: "console" }, "forged@contoh.example")).ok).toBe(
    false,
  );
  expect((await t.composed.services.adminActions.showUser({ type: "console" }, "f@contoh.example")).ok).toBe(false);
}

describe("user and group management in the admin portal", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const person of Object.values(PEOPLE)) {
      const methods = person.roles.length > 0 ? { verifiedEmail: emailOf(person), passkey: true } : {};
      refs.set(person.userId, await t.seed.user({ ...person, ...methods, password: PASSWORD }));
    }
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    for (const name of ["staff", "office"])
      await t.composed.services.adminActions.createGroup({ type: "console" }, { name, description: "" });
    await t.composed.services.adminActions.addMember(
      { type: "console" },
      { group: "staff", userId: PEOPLE.budi.userId },
    );
  });
  afterAll(async () => t.close());

  it("every new form refuses a post without this session's CSRF token, and changes nothing", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.global);
    for (const [path, form] of newForms()) {
      expect((await client.post(path, form)).status, path).toBe(403);
      expect((await client.post(path, { ...form, csrf: `${csrf}x` })).status, path).toBe(403);
    }
    await unchanged(t);
  });

  it("a reports reader changes nothing: every new form answers 403 even with a valid token and a fresh step-up", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.reader);
    for (const [path, form] of newForms()) expect((await client.post(path, { ...form, csrf })).status, path).toBe(403);
    expect((await client.get("/admin/users/new")).status).toBe(403);
    expect((await client.get("/admin/users/import")).status).toBe(403);
    await unchanged(t);
  });

  it("a helpdesk admin sees the list and groups but no management links, and cannot create", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.helpdesk);
    const list = await client.get("/admin/users?group=staff");
    expect(list.status).toBe(200);
    expect(list.body).toContain(PEOPLE.budi.userId);
    expect(list.body).not.toContain("/admin/users/new");
    expect((await client.get(budiPath())).body).not.toContain(`${budiPath()}/delete`);
    expect((await client.post("/admin/users/new", { ...newForms()[0]?.[1], csrf })).status).toBe(403);
  });

  it("the list pages, sorts and filters; the search keeps working", async () => {
    const { client } = await freshAdmin(t, PEOPLE.userAdmin);
    const searched = await client.get("/admin/users?q=santoso");
    expect(searched.body).toContain(`href="${budiPath()}"`);
    expect(searched.body).not.toContain("hadi@contoh.example");
    const disabledOnly = await client.get("/admin/users?state=disabled");
    expect(disabledOnly.body).not.toContain(PEOPLE.budi.userId);
    const sorted = await client.get("/admin/users?sort=display_name&dir=desc");
    const order = ["Sari", "Rudi", "Hadi", "Budi", "Ayu"].map((name) => sorted.body.indexOf(`>${name} `));
    expect(order.every((position, index) => index === 0 || position > (order[index - 1] ?? 0))).toBe(true);
    // An edited link falls back to the default (any state) rather than a 400.
    const bogus = await client.get("/admin/users?state=bogus");
    expect(bogus.status).toBe(200);
    expect(bogus.body).toContain(PEOPLE.budi.userId);
  });

  it("creating with bad input answers 400 with each problem and keeps what was typed; good input shows the password once", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.userAdmin);
    const typed = {
      userId: "wati@contoh.example",
      email: "not-an-email",
      firstName: "Wati",
      lastName: "Ningsih",
      mobilePhone: "0812",
      groups: "staff",
    };
    const bad = await client.post("/admin/users/new", { ...typed, csrf });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="error-summary"');
    expect(bad.body).toContain('value="not-an-email"');
    expect(bad.body).toContain('value="wati@contoh.example"');
    expect(bad.body).toMatch(/value="staff" checked/);
    const good = await client.post("/admin/users/new", {
      ...typed,
      email: "wati@mail.example",
      mobilePhone: "+62 812 3456 7890",
      csrf,
    });
    expect(good.status).toBe(200);
    const password = /id="temporary-password"[^>]*>([^<]+)</.exec(good.body)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(16);
    const shown = await t.composed.services.adminActions.showUser({ type: "console" }, "wati@contoh.example");
    expect(shown.ok && shown.value.user.groups).toEqual(["staff"]);
  });

  it("edits keep typed values on a bad email; a good edit returns to the user page with its status line", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.userAdmin);
    const form = { firstName: "Budi", lastName: "Santoso", displayName: "Budi S.", email: "broken", language: "id" };
    const bad = await client.post(`${budiPath()}/edit`, { ...form, csrf });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('value="Budi S."');
    expect(bad.body).toContain('value="broken"');
    const good = await client.post(`${budiPath()}/edit`, {
      ...form,
      email: "budi@mail.example",
      groups: "staff",
      csrf,
    });
    expect(good.status).toBe(303);
    expect(good.location).toBe(`${budiPath()}?done=edited`);
    expect((await client.get(good.location ?? "")).body).toContain("Budi S.");
  });

  it("groups: a bad name keeps what was typed; a cycle is refused with a clear message", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.userAdmin);
    const bad = await client.post("/admin/groups", { name: " ", description: "typed description", csrf });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('value="typed description"');
    expect((await client.post("/admin/groups", { name: "branch", description: "", csrf })).status).toBe(303);
    expect((await client.post("/admin/groups/branch/subgroups", { op: "add", child: "office", csrf })).status).toBe(
      303,
    );
    const cycle = await client.post("/admin/groups/office/subgroups", { op: "add", child: "branch", csrf });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toContain("nesting it would go round");
    expect(cycle.body).toContain('value="branch"');
    const page = await client.get("/admin/groups/branch");
    expect(page.body).toContain('href="/admin/groups/office"');
  });

  it("the CSV import: a dry run lists the bad row, the fixed file imports, the job page shows the progress", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.userAdmin);
    const header = "userId,email,firstName,lastName,groups";
    const badCsv = `${header}\nimp.one@contoh.example,one@mail.example,Imp,One,staff\nimp.two@contoh.example,broken,Imp,Two,\n`;
    const dry = await client.post("/admin/users/import", { mode: "dry", csv: badCsv, csrf });
    expect(dry.status).toBe(200);
    expect(dry.body).toContain("Row 2, email: Enter an email address");
    expect(dry.body).toContain("imp.two@contoh.example,broken");
    const report = /href="(\/admin\/users\/import\/[^"/]+\/errors\.csv)"/.exec(dry.body)?.[1] ?? "";
    const csv = await client.get(report);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("2,email,Enter an email address");
    const refused = await client.post("/admin/users/import", { mode: "import", csv: badCsv, csrf });
    expect(refused.status).toBe(400);
    const started = await client.post("/admin/users/import", {
      mode: "import",
      csv: badCsv.replace("broken", "two@mail.example"),
      csrf,
    });
    expect(started.status).toBe(303);
    let job = await client.get(started.location ?? "");
    for (let tries = 0; tries < 50 && job.body.includes('http-equiv="refresh"'); tries += 1)
      job = await client.get(started.location ?? "");
    expect(job.body).toContain("<progress");
    expect(job.body).toContain("Finished: 2 of 2 users created.");
    const imported = await t.composed.services.adminActions.showUser({ type: "console" }, "imp.one@contoh.example");
    expect(imported.ok && imported.value.user).toMatchObject({ groups: ["staff"], hasPassword: false });
  });

  it("deleting: refused for oneself; done for another user, who is then gone", async () => {
    const { client, csrf } = await freshAdmin(t, PEOPLE.global);
    const ownPath = `/admin/users/${refs.get(PEOPLE.global.userId) ?? ""}/delete`;
    expect((await client.post(ownPath, { csrf })).status).toBe(409);
    const confirm = await client.get(`${budiPath()}/delete`);
    expect(confirm.status).toBe(200);
    const deleted = await client.post(`${budiPath()}/delete`, { csrf });
    expect(deleted.status).toBe(303);
    expect((await client.get(deleted.location ?? "")).body).toContain("budi@contoh.example was deleted.");
    expect((await client.get(budiPath())).status).toBe(404);
  });
});
