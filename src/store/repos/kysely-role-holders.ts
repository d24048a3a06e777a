/** The accounts holding admin roles (`admin_role` joined to `account`), for whoever must tell the admins something. */
import type { Kysely } from "kysely";
import type { RoleHolders } from "../../domain/helpdesk/helpdesk-recipients.js";
import type { Database } from "../database.js";
import { asLanguage, asNullable } from "./row-values.js";

/** RoleHolders over `db` (the pool: a read outside any transaction, before the directory is asked for addresses). */
export function createKyselyRoleHolders(db: Kysely<Database>): RoleHolders {
  return {
    /** Each account once, however many of `roles` it holds; ordered by ref, so the same admins come first each time. */
    async holdersOf(roles, limit) {
      if (roles.length === 0) return [];
      const rows = await db
        .selectFrom("account")
        .select(["account.ref", "account.directory_id", "account.entry_id", "account.preferred_lang"])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("admin_role")
              .select("admin_role.user_ref")
              .whereRef("admin_role.user_ref", "=", "account.ref")
              .where("admin_role.role", "in", roles),
          ),
        )
        .orderBy("account.ref")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        ref: row.ref,
        directoryId: row.directory_id,
        entryId: row.entry_id,
        preferredLanguage: asNullable(row.preferred_lang, (lang) => asLanguage(lang, "account.preferred_lang")),
      }));
    },
  };
}
