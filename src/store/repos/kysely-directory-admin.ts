/** Admin operations on the built-in directory (users, groups, roles, organisation), for the CLI and the admin portal. */
import { type Kysely, type Selectable, sql } from "kysely";
import type {
  AdminUserView,
  DirectoryAdminStore,
  NewDirectoryUser,
  Organisation,
} from "../../domain/admin/admin-ports.js";
import type { MethodId } from "../../domain/methods.js";
import { normaliseUserId } from "../../domain/user-id.js";
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { Random } from "../../lib/random.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { AccountTable, Database, DirectoryUserTable } from "../database.js";
import { BUILTIN_DIRECTORY_ID } from "./kysely-builtin-directory.js";
import { createKyselyOrganisationOps } from "./kysely-organisation.js";
import { asLanguage, asNullable, asOneOf } from "./row-values.js";

export type { AdminUserView, NewDirectoryUser, Organisation };

/** A built-in entry with its account's state (the two share the ref, see createUser). */
type UserRow = Selectable<DirectoryUserTable> &
  Pick<Selectable<AccountTable>, "admin_locked_at" | "security_hold_at" | "must_change_password" | "preferred_lang">;

/** Built-in entries joined to their accounts, for the admin view. */
function selectUsers(db: Kysely<Database>) {
  return db
    .selectFrom("directory_user")
    .innerJoin("account", (join) =>
      join.onRef("account.entry_id", "=", "directory_user.ref").on("account.directory_id", "=", BUILTIN_DIRECTORY_ID),
    )
    .selectAll("directory_user")
    .select([
      "account.admin_locked_at",
      "account.security_hold_at",
      "account.must_change_password",
      "account.preferred_lang",
    ]);
}

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

/** Maps a row and its roles and groups to the admin view; the hash only tells whether one is set. */
export function userRowToAdminView(row: UserRow, roles: readonly string[], groups: readonly string[]): AdminUserView {
  return {
    ref: row.ref,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    firstName: row.first_name,
    lastName: row.last_name,
    enabled: row.enabled,
    adminLockedAt: row.admin_locked_at,
    securityHoldAt: row.security_hold_at,
    hasPassword: row.password_hash !== null,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: row.must_change_password,
    preferredLanguage: asNullable(row.preferred_lang, (lang) => asLanguage(lang, "account.preferred_lang")),
    isDemo: row.is_demo,
    createdAt: row.created_at,
    roles: roles.map((role) => asOneOf(ADMIN_ROLES, role, "admin_role.role")),
    groups,
  };
}

async function withRolesAndGroups(db: Kysely<Database>, rows: readonly UserRow[]): Promise<AdminUserView[]> {
  if (rows.length === 0) return [];
  const refs = rows.map((row) => row.ref);
  const roles = await db
    .selectFrom("admin_role")
    .select(["user_ref", "role"])
    .where("user_ref", "in", refs)
    .orderBy("role")
    .execute();
  const groups = await db
    .selectFrom("group_member")
    .select(["user_ref", "group_name"])
    .where("user_ref", "in", refs)
    .orderBy("group_name")
    .execute();
  return rows.map((row) =>
    userRowToAdminView(
      row,
      roles.filter((role) => role.user_ref === row.ref).map((role) => role.role),
      groups.filter((member) => member.user_ref === row.ref).map((member) => member.group_name),
    ),
  );
}

/** The directory admin over `db` (the pool, or a transaction); new refs and ids are UUIDv7 from `random`. */
export function createKyselyDirectoryAdmin(db: Kysely<Database>, deps: { random: Random }): DirectoryAdminStore {
  return {
    ...createKyselyOrganisationOps(db),

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

    /** Grants an admin role; false when the user held it already. */
    async grantRole(ref: string, role: AdminRole, now: Date): Promise<boolean> {
      const result = await db
        .insertInto("admin_role")
        .values({ user_ref: ref, role, granted_at: now })
        .onConflict((conflict) => conflict.columns(["user_ref", "role"]).doNothing())
        .returning("role")
        .executeTakeFirst();
      return result !== undefined;
    },

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
