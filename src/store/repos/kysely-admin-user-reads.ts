/** The admin user search and user page's reads: users by ID or name, one user by ref. */
import type { Kysely } from "kysely";
import type { AdminUserReads } from "../../domain/admin/admin-ports.js";
import type { Database } from "../database.js";
import { selectUsers, withRolesAndGroups } from "./kysely-admin-user-rows.js";

/** `text` as a LIKE pattern that matches it anywhere, its own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
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
      const rows = await select.orderBy("directory_user.user_id").limit(query.limit).offset(query.offset).execute();
      return withRolesAndGroups(db, rows);
    },

    async findUserByRef(ref) {
      const row = await selectUsers(db).where("directory_user.ref", "=", ref).executeTakeFirst();
      return row ? ((await withRolesAndGroups(db, [row]))[0] ?? null) : null;
    },
  };
}
