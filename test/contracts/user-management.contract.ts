/**
 * The UserManagementOps and ImportJobOps contract (the admin portal's user list, edits, deletion, groups, nesting
 * depth and import jobs), on both engines.
 */
import { describe, expect, it } from "vitest";
import type { UserListFilters } from "../../src/domain/admin/user-admin-ports.js";
import { createKyselyDirectoryAdmin } from "../../src/store/repos/kysely-directory-admin.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, random, T0, unique, useSharedDatabase } from "./store-fixtures.js";

const ANY: UserListFilters = { text: "", enabled: null, registered: null, locked: null, group: null };

/** Registers the contract for `database`. */
export function describeUserManagementContract(database: TestDatabase): void {
  describe("UserManagementOps and ImportJobOps", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyDirectoryAdmin(shared.db, { random });

    async function group(name: string): Promise<string> {
      const unique_ = unique(name);
      await store().addGroup(unique_, "", T0);
      return unique_;
    }

    it("lists a page filtered by text, state, registration, lock and nested group, with the total of all matches", async () => {
      const tag = unique("list");
      const [top, middle, bottom] = [await group("top"), await group("middle"), await group("bottom")];
      await store().addSubgroup(top, middle);
      await store().addSubgroup(middle, bottom);
      const refs: string[] = [];
      for (let index = 0; index < 5; index += 1)
        refs.push(await insertUser(shared.db, { display_name: `${tag} ${String(index)}`, enabled: index !== 1 }));
      await shared.db
        .updateTable("account")
        .set({ registration_state: "registered" })
        .where("ref", "=", refs[2] ?? "")
        .execute();
      await shared.db
        .updateTable("account")
        .set({ admin_locked_at: T0 })
        .where("ref", "=", refs[3] ?? "")
        .execute();
      await store().addMember(bottom, refs[4] ?? "");
      const list = (filters: Partial<UserListFilters>, extra: { limit?: number; descending?: boolean } = {}) =>
        store().listUserPage({
          ...ANY,
          text: tag,
          ...filters,
          sort: "display_name",
          descending: extra.descending ?? false,
          limit: extra.limit ?? 50,
          offset: 0,
          now: at(0),
        });
      const page = await list({}, { limit: 2, descending: true });
      expect(page.total).toBe(5);
      expect(page.users.map((user) => user.ref)).toEqual([refs[4], refs[3]]);
      expect((await list({ enabled: false })).users.map((user) => user.ref)).toEqual([refs[1]]);
      expect((await list({ registered: true })).users.map((user) => user.ref)).toEqual([refs[2]]);
      expect((await list({ locked: true })).users.map((user) => user.ref)).toEqual([refs[3]]);
      expect((await list({ group: top })).users.map((user) => user.ref)).toEqual([refs[4]]);
      expect((await list({ group: top, locked: false })).total).toBe(1);
    });

    it("limits the list to given refs (a filter computed outside SQL), with the total of those alone", async () => {
      const tag = unique("only");
      const refs: string[] = [];
      for (let index = 0; index < 3; index += 1) refs.push(await insertUser(shared.db, { display_name: tag }));
      const only = (onlyRefs: readonly string[] | null) =>
        store().listUserPage({
          ...ANY,
          text: tag,
          onlyRefs,
          sort: "user_id",
          descending: false,
          limit: 50,
          offset: 0,
          now: at(0),
        });
      const some = await only([refs[0] ?? "", refs[2] ?? "", "no-such-ref"]);
      expect(some.total).toBe(2);
      expect(some.users.map((user) => user.ref).sort()).toEqual([refs[0], refs[2]].sort());
      expect((await only([])).total).toBe(0);
      expect((await only(null)).total).toBe(3);
    });

    it("a running sign-in lockout counts as locked; one that has run out does not", async () => {
      const tag = unique("lockout");
      const ref = await insertUser(shared.db, { display_name: tag });
      const userId = `${ref}@example.com`;
      await shared.db
        .insertInto("signin_lockout")
        .values({
          key: userId,
          failures: 5,
          lock_level: 1,
          locked_until: at(60),
          last_failure_at: T0,
          recent_wrong: JSON.stringify([]),
        })
        .execute();
      const locked = (now: Date) =>
        store().listUserPage({
          ...ANY,
          text: tag,
          locked: true,
          sort: "user_id",
          descending: false,
          limit: 5,
          offset: 0,
          now,
        });
      expect((await locked(at(30))).total).toBe(1);
      expect((await locked(at(120))).total).toBe(0);
    });

    it("updates fields and contact numbers, sets exactly the given groups, and refuses an unknown group", async () => {
      const ref = await insertUser(shared.db);
      const [first, second] = [await group("g1"), await group("g2")];
      await store().addMember(first, ref);
      const edit = {
        displayName: "New Name",
        firstName: "New",
        lastName: "Name",
        email: null,
        mobilePhone: "+6281234567890",
        officePhone: null,
        preferredLanguage: "id" as const,
      };
      expect(await store().updateUser(ref, edit)).toBe(true);
      expect(await store().updateUser(unique("missing"), edit)).toBe(false);
      expect(await store().contactOf(ref)).toEqual({ mobilePhone: "+6281234567890", officePhone: null });
      expect(await store().setGroups(ref, [second])).toEqual({
        ok: true,
        value: { added: [second], removed: [first] },
      });
      expect(await store().setGroups(ref, [unique("nope")])).toEqual({ ok: false, reason: "no_group" });
      expect(await store().findUserByRef(ref)).toMatchObject({
        displayName: "New Name",
        email: null,
        preferredLanguage: "id",
        groups: [second],
      });
    });

    it("deletes a user with their account; counts the other enabled global admins", async () => {
      const [one, two] = [await insertUser(shared.db), await insertUser(shared.db)];
      const before = await store().countOtherGlobalAdmins(one);
      await store().grantRole(one, "global_admin", T0);
      await store().grantRole(two, "global_admin", T0);
      expect(await store().countOtherGlobalAdmins(one)).toBe(before + 1);
      await store().setEnabled(two, false);
      expect(await store().countOtherGlobalAdmins(one)).toBe(before);
      expect(await store().deleteUser(two)).toBe(true);
      expect(await store().deleteUser(two)).toBe(false);
      expect(await store().findUserByRef(two)).toBeNull();
      expect(await shared.db.selectFrom("account").select("ref").where("ref", "=", two).execute()).toEqual([]);
    });

    it("groups: counts, detail with members and nesting, depth through a new link, removal", async () => {
      const [a, b, c] = [await group("a"), await group("b"), await group("c")];
      const ref = await insertUser(shared.db);
      await store().addMember(b, ref);
      await store().addSubgroup(a, b);
      await store().addSubgroup(b, c);
      const detail = await store().findGroup(b, 10);
      expect(detail).toMatchObject({ name: b, directMembers: 1, subgroups: 1, subgroupNames: [c], parentNames: [a] });
      expect(detail?.members.map((user) => user.ref)).toEqual([ref]);
      const d = await group("d");
      expect(await store().depthIfNested(c, d)).toBe(4);
      expect(await store().depthIfNested(d, a)).toBe(4);
      expect(await store().removeSubgroup(b, c)).toBe(true);
      expect(await store().removeMember(b, ref)).toBe(true);
      expect(await store().removeMember(b, ref)).toBe(false);
      expect(await store().deleteGroup(b)).toBe(true);
      expect(await store().findGroup(b, 10)).toBeNull();
      expect((await store().listGroups()).some((summary) => summary.name === a)).toBe(true);
    });

    it("creates imported users in bulk, skipping user IDs already taken; reports existing IDs", async () => {
      const taken = await insertUser(shared.db);
      const team = await group("team");
      const edit = {
        displayName: "Imp Orted",
        firstName: "Imp",
        lastName: "Orted",
        email: "imp@mail.example",
        mobilePhone: null,
        officePhone: "+62215550100",
        preferredLanguage: null,
      };
      const fresh = `${unique("imp")}@example.com`;
      const result = await store().createImportedUsers(
        [
          { userId: fresh, edit, groups: [team] },
          { userId: `${taken}@example.com`, edit, groups: [] },
        ],
        T0,
      );
      expect(result.taken).toEqual([`${taken}@example.com`]);
      expect(result.created.map((user) => user.userId)).toEqual([fresh]);
      expect(await store().findUser(fresh)).toMatchObject({
        hasPassword: false,
        mustChangePassword: true,
        groups: [team],
      });
      expect(await store().existingUserIds([fresh, `${unique("none")}@example.com`])).toEqual([fresh]);
    });

    it("keeps an import job's progress and row errors", async () => {
      const id = unique("job");
      await store().createImportJob({ id, createdBy: "console", dryRun: false, totalRows: 3 }, T0);
      expect(await store().findImportJob(id)).toMatchObject({ state: "running", processedRows: 0, errors: [] });
      const errors = [{ row: 2, column: "userId", code: "exists" }];
      await store().updateImportJob(id, { processedRows: 3, createdUsers: 2, errors });
      await store().finishImportJob(id, "done", at(5));
      expect(await store().findImportJob(id)).toMatchObject({
        state: "done",
        processedRows: 3,
        createdUsers: 2,
        errors,
        finishedAt: at(5),
      });
      expect(await store().findImportJob(unique("missing"))).toBeNull();
    });
  });
}
