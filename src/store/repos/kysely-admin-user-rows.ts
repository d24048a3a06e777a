/** Built-in entries joined to their accounts, as admin views (the admin store and the admin user reads share them). */
import { type Kysely, type Selectable, sql } from "kysely";
import type { AdminUserView } from "../../domain/admin/admin-ports.js";
import { ADMIN_ROLES } from "../../domain/users.js";
import type { AccountTable, Database, DirectoryUserTable } from "../database.js";
import { BUILTIN_DIRECTORY_ID, GROUP_NESTING_DEPTH } from "./kysely-builtin-directory.js";
import { asLanguage, asNullable, asOneOf } from "./row-values.js";

/** A built-in entry with its account's state (the two share the ref, see createUser). */
export type UserRow = Selectable<DirectoryUserTable> &
  Pick<Selectable<AccountTable>, "admin_locked_at" | "security_hold_at" | "must_change_password" | "preferred_lang">;

/** Built-in entries joined to their accounts, for the admin view. */
export function selectUsers(db: Kysely<Database>) {
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

/** Maps a row and its roles and groups to the admin view; the hash only tells whether one is set. */
export function userRowToAdminView(
  row: UserRow,
  roles: readonly string[],
  groups: readonly string[],
  memberOf: readonly string[] = groups,
): AdminUserView {
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
    // A role held unscoped and scoped to a group is still one role.
    roles: [...new Set(roles)].map((role) => asOneOf(ADMIN_ROLES, role, "admin_role.role")),
    groups,
    memberOf,
  };
}

/** The rows as admin views, each with its roles and groups (two statements for the whole page). */
export async function withRolesAndGroups(db: Kysely<Database>, rows: readonly UserRow[]): Promise<AdminUserView[]> {
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
  const nested = await nestedGroupsOf(db, refs);
  return rows.map((row) =>
    userRowToAdminView(
      row,
      roles.filter((role) => role.user_ref === row.ref).map((role) => role.role),
      groups.filter((member) => member.user_ref === row.ref).map((member) => member.group_name),
      nested.filter((member) => member.user_ref === row.ref).map((member) => member.name),
    ),
  );
}

/** Every group each of `refs` is in, nested ones too (to depth 10), in one statement. */
async function nestedGroupsOf(db: Kysely<Database>, refs: readonly string[]) {
  const rows = await sql<{ user_ref: string; name: string }>`
    with recursive member_of(user_ref, name, depth) as (
      select user_ref, group_name, 1 from group_member where user_ref in (${sql.join([...refs])})
      union
      select member_of.user_ref, group_nesting.parent_name, member_of.depth + 1
        from group_nesting join member_of on group_nesting.child_name = member_of.name
        where member_of.depth < ${GROUP_NESTING_DEPTH}
    )
    select distinct user_ref, name from member_of order by user_ref, name`.execute(db);
  return rows.rows;
}
