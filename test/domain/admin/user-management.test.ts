/**
 * User and group management (SPEC §10 "Users and groups", issue 12 item 5), on a real in-memory store through the
 * composition the console uses. Threats: a role without `users.manage` changing the directory; an admin deleting
 * someone above their rank, themselves, or the last Global admin; a deleted user's session living on; nesting that
 * goes round or deeper than 10; an import that writes half a bad file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { DEFAULT_POLICY } from "../../../src/domain/policies/sspr-policy.js";
import type { AdminRole } from "../../../src/domain/users.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { hasher } from "../../cli/cli-harness.js";
import { createReadOnlyTestDirectory } from "../../support/read-only-directory.js";
import { type AdminActionsFixture, openAdminActionsFixture } from "../../support/admin-actions-fixture.js";

let fixture: AdminActionsFixture;
let handle: DatabaseHandle;
let admin: AdminActions;
const person = (local: string, role: AdminRole | null) => fixture.person(local, role);
let groups = 0;

beforeAll(async () => {
  fixture = await openAdminActionsFixture({ uniqueIds: true });
  ({ handle, admin } = fixture);
});
afterAll(async () => fixture.close());

async function group(name: string): Promise<string> {
  groups += 1;
  const unique = `${name}-${String(groups)}`;
  const created = await admin.createGroup(CONSOLE_ACTOR, { name: unique, description: "" });
  if (!created.ok) throw new Error(created.reason);
  return unique;
}

describe("users: create, edit, delete", () => {
  it("a helpdesk admin cannot create, edit or delete users (users.manage is GA and UA only)", async () => {
    const ha = await person("ha", "helpdesk_admin");
    const user = await person("plain", null);
    const typed = { userId: "new.one@contoh.example", email: "n@mail.example", firstName: "N", lastName: "O" };
    expect(await admin.createUser(ha, typed)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.editUser(ha, user.userId, { firstName: "X", lastName: "Y" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await admin.deleteUser(ha, user.userId)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("a reports reader changes nothing: no create, edit, delete, group or import", async () => {
    const rr = await person("rr", "reports_reader");
    const user = await person("plain", null);
    expect((await admin.createUser(rr, { userId: "x@contoh.example" })).ok).toBe(false);
    expect((await admin.deleteUser(rr, user.userId)).ok).toBe(false);
    expect(await admin.createGroup(rr, { name: "readers-group", description: "" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect((await admin.dryRunImport(rr, "userId,email,firstName,lastName\n")).ok).toBe(false);
    expect(await admin.listGroups(rr)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("creating checks every field and names each problem; nothing is written", async () => {
    const ua = await person("ua", "user_admin");
    const created = await admin.createUser(ua, {
      userId: "not an id",
      email: "nope",
      firstName: "",
      lastName: "L",
      mobilePhone: "12ab",
      language: "fr",
    });
    expect(created.ok).toBe(false);
    if (!created.ok && created.reason === "invalid")
      expect(created.problems.map((problem) => `${problem.field}:${problem.code}`).sort()).toEqual([
        "email:invalid_email",
        "firstName:required",
        "language:invalid_language",
        "mobilePhone:invalid_phone",
        "userId:invalid_user_id",
      ]);
    expect(
      await handle.db.selectFrom("directory_user").select("ref").where("user_id", "=", "not an id").execute(),
    ).toEqual([]);
  });

  it("a user admin creates a user with phones, language and groups, then edits them; the audit keeps no phone number", async () => {
    const ua = await person("ua", "user_admin");
    const office = await group("office");
    const created = await admin.createUser(ua, {
      userId: "rina@contoh.example",
      email: "rina@mail.example",
      firstName: "Rina",
      lastName: "Wati",
      mobilePhone: "+62 812 3456 7890",
      language: "id",
      groups: [office],
    });
    if (!created.ok) throw new Error(created.reason);
    expect(created.value.user).toMatchObject({ groups: [office], preferredLanguage: "id", mustChangePassword: true });
    expect(await admin.userContact(ua, created.value.user.ref)).toEqual({
      mobilePhone: "+6281234567890",
      officePhone: null,
    });
    const edited = await admin.editUser(ua, "rina@contoh.example", {
      firstName: "Rina",
      lastName: "Wati",
      displayName: "Rina W.",
      email: "rina@mail.example",
      officePhone: "+62 21 555 0100",
      groups: [],
    });
    if (!edited.ok) throw new Error(edited.reason);
    expect(edited.value.user).toMatchObject({ displayName: "Rina W.", groups: [], preferredLanguage: null });
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("target_user_id", "=", "rina@contoh.example")
      .where("reason", "=", "edited")
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("555");
    expect(JSON.stringify(events)).toContain("Rina W.");
  });

  it("a user admin cannot delete a global admin (mayActOn), nor themselves", async () => {
    const ua = await person("ua", "user_admin");
    const ga = await person("ga", "global_admin");
    expect(await admin.deleteUser(ua, ga.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.deleteUser(ua, ua.userId)).toEqual({ ok: false, reason: "own_account" });
  });

  it("the last enabled global admin cannot be deleted, even from the console", async () => {
    const fresh = await openAdminActionsFixture();
    const isolated = fresh.admin;
    try {
      const typed = { email: "g@mail.example", firstName: "G", lastName: "A", displayName: "GA" };
      await isolated.addUser(CONSOLE_ACTOR, { userId: "only@contoh.example", ...typed });
      await isolated.grantRole(CONSOLE_ACTOR, { userId: "only@contoh.example", role: "global_admin" });
      expect(await isolated.deleteUser(CONSOLE_ACTOR, "only@contoh.example")).toEqual({
        ok: false,
        reason: "last_global_admin",
      });
      await isolated.addUser(CONSOLE_ACTOR, { userId: "second@contoh.example", ...typed });
      await isolated.grantRole(CONSOLE_ACTOR, { userId: "second@contoh.example", role: "global_admin" });
      expect((await isolated.deleteUser(CONSOLE_ACTOR, "only@contoh.example")).ok).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it("deleting a user ends their sessions (SPEC §9.1) and removes entry, account and methods; the audit stays", async () => {
    const ga = await person("ga", "global_admin");
    const user = await person("leaver", null);
    const now = new Date();
    await handle.db
      .insertInto("session")
      .values({
        id: `s-${user.ref}`,
        secret_hash: new Uint8Array(32),
        user_ref: user.ref,
        signed_in_with: "password",
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + 3_600_000),
        ip: "192.0.2.1",
        client: "test",
      })
      .execute();
    const deleted = await admin.deleteUser(ga, user.userId);
    expect(deleted.ok).toBe(true);
    expect(await admin.showUser(CONSOLE_ACTOR, user.userId)).toEqual({ ok: false, reason: "not_found" });
    expect(await handle.db.selectFrom("session").select("id").where("user_ref", "=", user.ref).execute()).toEqual([]);
    expect(await handle.db.selectFrom("account").select("ref").where("ref", "=", user.ref).execute()).toEqual([]);
    const events = await handle.db
      .selectFrom("audit_event")
      .select(["activity", "reason"])
      .where("target_user_id", "=", user.userId)
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { activity: "sessions.revoked", reason: "admin:1" },
        { activity: "directory.user.changed", reason: "deleted" },
      ]),
    );
  });

  it("a read-only directory refuses create, edit, delete and group changes", async () => {
    const readOnly = fixture.actionsOn(createReadOnlyTestDirectory(hasher));
    const user = await person("plain", null);
    expect((await readOnly.createUser(CONSOLE_ACTOR, { userId: "ro@contoh.example" })).ok).toBe(false);
    expect(await readOnly.deleteUser(CONSOLE_ACTOR, user.userId)).toEqual({ ok: false, reason: "read_only" });
    expect(await readOnly.deleteGroup(CONSOLE_ACTOR, "any")).toEqual({ ok: false, reason: "read_only" });
    expect(readOnly.managesDirectory()).toBe(false);
  });
});

describe("groups: nesting to depth 10", () => {
  it("refuses a cycle: a group cannot go inside one it contains", async () => {
    const [outer, inner] = [await group("outer"), await group("inner")];
    expect(await admin.addSubgroup(CONSOLE_ACTOR, { parent: outer, child: inner })).toEqual({
      ok: true,
      value: { added: true },
    });
    expect(await admin.addSubgroup(CONSOLE_ACTOR, { parent: inner, child: outer })).toEqual({
      ok: false,
      reason: "cycle",
    });
  });

  it("allows a chain of exactly 10 groups and refuses the 11th level, from either end", async () => {
    const chain: string[] = [];
    for (let level = 0; level < 11; level += 1) chain.push(await group(`level${String(level)}`));
    for (let level = 0; level < 9; level += 1) {
      const nested = await admin.addSubgroup(CONSOLE_ACTOR, {
        parent: chain[level] ?? "",
        child: chain[level + 1] ?? "",
      });
      expect(nested.ok).toBe(true);
    }
    // chain[0] … chain[9] is 10 deep: one more below or above is too deep.
    expect(await admin.addSubgroup(CONSOLE_ACTOR, { parent: chain[9] ?? "", child: chain[10] ?? "" })).toEqual({
      ok: false,
      reason: "too_deep",
    });
    expect(await admin.addSubgroup(CONSOLE_ACTOR, { parent: chain[10] ?? "", child: chain[0] ?? "" })).toEqual({
      ok: false,
      reason: "too_deep",
    });
  });

  it("the user list's group filter counts nested membership; removing the member or the group takes it away", async () => {
    const ga = await person("ga", "global_admin");
    const [parent, child] = [await group("parent"), await group("child")];
    await admin.addSubgroup(CONSOLE_ACTOR, { parent, child });
    const member = await person("member", null);
    await admin.addMember(ga, { group: child, userId: member.userId });
    const listed = async () => {
      const page = await admin.listUserPage(ga, {
        text: "",
        enabled: null,
        registered: null,
        locked: null,
        group: parent,
        sort: "user_id",
        descending: false,
        page: 1,
      });
      return page.ok ? page.value.users.map((user) => user.userId) : [];
    };
    expect(await listed()).toEqual([member.userId]);
    expect(await admin.removeMember(ga, { group: child, userId: member.userId })).toMatchObject({
      ok: true,
      value: { removed: true },
    });
    expect(await listed()).toEqual([]);
    await admin.addMember(ga, { group: child, userId: member.userId });
    expect((await admin.deleteGroup(ga, child)).ok).toBe(true);
    expect(await listed()).toEqual([]);
  });
});

describe("CSV import", () => {
  it("a dry run names each bad row and column and writes no user; the real import refuses the same file", async () => {
    const ua = await person("ua", "user_admin");
    const csv = [
      "userId,email,firstName,lastName,groups",
      "good.one@contoh.example,g1@mail.example,Good,One,",
      "bad row,g2@mail.example,Bad,Row,",
      "good.one@contoh.example,g3@mail.example,Dup,Row,",
      "good.two@contoh.example,not-an-email,Good,Two,nosuchgroup",
    ].join("\n");
    const dry = await admin.dryRunImport(ua, csv);
    if (!dry.ok) throw new Error(dry.reason);
    expect(dry.value.check.errors).toEqual([
      { row: 2, column: "userId", code: "invalid_user_id" },
      { row: 3, column: "userId", code: "duplicate_in_file" },
      { row: 4, column: "email", code: "invalid_email" },
      { row: 4, column: "groups", code: "no_group" },
    ]);
    expect(dry.value.job).toMatchObject({ dryRun: true, state: "done", totalRows: 4, createdUsers: 0 });
    const started = await admin.startImport(ua, csv);
    expect(started).toMatchObject({ ok: false, reason: "invalid" });
    expect((await admin.showUser(CONSOLE_ACTOR, "good.one@contoh.example")).ok).toBe(false);
  });

  it("imports a clean file in chunks, with groups, no password and must-change, and the job counts every row", async () => {
    const ua = await person("ua", "user_admin");
    const team = await group("team");
    const rows = Array.from(
      { length: 450 },
      (_, index) =>
        `bulk${String(index)}@contoh.example,b${String(index)}@mail.example,Bulk,"User, ${String(index)}",${team}`,
    );
    const started = await admin.startImport(ua, ["userId,email,firstName,lastName,groups", ...rows].join("\r\n"));
    if (!started.ok) throw new Error(started.reason);
    const job = await started.value.done;
    expect(job).toMatchObject({ state: "done", totalRows: 450, processedRows: 450, createdUsers: 450, errors: [] });
    const shown = await admin.showUser(CONSOLE_ACTOR, "bulk7@contoh.example");
    if (!shown.ok) throw new Error(shown.reason);
    expect(shown.value.user).toMatchObject({
      lastName: "User, 7",
      hasPassword: false,
      mustChangePassword: true,
      groups: [team],
    });
    expect(await admin.importJob(ua, job.id)).toMatchObject({ ok: true, value: { id: job.id } });
  });

  it("refuses a file over 10,000 rows and a header with an unknown or missing column", async () => {
    const ua = await person("ua", "user_admin");
    const big = [
      "userId,email,firstName,lastName",
      ...Array.from({ length: 10_001 }, () => "a@b.example,a@b.example,A,B"),
    ];
    const tooMany = await admin.dryRunImport(ua, big.join("\n"));
    expect(tooMany.ok && tooMany.value.check.errors).toEqual([{ row: 0, column: "", code: "too_many_rows" }]);
    const header = await admin.dryRunImport(ua, "userId,mail,firstName,lastName\nx@contoh.example,x@m.example,X,Y\n");
    expect(header.ok && header.value.check.errors).toEqual([
      { row: 0, column: "mail", code: "unknown_column" },
      { row: 0, column: "email", code: "missing_column" },
    ]);
  });
});

/**
 * Group rename (issue 12 item 5). Threats: a rename that drops the group's members, nesting or scoped roles (a branch
 * helpdesk silently losing or widening its reach), and one that takes people out of SSPR because the policy names
 * groups by name.
 */
describe("group rename", () => {
  it("moves the members, the nesting both ways and a role limited to the group to the new name, audited", async () => {
    const [outer, renamed, inner] = [await group("outer"), await group("old-name"), await group("inner")];
    await admin.addSubgroup(CONSOLE_ACTOR, { parent: outer, child: renamed });
    await admin.addSubgroup(CONSOLE_ACTOR, { parent: renamed, child: inner });
    const member = await person("member", null);
    await admin.addMember(CONSOLE_ACTOR, { group: renamed, userId: member.userId });
    const helpdesk = await person("branch-helpdesk", null);
    expect(
      (await admin.grantRole(CONSOLE_ACTOR, { userId: helpdesk.userId, role: "helpdesk_admin", group: renamed })).ok,
    ).toBe(true);
    const newName = `${renamed}-renamed`;
    expect(await admin.renameGroup(CONSOLE_ACTOR, { from: renamed, to: ` ${newName} ` })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await admin.groupDetail(CONSOLE_ACTOR, renamed)).toEqual({ ok: false, reason: "not_found" });
    const detail = await admin.groupDetail(CONSOLE_ACTOR, newName);
    expect(detail.ok && detail.value.members.map((user) => user.userId)).toEqual([member.userId]);
    expect(detail.ok && detail.value.subgroupNames).toEqual([inner]);
    expect(detail.ok && detail.value.parentNames).toEqual([outer]);
    const roles = await admin.roleAssignments(CONSOLE_ACTOR, helpdesk.ref);
    expect(roles.ok && roles.value.map((assignment) => assignment.scopeGroup)).toEqual([newName]);
    const events = await handle.db
      .selectFrom("audit_event")
      .select(["reason", "changes"])
      .where("activity", "=", "directory.group.changed")
      .where("reason", "=", "renamed")
      .execute();
    expect(events.at(-1)?.changes).toEqual([{ field: "group", old: renamed, new: newName }]);
  });

  it("refuses a taken or invalid name, an unknown group and a role without groups.manage", async () => {
    const [first, second] = [await group("first"), await group("second")];
    expect(await admin.renameGroup(CONSOLE_ACTOR, { from: first, to: second })).toEqual({
      ok: false,
      reason: "exists",
    });
    expect(await admin.renameGroup(CONSOLE_ACTOR, { from: first, to: "" })).toEqual({
      ok: false,
      reason: "invalid_name",
    });
    expect(await admin.renameGroup(CONSOLE_ACTOR, { from: "no-such-group", to: "x" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    const ha = await person("ha-rename", "helpdesk_admin");
    expect(await admin.renameGroup(ha, { from: first, to: "elsewhere" })).toEqual({ ok: false, reason: "forbidden" });
  });

  it("refuses while the SSPR policy names the group, saying which settings do", async () => {
    const pilot = await group("pilot");
    for (const [key, value] of [
      ["scopeGroups", pilot],
      ["scope", "selected"],
      ["methodTargets.mobileSms", `everyone except ${pilot}`],
    ] as const)
      expect((await admin.setPolicySetting(CONSOLE_ACTOR, { key, value })).ok, key).toBe(true);
    expect(await admin.renameGroup(CONSOLE_ACTOR, { from: pilot, to: `${pilot}-2` })).toEqual({
      ok: false,
      reason: "in_policy",
      fields: ["scopeGroups", "methodTargets.mobileSms"],
    });
    expect((await admin.groupDetail(CONSOLE_ACTOR, pilot)).ok).toBe(true);
  });

  it("refuses while a running evaluation's draft names the group, and allows it once the evaluation stops", async () => {
    const trial = await group("trial");
    const draft = { ...DEFAULT_POLICY, scope: "selected" as const, scopeGroups: [trial] };
    expect((await admin.startEvaluation(CONSOLE_ACTOR, { draft, days: 7 })).ok).toBe(true);
    try {
      expect(await admin.renameGroup(CONSOLE_ACTOR, { from: trial, to: `${trial}-2` })).toEqual({
        ok: false,
        reason: "in_policy",
        fields: ["evaluation.scopeGroups"],
      });
    } finally {
      expect((await admin.stopEvaluation(CONSOLE_ACTOR)).ok).toBe(true);
    }
    expect((await admin.renameGroup(CONSOLE_ACTOR, { from: trial, to: `${trial}-2` })).ok).toBe(true);
  });
});
