/**
 * The admin API's group operations for a group-scoped User admin token (issue 12). Threats: a scoped token that
 * creates, deletes or nests groups (nesting a group into its scope group brings every member of it into its reach);
 * one that pulls an out-of-scope user into its scope group; a group read that lists users outside its scope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, eventsOf, PASSWORD, tokenFor } from "./admin-api-support.js";

const INSIDE = "tina@contoh.example";
const OUTSIDE = "otto@contoh.example";

describe("admin API: groups for a token limited to one group", () => {
  let t: TestApp;
  let call: ReturnType<typeof callWith>;
  let scoped: string;

  async function group(name: string): Promise<{ members: string[]; subgroups: string[] } | null> {
    const found = await t.composed.services.adminActions.groupDetail(CONSOLE_ACTOR, name);
    if (!found.ok) return null;
    return {
      members: found.value.members.map((member) => member.userId),
      subgroups: [...found.value.subgroupNames],
    };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    call = callWith(t);
    await t.seed.organisation();
    for (const name of ["Branch", "Elsewhere", "Spare"])
      await t.composed.services.adminActions.addGroup(CONSOLE_ACTOR, { name, description: "" });
    await t.seed.user({ userId: INSIDE, password: PASSWORD, groups: ["Branch"] });
    await t.seed.user({ userId: OUTSIDE, password: PASSWORD, groups: ["Elsewhere"] });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    scoped = (await tokenFor(t, { role: "user_admin", group: "Branch" })).secret;
  });
  afterAll(async () => t.close());

  it("a group-scoped user admin cannot create/rename/delete a group or nest one", async () => {
    expect((await call(scoped, "POST", "/groups", { name: "Mine" })).statusCode).toBe(403);
    expect((await call(scoped, "DELETE", "/groups/Elsewhere")).statusCode).toBe(403);
    expect((await call(scoped, "PUT", "/groups/Branch/subgroups/Elsewhere")).statusCode).toBe(403);
    expect((await call(scoped, "DELETE", "/groups/Branch/subgroups/Elsewhere")).statusCode).toBe(403);
    expect(await group("Mine")).toBeNull();
    expect(await group("Elsewhere")).toEqual({ members: [OUTSIDE], subgroups: [] });
    expect(await group("Branch")).toEqual({ members: [INSIDE], subgroups: [] });
    const denied = (await eventsOf(t, "token.used_denied")).map((event) => event.reason);
    expect(denied.filter((reason) => reason?.startsWith("forbidden:"))).toHaveLength(4);
    expect(await eventsOf(t, "directory.group.changed")).toHaveLength(3); // the three the console created
  });

  it("a group-scoped user admin cannot put an out-of-scope user into their scope group", async () => {
    const pulled = await call(scoped, "PUT", `/groups/Branch/members/${OUTSIDE}`);
    expect(pulled.statusCode).toBe(403);
    expect(pulled.json<{ code: string }>().code).toBe("forbidden");
    expect(await group("Branch")).toEqual({ members: [INSIDE], subgroups: [] });
    expect((await call(scoped, "DELETE", `/groups/Elsewhere/members/${OUTSIDE}`)).statusCode).toBe(403);
    expect(await group("Elsewhere")).toEqual({ members: [OUTSIDE], subgroups: [] });
  });

  it("a group-scoped user admin cannot create a user outside their scope group, and can inside it", async () => {
    const person = (userId: string, groups: string[]) => ({
      userId,
      email: userId.replace("contoh", "mail"),
      firstName: "N",
      lastName: "U",
      groups,
    });
    const outside = await call(scoped, "POST", "/users", person("far@contoh.example", ["Elsewhere"]));
    expect(outside.statusCode).toBe(403);
    expect(outside.json<{ code: string }>().code).toBe("forbidden");
    expect(await group("Elsewhere")).toEqual({ members: [OUTSIDE], subgroups: [] });
    expect((await call(scoped, "POST", "/users", person("near@contoh.example", ["Branch"]))).statusCode).toBe(200);
    expect((await group("Branch"))?.members).toContain("near@contoh.example");
  });

  it("still adds and removes users inside its scope, and reads only their memberships", async () => {
    const added = await call(scoped, "PUT", `/groups/Spare/members/${INSIDE}`);
    expect(added.json<{ added: boolean }>().added).toBe(true);
    expect((await call(scoped, "DELETE", `/groups/Spare/members/${INSIDE}`)).json()).toMatchObject({ removed: true });
    const elsewhere = await call(scoped, "GET", "/groups/Elsewhere");
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json<{ members: unknown[] }>().members).toEqual([]);
  });

  it("an unscoped User admin token still creates, nests and deletes groups", async () => {
    const unscoped = (await tokenFor(t, { role: "user_admin" })).secret;
    expect((await call(unscoped, "POST", "/groups", { name: "Annex" })).statusCode).toBe(200);
    expect((await call(unscoped, "PUT", "/groups/Branch/subgroups/Annex")).json()).toEqual({ added: true });
    expect((await call(unscoped, "DELETE", "/groups/Branch/subgroups/Annex")).json()).toEqual({ removed: true });
    expect((await call(unscoped, "DELETE", "/groups/Annex")).statusCode).toBe(200);
    expect(await group("Annex")).toBeNull();
  });
});
