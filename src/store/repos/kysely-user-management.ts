/**
 * The user and group management reads and writes of the admin portal (UserManagementOps): the filtered user list
 * in two statements per page, edits, deletion, groups and their nesting. Part of the DirectoryAdminStore.
 */
import { membersOf } from "./kysely-admin-user-reads.js";
import { type Kysely, sql } from "kysely";
import type { UserListQuery, UserManagementOps } from "../../domain/admin/user-admin-ports.js";
import { normaliseUserId } from "../../domain/user-id.js";
import { fail, succeed } from "../../lib/outcome.js";
import type { Random } from "../../lib/random.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { Database } from "../database.js";
import { selectUsers, withRolesAndGroups } from "./kysely-admin-user-rows.js";
import { BUILTIN_DIRECTORY_ID } from "./kysely-builtin-directory.js";
import { createKyselyGroupOps } from "./kysely-group-management.js";

/** `text` as a LIKE pattern that matches it anywhere, its own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Every group nested inside `group`, and `group` itself, 10 levels down at most. */
function groupAndNested(group: string) {
  return sql<string>`(with recursive inside(name, depth) as (
      select ${group}::text, 1
      union
      select group_nesting.child_name, inside.depth + 1 from group_nesting
        join inside on group_nesting.parent_name = inside.name where inside.depth < 10
    ) select name from inside)`;
}

const SORT_COLUMNS = {
  user_id: "directory_user.user_id",
  display_name: "directory_user.display_name",
  created_at: "directory_user.created_at",
} as const;

function filtered(db: Kysely<Database>, query: UserListQuery) {
  let select = selectUsers(db);
  const text = query.text.trim();
  if (text !== "") {
    const pattern = containsPattern(text);
    select = select.where((where) =>
      where.or([
        where("directory_user.user_id", "ilike", pattern),
        where("directory_user.display_name", "ilike", pattern),
      ]),
    );
  }
  if (query.enabled !== null) select = select.where("directory_user.enabled", "=", query.enabled);
  if (query.registered !== null)
    select = select.where("account.registration_state", query.registered ? "=" : "!=", "registered");
  if (query.locked !== null) {
    const locked = sql<boolean>`(account.admin_locked_at is not null or exists (select 1 from signin_lockout l
      where l.key = directory_user.user_id and l.locked_until > ${query.now}))`;
    select = select.where(query.locked ? locked : sql<boolean>`not ${locked}`);
  }
  if (query.group !== null) {
    const inGroup = sql<boolean>`exists (select 1 from group_member m where m.user_ref = directory_user.ref
      and m.group_name in ${groupAndNested(query.group)})`;
    select = select.where(inGroup);
  }
  if (query.withinGroups !== undefined && query.withinGroups !== null)
    select = select.where("directory_user.ref", "in", membersOf(db, query.withinGroups));
  // One array parameter, not one per ref: a Capable filter over 50,000 people would pass PostgreSQL's bind limit.
  if (query.onlyRefs !== undefined && query.onlyRefs !== null)
    select = select.where(sql<boolean>`directory_user.ref = any(${[...query.onlyRefs]}::text[])`);
  return select;
}

export function createKyselyUserManagement(db: Kysely<Database>, deps: { random: Random }): UserManagementOps {
  return {
    ...createKyselyGroupOps(db),

    async createImportedUsers(users, now) {
      if (users.length === 0) return { created: [], taken: [] };
      const ids = users.map((user) => normaliseUserId(user.userId));
      const takenRows = await db.selectFrom("directory_user").select("user_id").where("user_id", "in", ids).execute();
      const taken = new Set(takenRows.map((row) => row.user_id));
      const fresh = users
        .map((user) => ({ ...user, userId: normaliseUserId(user.userId), ref: uuidv7(now, deps.random) }))
        .filter((user) => !taken.has(user.userId));
      if (fresh.length > 0) {
        await db
          .insertInto("directory_user")
          .values(
            fresh.map((user) => ({
              ref: user.ref,
              user_id: user.userId,
              email: user.edit.email,
              display_name: user.edit.displayName,
              first_name: user.edit.firstName,
              last_name: user.edit.lastName,
              mobile_phone: user.edit.mobilePhone,
              office_phone: user.edit.officePhone,
              password_hash: null,
              password_changed_at: null,
              is_demo: false,
              created_at: now,
            })),
          )
          .execute();
        await db
          .insertInto("account")
          .values(
            fresh.map((user) => ({
              ref: user.ref,
              directory_id: BUILTIN_DIRECTORY_ID,
              entry_id: user.ref,
              must_change_password: true,
              preferred_lang: user.edit.preferredLanguage,
              created_at: now,
            })),
          )
          .execute();
        const members = fresh.flatMap((user) =>
          user.groups.map((group) => ({ group_name: group, user_ref: user.ref })),
        );
        if (members.length > 0) await db.insertInto("group_member").values(members).execute();
      }
      return { created: fresh.map(({ ref, userId }) => ({ ref, userId })), taken: [...taken] };
    },

    async listUserPage(query) {
      const direction = query.descending ? "desc" : "asc";
      const rows = await filtered(db, query)
        .orderBy(SORT_COLUMNS[query.sort], direction)
        .orderBy("directory_user.ref")
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const counted = await filtered(db, query)
        .clearSelect()
        .select((select) => select.fn.countAll<string>().as("total"))
        .executeTakeFirstOrThrow();
      return { users: await withRolesAndGroups(db, rows), total: Number(counted.total) };
    },

    async contactOf(ref) {
      const row = await db
        .selectFrom("directory_user")
        .select(["mobile_phone", "office_phone"])
        .where("ref", "=", ref)
        .executeTakeFirst();
      return row ? { mobilePhone: row.mobile_phone, officePhone: row.office_phone } : null;
    },

    async updateUser(ref, edit) {
      const result = await db
        .updateTable("directory_user")
        .set({
          display_name: edit.displayName,
          first_name: edit.firstName,
          last_name: edit.lastName,
          email: edit.email,
          mobile_phone: edit.mobilePhone,
          office_phone: edit.officePhone,
        })
        .where("ref", "=", ref)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await db.updateTable("account").set({ preferred_lang: edit.preferredLanguage }).where("ref", "=", ref).execute();
      return true;
    },

    async setGroups(ref, groups) {
      const wanted = [...new Set(groups)];
      if (wanted.length > 0) {
        const found = await db.selectFrom("directory_group").select("name").where("name", "in", wanted).execute();
        if (found.length < wanted.length) return fail("no_group");
      }
      const current = (
        await db.selectFrom("group_member").select("group_name").where("user_ref", "=", ref).execute()
      ).map((row) => row.group_name);
      const added = wanted.filter((name) => !current.includes(name));
      const removed = current.filter((name) => !wanted.includes(name));
      if (removed.length > 0)
        await db.deleteFrom("group_member").where("user_ref", "=", ref).where("group_name", "in", removed).execute();
      if (added.length > 0)
        await db
          .insertInto("group_member")
          .values(added.map((name) => ({ group_name: name, user_ref: ref })))
          .execute();
      return succeed({ added: added.sort(), removed: removed.sort() });
    },

    async deleteUser(ref) {
      // The account's children (sessions, methods, roles, links) cascade from it; memberships and history from the entry.
      await db.deleteFrom("account").where("ref", "=", ref).execute();
      const result = await db.deleteFrom("directory_user").where("ref", "=", ref).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async existingUserIds(userIds) {
      if (userIds.length === 0) return [];
      const rows = await db.selectFrom("directory_user").select("user_id").where("user_id", "in", userIds).execute();
      return rows.map((row) => row.user_id);
    },

    async countOtherGlobalAdmins(exceptRef) {
      await db.selectFrom("admin_role").select("user_ref").where("role", "=", "global_admin").forUpdate().execute();
      const row = await db
        .selectFrom("admin_role")
        // An admin whose entry lives in LDAP has no built-in row; they count, as the directory decides on them.
        .leftJoin("directory_user", "directory_user.ref", "admin_role.user_ref")
        .select((select) => select.fn.countAll<string>().as("count"))
        .where("admin_role.role", "=", "global_admin")
        .where(sql<boolean>`coalesce(directory_user.enabled, true)`)
        .where("admin_role.user_ref", "!=", exceptRef)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
