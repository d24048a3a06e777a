/** Built-in entries joined to their accounts, as admin views (the admin store and the admin user reads share them). */
import type { Kysely, Selectable } from "kysely";
import type { AdminUserView } from "../../domain/admin/admin-ports.js";
import { ADMIN_ROLES } from "../../domain/users.js";
import type { AccountTable, Database, DirectoryUserTable } from "../database.js";
import { BUILTIN_DIRECTORY_ID } from "./kysely-builtin-directory.js";
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
  return rows.map((row) =>
    userRowToAdminView(
      row,
      roles.filter((role) => role.user_ref === row.ref).map((role) => role.role),
      groups.filter((member) => member.user_ref === row.ref).map((member) => member.group_name),
    ),
  );
}
