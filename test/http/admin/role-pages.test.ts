/**
 * Granting and removing admin roles in the portal, with a group scope (like Entra's administrative units). Threats:
 * a scoped helpdesk admin who finds or acts on users outside their group; a role granted without a fresh step-up or
 * CSRF token; an admin changing their own roles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";

const PASSWORD = "Right-Password-1";
const GA = { userId: "ayu@contoh.example", password: PASSWORD, email: "ayu@mail.example" };
const HADI = { userId: "hadi@contoh.example", password: PASSWORD, email: "hadi@mail.example" };

describe("admin roles with a group scope in the portal", () => {
  let t: TestApp;
  const refs = new Map<string, string>();
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    refs.set(
      GA.userId,
      await t.seed.user({
        userId: GA.userId,
        password: PASSWORD,
        verifiedEmail: GA.email,
        passkey: true,
        roles: ["global_admin"],
      }),
    );
    refs.set(
      HADI.userId,
      await t.seed.user({ userId: HADI.userId, password: PASSWORD, verifiedEmail: HADI.email, passkey: true }),
    );
    const admin = t.composed.services.adminActions;
    for (const group of ["Branch", "Branch Desk"])
      await admin.addGroup(CONSOLE_ACTOR, { name: group, description: "" });
    await admin.addSubgroup(CONSOLE_ACTOR, { parent: "Branch", child: "Branch Desk" });
    refs.set(
      "tina",
      await t.seed.user({ userId: "tina.santoso@contoh.example", password: PASSWORD, groups: ["Branch Desk"] }),
    );
    refs.set("olga", await t.seed.user({ userId: "olga.santoso@contoh.example", password: PASSWORD }));
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a global admin limits a helpdesk role to a group; that admin then finds and acts on the group's members only", async () => {
    const ga = await freshSession(t, GA);
    const rolesPath = `/admin/users/${refs.get(HADI.userId) ?? ""}/roles`;
    expect((await ga.client.get(`/admin/users/${refs.get(HADI.userId) ?? ""}`)).body).toContain(`href="${rolesPath}"`);
    expect((await ga.client.post(rolesPath, { role: "helpdesk_admin", group: "Branch" })).status).toBe(403);
    const missing = await ga.client.post(rolesPath, { csrf: ga.csrf, role: "", group: "Branch" });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain("Choose a role.");
    const granted = await ga.client.post(rolesPath, { csrf: ga.csrf, role: "helpdesk_admin", group: "Branch" });
    expect(granted.location).toBe(`${rolesPath}?done=granted`);
    expect((await ga.client.get(rolesPath)).body).toContain("members of Branch");

    const hadi = await freshSession(t, HADI);
    const search = await hadi.client.get("/admin/users?q=santoso");
    expect(search.body).toContain("tina.santoso@contoh.example");
    expect(search.body).not.toContain("olga.santoso@contoh.example");
    expect((await hadi.client.get(`/admin/users/${refs.get("olga") ?? ""}`)).status).toBe(403);
    const unlockOlga = await hadi.client.post(`/admin/users/${refs.get("olga") ?? ""}/unlock`, { csrf: hadi.csrf });
    expect(unlockOlga.status).toBe(403);
    const unlockTina = await hadi.client.post(`/admin/users/${refs.get("tina") ?? ""}/unlock`, { csrf: hadi.csrf });
    expect(unlockTina.status).toBe(303);
    // A scoped role grants no organisation-wide rights: no audit log, no policy edits, no roles page.
    expect((await hadi.client.get(rolesPath)).status).toBe(403);

    const removed = await ga.client.post(`${rolesPath}/revoke`, {
      csrf: ga.csrf,
      role: "helpdesk_admin",
      group: "Branch",
    });
    expect(removed.location).toBe(`${rolesPath}?done=revoked`);
    const events = await t.db
      .selectFrom("audit_event")
      .select(["activity", "changes"])
      .where("target_user_id", "=", HADI.userId)
      .where("activity", "in", ["directory.role.granted", "directory.role.revoked"])
      .orderBy("seq")
      .execute();
    expect(events.map((event) => event.activity)).toEqual(["directory.role.granted", "directory.role.revoked"]);
    expect(JSON.stringify(events[0]?.changes)).toContain("helpdesk_admin in Branch");
  });

  it("a global admin cannot change their own roles", async () => {
    const ga = await freshSession(t, GA);
    const own = `/admin/users/${refs.get(GA.userId) ?? ""}/roles`;
    expect((await ga.client.get(own)).status).toBe(403);
    expect((await ga.client.post(`${own}/revoke`, { csrf: ga.csrf, role: "global_admin", group: "" })).status).toBe(
      403,
    );
    const roles = await t.db
      .selectFrom("admin_role")
      .select("role")
      .where("user_ref", "=", refs.get(GA.userId) ?? "")
      .execute();
    expect(roles).toEqual([{ role: "global_admin" }]);
  });
});
