/**
 * The group pages for a group-scoped User admin (issue 12). Threats: a scoped admin who creates, renames, deletes or
 * nests groups (nesting a group into their scope group, or renaming or deleting groups, changes who is in their
 * scope); one who pulls an out-of-scope user into their scope group; a group page that lists or offers to move users
 * outside their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const SCOPED = { userId: "ulfa@contoh.example", email: "ulfa@mail.example" };
const INSIDE = "tina@contoh.example";
const OUTSIDE = "otto@contoh.example";

describe("the group pages for a User admin limited to one group", () => {
  let t: TestApp;
  let ua: { client: PageClient; csrf: string };

  /** The direct groups of `userId`, read as the console reads them. */
  async function groupsOf(userId: string): Promise<readonly string[]> {
    const shown = await t.composed.services.adminActions.showUser(CONSOLE_ACTOR, userId);
    if (!shown.ok) throw new Error(shown.reason);
    return shown.value.user.groups;
  }

  async function groupNames(): Promise<string[]> {
    const listed = await t.composed.services.adminActions.listGroups(CONSOLE_ACTOR);
    if (!listed.ok) throw new Error(listed.reason);
    return listed.value.map((group) => group.name);
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    const admin = t.composed.services.adminActions;
    for (const name of ["Branch", "Elsewhere", "Spare"]) await admin.addGroup(CONSOLE_ACTOR, { name, description: "" });
    await t.seed.user({ userId: INSIDE, password: PASSWORD, groups: ["Branch"] });
    await t.seed.user({ userId: OUTSIDE, password: PASSWORD, groups: ["Elsewhere"] });
    await t.seed.user({ ...SCOPED, verifiedEmail: SCOPED.email, passkey: true, password: PASSWORD });
    const granted = await admin.grantRole(CONSOLE_ACTOR, {
      userId: SCOPED.userId,
      role: "user_admin",
      group: "Branch",
    });
    expect(granted.ok).toBe(true);
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    ua = await freshSession(t, { userId: SCOPED.userId, password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("a group-scoped user admin cannot create/rename/delete a group or nest one", async () => {
    const { client, csrf } = ua;
    expect((await client.post("/admin/groups", { csrf, name: "Mine", description: "" })).status).toBe(403);
    expect((await client.get("/admin/groups/Branch/rename")).status).toBe(403);
    expect((await client.post("/admin/groups/Branch/rename", { csrf, name: "Everyone" })).status).toBe(403);
    expect((await client.get("/admin/groups/Elsewhere/delete")).status).toBe(403);
    expect((await client.post("/admin/groups/Elsewhere/delete", { csrf })).status).toBe(403);
    const nest = { csrf, op: "add", child: "Elsewhere" };
    expect((await client.post("/admin/groups/Branch/subgroups", nest)).status).toBe(403);
    expect((await client.post("/admin/groups/Branch/subgroups", { ...nest, op: "remove" })).status).toBe(403);
    expect(await groupNames()).toEqual(["Branch", "Elsewhere", "Spare"]);
    const group = await t.composed.services.adminActions.groupDetail(CONSOLE_ACTOR, "Branch");
    expect(group.ok && group.value.subgroupNames).toEqual([]);
    // Nothing changed, so nothing was audited as changed by them.
    const changed = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "directory.group.changed")
      .where("actor_user_id", "=", SCOPED.userId)
      .execute();
    expect(changed).toEqual([]);
  });

  it("offers a scoped admin no create, rename, delete or nesting form, only their own users' memberships", async () => {
    const list = await ua.client.get("/admin/groups");
    expect(list.status).toBe(200);
    expect(list.body).not.toContain('action="/admin/groups"');
    const page = await ua.client.get("/admin/groups/Branch");
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("/admin/groups/Branch/rename");
    expect(page.body).not.toContain("/admin/groups/Branch/delete");
    expect(page.body).not.toContain('action="/admin/groups/Branch/subgroups"');
    expect(page.body).toContain('action="/admin/groups/Branch/members"');
    expect(page.body).toMatch(new RegExp(`name="userId" value="${INSIDE}"`));
  });

  it("a group-scoped user admin cannot put an out-of-scope user into their scope group", async () => {
    const { client, csrf } = ua;
    const pulled = await client.post("/admin/groups/Branch/members", { csrf, op: "add", userId: OUTSIDE });
    expect(pulled.status).toBe(403);
    expect(await groupsOf(OUTSIDE)).toEqual(["Elsewhere"]);
    // Nor take an outsider out of their own group.
    const removed = await client.post("/admin/groups/Elsewhere/members", { csrf, op: "remove", userId: OUTSIDE });
    expect(removed.status).toBe(403);
    expect(await groupsOf(OUTSIDE)).toEqual(["Elsewhere"]);
  });

  it("a group-scoped user admin still adds and removes the users inside their scope", async () => {
    const { client, csrf } = ua;
    const added = await client.post("/admin/groups/Spare/members", { csrf, op: "add", userId: INSIDE });
    expect(added.status).toBe(303);
    expect(await groupsOf(INSIDE)).toEqual(["Branch", "Spare"]);
    const removed = await client.post("/admin/groups/Spare/members", { csrf, op: "remove", userId: INSIDE });
    expect(removed.status).toBe(303);
    expect(await groupsOf(INSIDE)).toEqual(["Branch"]);
  });

  it("a group's page shows a scoped admin only the members inside their scope", async () => {
    const elsewhere = await ua.client.get("/admin/groups/Elsewhere");
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).not.toContain(OUTSIDE);
    const ga = await t.composed.services.adminActions.groupDetail(CONSOLE_ACTOR, "Elsewhere");
    expect(ga.ok && ga.value.members.map((member) => member.userId)).toEqual([OUTSIDE]);
  });
});
