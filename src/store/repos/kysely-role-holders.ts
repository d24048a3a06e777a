/** Who holds admin roles (`admin_role` joined to `account`, the built-in directory and the verified emails). */
import { type Kysely, sql } from "kysely";
import type { RoleHolder, RoleHolderStore } from "../../domain/role-holders.js";
import { ADMIN_ROLES } from "../../domain/users.js";
import type { Database } from "../database.js";
import { BUILTIN_DIRECTORY_ID } from "./kysely-builtin-directory.js";
import { asLanguage, asNullable, asOneOf } from "./row-values.js";

interface HolderRow {
  ref: string;
  directory_id: string;
  entry_id: string;
  preferred_lang: string | null;
  user_id: string | null;
  email: string | null;
  roles: string[];
  verified_emails: string[];
}

function holderRowToRoleHolder(row: HolderRow): RoleHolder {
  return {
    ref: row.ref,
    directoryId: row.directory_id,
    entryId: row.entry_id,
    userId: row.user_id,
    roles: row.roles.map((role) => asOneOf(ADMIN_ROLES, role, "admin_role.role")),
    preferredLanguage: asNullable(row.preferred_lang, (lang) => asLanguage(lang, "account.preferred_lang")),
    email: row.email,
    verifiedEmails: row.verified_emails,
  };
}

/** A RoleHolderStore over `db` (the pool, or a transaction). */
export function createKyselyRoleHolders(db: Kysely<Database>): RoleHolderStore {
  return {
    /** One statement; a disabled built-in user is no holder (they cannot sign in to act on a message). */
    async holdersOf({ roles, exceptRefs = [], limit }) {
      if (roles.length === 0 || limit <= 0) return [];
      const holds = (anyOf: readonly string[]) =>
        sql`exists (select 1 from admin_role r where r.user_ref = a.ref and r.role in (${sql.join([...anyOf])}))`;
      const except = exceptRefs.length === 0 ? sql`true` : sql`a.ref not in (${sql.join([...exceptRefs])})`;
      const result = await sql<HolderRow>`
        select a.ref, a.directory_id, a.entry_id, a.preferred_lang, u.user_id, u.email,
          array(select distinct r.role from admin_role r where r.user_ref = a.ref order by r.role) as roles,
          array(select m.value from verified_method m where m.user_ref = a.ref and m.method = 'email'
            order by m.created_at, m.id) as verified_emails
        from account a
        left join directory_user u on a.directory_id = ${BUILTIN_DIRECTORY_ID} and u.ref = a.entry_id
        where ${holds(roles)} and ${except} and (u.enabled is null or u.enabled)
        order by ${holds(["global_admin"])} desc, a.ref
        limit ${limit}`.execute(db);
      return result.rows.map(holderRowToRoleHolder);
    },
  };
}
