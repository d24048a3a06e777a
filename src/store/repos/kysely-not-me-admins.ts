/** The administrators an alert goes to (SPEC §9.3 step 4, §9.4), read from `account`, `admin_role` and the methods. */
import { type Kysely, sql } from "kysely";
import type { AdminRecipient, AdminRecipientStore } from "../../domain/not-me/not-me-ports.js";
import { ADMIN_ROLES } from "../../domain/users.js";
import type { Database } from "../database.js";
import { BUILTIN_DIRECTORY_ID } from "./kysely-builtin-directory.js";
import { asLanguage, asNullable, asOneOf } from "./row-values.js";

interface AdminRow {
  ref: string;
  preferred_lang: string | null;
  user_id: string | null;
  email: string | null;
  roles: string[];
  verified_emails: string[];
}

function adminRowToRecipient(row: AdminRow): AdminRecipient {
  return {
    ref: row.ref,
    userId: row.user_id,
    roles: row.roles.map((role) => asOneOf(ADMIN_ROLES, role, "admin_role.role")),
    preferredLanguage: asNullable(row.preferred_lang, (lang) => asLanguage(lang, "account.preferred_lang")),
    email: row.email,
    verifiedEmails: row.verified_emails,
  };
}

/** An AdminRecipientStore over `db` (the pool, or a transaction). */
export function createKyselyAdminRecipientStore(db: Kysely<Database>): AdminRecipientStore {
  return {
    /** One statement; a disabled built-in user is no recipient (they cannot sign in to act on the alert). */
    async listAdmins({ roles, exceptRefs, limit }) {
      if (roles.length === 0 || limit <= 0) return [];
      const holds = (anyOf: readonly string[]) =>
        sql`exists (select 1 from admin_role r where r.user_ref = a.ref and r.role in (${sql.join([...anyOf])}))`;
      const except = exceptRefs.length === 0 ? sql`true` : sql`a.ref not in (${sql.join([...exceptRefs])})`;
      const result = await sql<AdminRow>`
        select a.ref, a.preferred_lang, u.user_id, u.email,
          array(select r.role from admin_role r where r.user_ref = a.ref order by r.role) as roles,
          array(select m.value from verified_method m where m.user_ref = a.ref and m.method = 'email'
            order by m.created_at, m.id) as verified_emails
        from account a
        left join directory_user u on a.directory_id = ${BUILTIN_DIRECTORY_ID} and u.ref = a.entry_id
        where ${holds(roles)} and ${except} and (u.enabled is null or u.enabled)
        order by ${holds(["global_admin"])} desc, a.ref
        limit ${limit}`.execute(db);
      return result.rows.map(adminRowToRecipient);
    },
  };
}
