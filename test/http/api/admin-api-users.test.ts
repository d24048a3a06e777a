/**
 * The admin API's user operations. Threats: a group-scoped token reaching a user outside its group; a token deleting
 * its owner's account or the last Global admin; a role below user admin creating or deleting users; a temporary
 * password kept in an answer that a cache or a later call could show; an edit that blanks what it did not name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActor } from "../../../src/domain/admin/admin-actor.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, eventsOf, GA, PASSWORD, seedGlobalAdmin, tokenFor } from "./admin-api-support.js";

interface UserJson {
  userId: string;
  displayName: string;
  firstName: string;
  email: string | null;
  enabled: boolean;
  groups: string[];
  createdAt: string;
}

describe("admin API: users", () => {
  let t: TestApp;
  let ga: AdminActor;
  let call: ReturnType<typeof callWith>;
  let userAdmin: string;
  let branchAdmin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    call = callWith(t);
    await t.seed.organisation();
    ga = await seedGlobalAdmin(t);
    for (const group of ["Branch", "Elsewhere"])
      await t.composed.services.adminActions.addGroup(ga, { name: group, description: "" });
    await t.seed.user({
      userId: "tina@contoh.example",
      password: PASSWORD,
      groups: ["Branch"],
      verifiedEmail: "tina@mail.example",
    });
    await t.seed.user({ userId: "olga@contoh.example", password: PASSWORD, groups: ["Elsewhere"], enabled: false });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    userAdmin = (await tokenFor(t, { role: "user_admin" }, ga)).secret;
    branchAdmin = (await tokenFor(t, { role: "user_admin", group: "Branch" })).secret;
  });
  afterAll(async () => t.close());

  it("creates a user with groups; the temporary password is in that one no-store answer only", async () => {
    const created = await call(userAdmin, "POST", "/users", {
      userId: "Nina@Contoh.example",
      email: "nina@mail.example",
      firstName: "Nina",
      lastName: "Sari",
      mobilePhone: "+6281234567890",
      groups: ["Branch"],
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers["cache-control"]).toBe("no-store");
    const body = created.json<{ user: UserJson; temporaryPassword: string }>();
    expect(body.user).toMatchObject({ userId: "nina@contoh.example", groups: ["Branch"], enabled: true });
    expect(body.user.createdAt).toMatch(/Z$/);
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    const shown = await call(userAdmin, "GET", "/users/nina@contoh.example");
    expect(shown.body).not.toContain(body.temporaryPassword);
    const audit = await t.db.selectFrom("audit_event").selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(body.temporaryPassword);
    expect(t.logLines.join("\n")).not.toContain(body.temporaryPassword);
  });

  it("bad input gets the field problems (422), a taken ID 409, never a 500", async () => {
    const bad = await call(userAdmin, "POST", "/users", { userId: "x y", email: "not-an-address", firstName: "" });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json<{ violations: { field: string }[] }>().violations.map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(["userId", "email", "firstName"]));
    const taken = await call(userAdmin, "POST", "/users", {
      userId: "tina@contoh.example",
      email: "t@mail.example",
      firstName: "T",
      lastName: "T",
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ code: string }>().code).toBe("exists");
    expect((await call(userAdmin, "POST", "/users", { userId: 5 })).statusCode).toBe(400);
  });

  it("lists with the portal's filters, sort and paging", async () => {
    const all = (await call(userAdmin, "GET", "/users?sort=user_id&dir=desc")).json<{
      users: UserJson[];
      total: number;
      pageCount: number;
    }>();
    const ids = all.users.map((user) => user.userId);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(all.total).toBe(ids.length);
    const disabled = (await call(userAdmin, "GET", "/users?state=disabled")).json<{ users: UserJson[] }>();
    expect(disabled.users.map((user) => user.userId)).toEqual(["olga@contoh.example"]);
    const inBranch = (await call(userAdmin, "GET", "/users?group=Branch&state=enabled")).json<{ users: UserJson[] }>();
    expect(inBranch.users.map((user) => user.userId)).toEqual(["nina@contoh.example", "tina@contoh.example"]);
    const paged = (await call(userAdmin, "GET", "/users?page=2")).json<{ users: UserJson[]; page: number }>();
    expect(paged).toMatchObject({ users: [], page: 2 });
    expect((await call(userAdmin, "GET", "/users?sort=password")).statusCode).toBe(400);
  });

  it("edits only the fields sent", async () => {
    const edited = await call(userAdmin, "PATCH", "/users/nina@contoh.example", { displayName: "Nina S." });
    expect(edited.statusCode).toBe(200);
    const user = edited.json<{ user: UserJson }>().user;
    expect(user).toMatchObject({ displayName: "Nina S.", firstName: "Nina", email: "nina@mail.example" });
    expect(user.groups).toEqual(["Branch"]);
    const moved = await call(userAdmin, "PATCH", "/users/nina@contoh.example", { groups: ["Elsewhere"] });
    expect(moved.json<{ user: UserJson }>().user.groups).toEqual(["Elsewhere"]);
    const event = (await eventsOf(t, "directory.user.changed")).at(-1);
    expect(event).toMatchObject({ actor_type: "token", actor_user_id: GA.userId, reason: "edited" });
  });

  it("a token scoped to a group lists, edits and deletes its group's members only (403 outside, audited)", async () => {
    const listed = (await call(branchAdmin, "GET", "/users")).json<{ users: UserJson[] }>();
    expect(listed.users.map((user) => user.userId)).toEqual(["tina@contoh.example"]);
    expect((await call(branchAdmin, "PATCH", "/users/tina@contoh.example", { lastName: "Wati" })).statusCode).toBe(200);
    expect((await call(branchAdmin, "PATCH", "/users/olga@contoh.example", { displayName: "X" })).statusCode).toBe(403);
    expect((await call(branchAdmin, "DELETE", "/users/nina@contoh.example")).statusCode).toBe(403);
    expect((await call(branchAdmin, "GET", "/users/olga@contoh.example/methods")).statusCode).toBe(403);
    const olga = await t.db
      .selectFrom("directory_user")
      .select("display_name")
      .where("user_id", "=", "olga@contoh.example")
      .executeTakeFirstOrThrow();
    expect(olga.display_name).not.toBe("X");
    expect((await eventsOf(t, "token.used_denied")).some((event) => event.reason?.startsWith("forbidden:"))).toBe(true);
  });

  it("deletes a user, but never the token owner's own account nor the last enabled Global admin", async () => {
    const deleted = await call(userAdmin, "DELETE", "/users/nina@contoh.example");
    expect(deleted.statusCode).toBe(200);
    expect((await call(userAdmin, "GET", "/users/nina@contoh.example")).statusCode).toBe(404);
    const owned = await tokenFor(t, { role: "global_admin" }, ga);
    expect((await call(owned.secret, "DELETE", `/users/${GA.userId}`)).statusCode).toBe(403);
    const consoleToken = await tokenFor(t, { role: "global_admin" });
    const last = await call(consoleToken.secret, "DELETE", `/users/${GA.userId}`);
    expect(last.statusCode).toBe(409);
    expect(last.json<{ code: string }>().code).toBe("last_global_admin");
    expect((await call(userAdmin, "DELETE", `/users/${GA.userId}`)).statusCode).toBe(403);
  });

  it("a helpdesk token may not create, edit or delete users (403)", async () => {
    const helpdesk = (await tokenFor(t, { role: "helpdesk_admin" })).secret;
    const body = { userId: "zed@contoh.example", email: "z@mail.example", firstName: "Z", lastName: "Z" };
    expect((await call(helpdesk, "POST", "/users", body)).statusCode).toBe(403);
    expect((await call(helpdesk, "PATCH", "/users/tina@contoh.example", { displayName: "Z" })).statusCode).toBe(403);
    expect((await call(helpdesk, "DELETE", "/users/tina@contoh.example")).statusCode).toBe(403);
  });
});
