/**
 * The group services for a group-scoped User admin, in the domain itself (the portal and the API check the route's
 * capability first; these are the rules behind them, which the console and any later front end share). Threats: a
 * scoped admin who creates, renames, deletes or nests groups and so changes who is in their scope; one who pulls an
 * out-of-scope user into their scope group; a group read that shows them users outside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeAdminActions } from "../../../src/compose-admin.js";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import { type AdminActor, CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { createSystemClock } from "../../../src/lib/clock.js";
import { createSecureRandom } from "../../../src/lib/random.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { defaultConfig, hasher, openMemoryDatabase } from "../../cli/cli-harness.js";

const INSIDE = "tina@contoh.example";
const OUTSIDE = "otto@contoh.example";

describe("group services and a User admin limited to one group", () => {
  let handle: DatabaseHandle;
  let admin: AdminActions;
  const scoped: AdminActor = {
    type: "admin",
    ref: "scoped-user-admin",
    userId: "ulfa@contoh.example",
    roles: ["user_admin"],
    assignments: [{ role: "user_admin", scopeGroup: "Branch" }],
    ip: "192.0.2.9",
    client: "Firefox 140 on Linux",
  };
  const unscoped: AdminActor = {
    ...scoped,
    ref: "user-admin",
    assignments: [{ role: "user_admin", scopeGroup: null }],
  };

  async function addPerson(userId: string, group: string): Promise<void> {
    const email = userId.replace("contoh", "mail");
    const added = await admin.addUser(CONSOLE_ACTOR, {
      userId,
      email,
      firstName: "A",
      lastName: "B",
      displayName: "A B",
    });
    if (!added.ok) throw new Error(added.reason);
    expect((await admin.addMember(CONSOLE_ACTOR, { group, userId })).ok).toBe(true);
  }

  async function members(group: string, actor: AdminActor = CONSOLE_ACTOR): Promise<string[]> {
    const found = await admin.groupDetail(actor, group);
    return found.ok ? found.value.members.map((member) => member.userId) : [`(${found.reason})`];
  }

  beforeAll(async () => {
    handle = await openMemoryDatabase();
    admin = composeAdminActions({
      db: handle.db,
      config: defaultConfig(),
      clock: createSystemClock(),
      random: createSecureRandom(),
      hasher,
      instance: "test-host",
    });
    for (const name of ["Branch", "Elsewhere"]) await admin.createGroup(CONSOLE_ACTOR, { name, description: "" });
    await addPerson(INSIDE, "Branch");
    await addPerson(OUTSIDE, "Elsewhere");
  });
  afterAll(async () => handle.close());

  it("a group-scoped user admin cannot create/rename/delete a group or nest one", async () => {
    const forbidden = { ok: false, reason: "forbidden" };
    expect(await admin.createGroup(scoped, { name: "Mine", description: "" })).toEqual(forbidden);
    expect(await admin.renameGroup(scoped, { from: "Branch", to: "Everyone" })).toEqual(forbidden);
    expect(await admin.deleteGroup(scoped, "Elsewhere")).toEqual(forbidden);
    expect(await admin.addSubgroup(scoped, { parent: "Branch", child: "Elsewhere" })).toEqual(forbidden);
    expect(await admin.removeSubgroup(scoped, { parent: "Branch", child: "Elsewhere" })).toEqual(forbidden);
    const groups = await admin.listGroups(CONSOLE_ACTOR);
    expect(groups.ok && groups.value.map((group) => [group.name, group.subgroups])).toEqual([
      ["Branch", 0],
      ["Elsewhere", 0],
    ]);
  });

  it("a group-scoped user admin cannot put an out-of-scope user into their scope group", async () => {
    expect(await admin.addMember(scoped, { group: "Branch", userId: OUTSIDE })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await members("Branch")).toEqual([INSIDE]);
    expect((await admin.removeMember(scoped, { group: "Elsewhere", userId: OUTSIDE })).ok).toBe(false);
    expect(await members("Elsewhere")).toEqual([OUTSIDE]);
  });

  it("a group's members read by a scoped admin are only those inside their scope", async () => {
    expect(await members("Elsewhere", scoped)).toEqual([]);
    expect(await members("Branch", scoped)).toEqual([INSIDE]);
    expect(await members("Elsewhere", unscoped)).toEqual([OUTSIDE]);
  });

  it("an unscoped User admin and the console still create, nest, rename and delete groups", async () => {
    expect((await admin.createGroup(unscoped, { name: "Annex", description: "" })).ok).toBe(true);
    expect(await admin.addSubgroup(unscoped, { parent: "Elsewhere", child: "Annex" })).toEqual({
      ok: true,
      value: { added: true },
    });
    expect((await admin.removeSubgroup(CONSOLE_ACTOR, { parent: "Elsewhere", child: "Annex" })).ok).toBe(true);
    expect((await admin.renameGroup(unscoped, { from: "Annex", to: "Annex 2" })).ok).toBe(true);
    expect((await admin.deleteGroup(CONSOLE_ACTOR, "Annex 2")).ok).toBe(true);
  });

  it("a group-scoped user admin cannot create a user outside their scope, by form or by import", async () => {
    const person = (userId: string, groups: string[]) => ({
      userId,
      email: userId.replace("contoh", "mail"),
      firstName: "C",
      lastName: "D",
      groups,
    });
    expect(await admin.createUser(scoped, person("ext@contoh.example", ["Elsewhere"]))).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await admin.createUser(scoped, person("none@contoh.example", []))).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect((await admin.createUser(unscoped, person("free@contoh.example", ["Elsewhere"]))).ok).toBe(true);
    const csv = [
      "userId,email,firstName,lastName,groups",
      "row1@contoh.example,row1@mail.example,R,One,Elsewhere",
      "row2@contoh.example,row2@mail.example,R,Two,Branch",
    ].join("\n");
    const checked = await admin.dryRunImport(scoped, csv);
    expect(checked.ok && checked.value.check.errors).toEqual([{ row: 1, column: "groups", code: "out_of_scope" }]);
    expect(checked.ok && checked.value.check.rows.map((row) => row.userId)).toEqual(["row2@contoh.example"]);
  });

  it("a group-scoped user admin creates users in their group and in a group nested inside it", async () => {
    expect((await admin.createGroup(CONSOLE_ACTOR, { name: "Branch East", description: "" })).ok).toBe(true);
    expect((await admin.addSubgroup(CONSOLE_ACTOR, { parent: "Branch", child: "Branch East" })).ok).toBe(true);
    for (const [userId, group] of [
      ["new1@contoh.example", "Branch"],
      ["new2@contoh.example", "Branch East"],
    ] as const) {
      const created = await admin.createUser(scoped, {
        userId,
        email: userId.replace("contoh", "mail"),
        firstName: "N",
        lastName: "U",
        groups: [group],
      });
      expect(created.ok, group).toBe(true);
    }
  });
});
