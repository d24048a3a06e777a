/** The single organisation row (`id = 'org'`) and the demo check; part of the directory admin. */
import type { Kysely } from "kysely";
import type { Organisation } from "../../domain/admin/admin-ports.js";
import type { Database } from "../database.js";
import { asLanguage } from "./row-values.js";

export type { Organisation };

const ORGANISATION_ID = "org";

/** Organisation operations over `db` (the pool, or a transaction). */
export function createKyselyOrganisationOps(db: Kysely<Database>) {
  return {
    /** True when any demo user or a demo organisation exists (production start-up refuses them). */
    async hasDemoAccounts(): Promise<boolean> {
      const user = await db
        .selectFrom("directory_user")
        .select("ref")
        .where("is_demo", "=", true)
        .limit(1)
        .executeTakeFirst();
      if (user) return true;
      const org = await db.selectFrom("organisation").select("id").where("is_demo", "=", true).executeTakeFirst();
      return org !== undefined;
    },

    /** The organisation, or null before `init` or the demo seed ran. */
    async getOrganisation(): Promise<Organisation | null> {
      const row = await db.selectFrom("organisation").selectAll().where("id", "=", ORGANISATION_ID).executeTakeFirst();
      if (!row) return null;
      return {
        name: row.name,
        domain: row.domain,
        defaultLanguage: asLanguage(row.default_lang, "organisation.default_lang"),
        isDemo: row.is_demo,
      };
    },

    /** Creates the single organisation row; false when one exists already. */
    async createOrganisation(organisation: Organisation, now: Date): Promise<boolean> {
      const result = await db
        .insertInto("organisation")
        .values({
          id: ORGANISATION_ID,
          name: organisation.name,
          domain: organisation.domain,
          default_lang: organisation.defaultLanguage,
          is_demo: organisation.isDemo,
          created_at: now,
        })
        .onConflict((conflict) => conflict.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      return result !== undefined;
    },
  };
}
