/** The admin user search and user page's reads: users by ID or name, one user by ref. */
import { type Kysely, sql } from "kysely";
import type { AdminUserReads } from "../../domain/admin/admin-ports.js";
import type { Database } from "../database.js";
import { selectUsers, withRolesAndGroups } from "./kysely-admin-user-rows.js";
import { GROUP_NESTING_DEPTH } from "./kysely-builtin-directory.js";

/** `text` as a LIKE pattern that matches it anywhere, its own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The refs of every member of `groups` or of a group nested inside them (to depth 10): a scoped admin's users.
 * No groups: nobody (`in ('')` matches no ref).
 */
export function membersOf(db: Kysely<Database>, groups: readonly string[]) {
  const names = groups.length === 0 ? [""] : [...groups];
  return sql<string>`(
    with recursive inside(name, depth) as (
      select name, 1 from directory_group where name in (${sql.join(names)})
      union
      select group_nesting.child_name, inside.depth + 1
        from group_nesting join inside on group_nesting.parent_name = inside.name
        where inside.depth < ${GROUP_NESTING_DEPTH}
    )
    select user_ref from group_member where group_name in (select name from inside))`;
}

export function createKyselyAdminUserReads(db: Kysely<Database>): AdminUserReads {
  return {
    async searchUsers(query) {
      const text = query.text.trim();
      let select = selectUsers(db);
      if (text !== "") {
        const pattern = containsPattern(text);
        select = select.where((where) =>
          where.or([
            where("directory_user.user_id", "ilike", pattern),
            where("directory_user.display_name", "ilike", pattern),
          ]),
        );
      }
      if (query.withinGroups !== undefined && query.withinGroups !== null)
        select = select.where("directory_user.ref", "in", membersOf(db, query.withinGroups));
      const rows = await select.orderBy("directory_user.user_id").limit(query.limit).offset(query.offset).execute();
      return withRolesAndGroups(db, rows);
    },

    async findUserByRef(ref) {
      const row = await selectUsers(db).where("directory_user.ref", "=", ref).executeTakeFirst();
      return row ? ((await withRolesAndGroups(db, [row]))[0] ?? null) : null;
    },
  };
}
