/** Admin operations on the built-in directory (users, groups, roles, organisation), for the CLI and the admin portal. */
import { type Kysely, sql } from "kysely";
import type {
  AdminUserView,
  DirectoryAdminStore,
  NewDirectoryUser,
  Organisation,
} from "../../domain/admin/admin-ports.js";
import type { MethodId } from "../../domain/methods.js";
import { normaliseUserId } from "../../domain/user-id.js";
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import type { RoleAssignment } from "../../domain/admin/admin-actor.js";
import { asOneOf } from "./row-values.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { Random } from "../../lib/random.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { Database } from "../database.js";
import { createKyselyAdminUserReads } from "./kysely-admin-user-reads.js";
import { BUILTIN_DIRECTORY_ID } from "./kysely-builtin-directory.js";
import { selectUsers, userRowToAdminView, withRolesAndGroups } from "./kysely-admin-user-rows.js";
import { createKyselyOrganisationOps } from "./kysely-organisation.js";
import { createKyselyImportJobs } from "./kysely-import-jobs.js";
import { createKyselyUserManagement } from "./kysely-user-management.js";

export type { AdminUserView, NewDirectoryUser, Organisation };

/** Every group `group` is inside, however deep: a new nesting must not make one contain itself. */
async function groupsContaining(db: Kysely<Database>, group: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    with recursive container(name) as (
      select parent_name from group_nesting where child_name = ${group}
      union
      select group_nesting.parent_name from group_nesting join container on group_nesting.child_name = container.name
    )
    select name from container`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** The role assignments of a user and the groups they may be scoped to. */
function roleAssignmentReads(db: Kysely<Database>) {
  return {
    async assignmentsOf(ref: string): Promise<RoleAssignment[]> {
      const rows = await db
        .selectFrom("admin_role")
        .select(["role", "scope_group"])
        .where("user_ref", "=", ref)
        .orderBy(sql`scope_group is not null`)
        .orderBy("role")
        .orderBy("scope_group")
        .execute();
      return rows.map((row) => ({
        role: asOneOf(ADMIN_ROLES, row.role, "admin_role.role"),
        scopeGroup: row.scope_group,
      }));
    },
  };
}

/** The directory admin over `db` (the pool, or a transaction); new refs and ids are UUIDv7 from `random`. */
export function createKyselyDirectoryAdmin(db: Kysely<Database>, deps: { random: Random }): DirectoryAdminStore {
  return {
    ...createKyselyOrganisationOps(db),
    ...createKyselyAdminUserReads(db),
    ...createKyselyUserManagement(db, deps),
    ...createKyselyImportJobs(db),

    /** Inserts the user under its normalised user ID; "exists" when that ID is taken. */
    async createUser(user: NewDirectoryUser, now: Date): Promise<Outcome<AdminUserView, "exists">> {
      const userId = normaliseUserId(user.userId);
      const taken = await db
        .selectFrom("directory_user")
        .select("ref")
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (taken) return fail("exists");
      // The account shares the entry's ref, so the ref every other table holds names both.
      const ref = uuidv7(now, deps.random);
      await db
        .insertInto("directory_user")
        .values({
          ref,
          user_id: userId,
          email: user.email,
          display_name: user.displayName,
          first_name: user.firstName,
          last_name: user.lastName,
          password_hash: user.passwordHash,
          password_changed_at: user.passwordHash === null ? null : now,
          is_demo: user.isDemo,
          created_at: now,
        })
        .execute();
      await db
        .insertInto("account")
        .values({
          ref,
          directory_id: BUILTIN_DIRECTORY_ID,
          entry_id: ref,
          must_change_password: user.mustChangePassword,
          created_at: now,
        })
        .execute();
      const row = await selectUsers(db).where("directory_user.ref", "=", ref).executeTakeFirstOrThrow();
      return succeed(userRowToAdminView(row, [], []));
    },

    /** Users ordered by user ID, a page at a time. */
    async listUsers(page: { limit: number; offset?: number } = { limit: 1000 }): Promise<AdminUserView[]> {
      const rows = await selectUsers(db)
        .orderBy("directory_user.user_id")
        .limit(page.limit)
        .offset(page.offset ?? 0)
        .execute();
      return withRolesAndGroups(db, rows);
    },

    /** The user with this (normalised) user ID, or null. */
    async findUser(userId: string): Promise<AdminUserView | null> {
      const row = await selectUsers(db)
        .where("directory_user.user_id", "=", normaliseUserId(userId))
        .executeTakeFirst();
      return row ? ((await withRolesAndGroups(db, [row]))[0] ?? null) : null;
    },

    /** Enables or disables the account; true when that changed something. */
    async setEnabled(ref: string, enabled: boolean): Promise<boolean> {
      const result = await db
        .updateTable("directory_user")
        .set({ enabled })
        .where("ref", "=", ref)
        .where("enabled", "!=", enabled)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Sets the administrator's lock (also the hard lock after 100 sign-in failures). */
    async lockUser(ref: string, now: Date): Promise<void> {
      await db.updateTable("account").set({ admin_locked_at: now }).where("ref", "=", ref).execute();
    },

    async clearAdminLock(ref: string): Promise<{ wasAdminLocked: boolean }> {
      const before = await db.selectFrom("account").select("admin_locked_at").where("ref", "=", ref).executeTakeFirst();
      await db.updateTable("account").set({ admin_locked_at: null }).where("ref", "=", ref).execute();
      return { wasAdminLocked: (before?.admin_locked_at ?? null) !== null };
    },

    /** Creates a static group; "exists" when the name is taken. */
    async addGroup(name: string, description: string, now: Date): Promise<Outcome<void, "exists">> {
      const result = await db
        .insertInto("directory_group")
        .values({ name, description, created_at: now })
        .onConflict((conflict) => conflict.column("name").doNothing())
        .returning("name")
        .executeTakeFirst();
      return result ? succeed(undefined) : fail("exists");
    },

    /** Adds the user to the group; "no_group" when it does not exist, "already" when the user is in it. */
    async addMember(groupName: string, ref: string): Promise<Outcome<void, "no_group" | "already">> {
      const group = await db
        .selectFrom("directory_group")
        .select("name")
        .where("name", "=", groupName)
        .executeTakeFirst();
      if (!group) return fail("no_group");
      const result = await db
        .insertInto("group_member")
        .values({ group_name: groupName, user_ref: ref })
        .onConflict((conflict) => conflict.columns(["group_name", "user_ref"]).doNothing())
        .returning("user_ref")
        .executeTakeFirst();
      return result ? succeed(undefined) : fail("already");
    },

    async addSubgroup(parent: string, child: string): Promise<Outcome<void, "no_group" | "already" | "cycle">> {
      const found = await db
        .selectFrom("directory_group")
        .select("name")
        .where("name", "in", [parent, child])
        .execute();
      if (found.length < new Set([parent, child]).size) return fail("no_group");
      if (parent === child || (await groupsContaining(db, parent)).includes(child)) return fail("cycle");
      const result = await db
        .insertInto("group_nesting")
        .values({ parent_name: parent, child_name: child })
        .onConflict((conflict) => conflict.columns(["parent_name", "child_name"]).doNothing())
        .returning("child_name")
        .executeTakeFirst();
      return result ? succeed(undefined) : fail("already");
    },

    /** Grants an admin role (limited to `scopeGroup` when given); false when the user held it so already. */
    async grantRole(ref: string, role: AdminRole, now: Date, scopeGroup: string | null = null): Promise<boolean> {
      // No conflict target: the unique index is on an expression (null scope counts as one value).
      const result = await db
        .insertInto("admin_role")
        .values({ user_ref: ref, role, granted_at: now, scope_group: scopeGroup })
        .onConflict((conflict) => conflict.doNothing())
        .returning("role")
        .executeTakeFirst();
      return result !== undefined;
    },

    async revokeRole(ref: string, role: AdminRole, scopeGroup: string | null): Promise<boolean> {
      let query = db.deleteFrom("admin_role").where("user_ref", "=", ref).where("role", "=", role);
      query =
        scopeGroup === null ? query.where("scope_group", "is", null) : query.where("scope_group", "=", scopeGroup);
      const deleted = await query.returning("role").execute();
      return deleted.length > 0;
    },

    ...roleAssignmentReads(db),

    /** Records a method the user has verified (the demo seed's registered email). */
    async addVerifiedMethod(
      method: { userRef: string; method: MethodId; value: string; label: string | null },
      now: Date,
    ) {
      const id = uuidv7(now, deps.random);
      await db
        .insertInto("verified_method")
        .values({
          id,
          user_ref: method.userRef,
          method: method.method,
          value: method.value,
          label: method.label,
          created_at: now,
        })
        .execute();
      return id;
    },
  };
}
