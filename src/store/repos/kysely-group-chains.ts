/**
 * How a built-in user belongs to a group (SPEC §13.1 check 4, "shows the nesting chain"): the shortest path from
 * one of the user's own groups up through `group_nesting` to it, at most 10 levels, never round a cycle.
 */
import { type Kysely, sql } from "kysely";
import type { GroupChains } from "../../domain/troubleshoot/diagnosis-facts.js";
import type { Database } from "../database.js";
import { GROUP_NESTING_DEPTH } from "./kysely-builtin-directory.js";

/** The GroupChains port over `db`. */
export function createKyselyGroupChains(db: Kysely<Database>): GroupChains {
  return {
    async chainsOf(userRef, groups) {
      if (groups.length === 0) return {};
      const rows = await sql<{ name: string; path: string[] }>`
        with recursive chain(name, path, depth) as (
          select group_name, array[group_name], 1 from group_member where user_ref = ${userRef}
          union all
          select group_nesting.parent_name, chain.path || group_nesting.parent_name, chain.depth + 1
            from group_nesting join chain on group_nesting.child_name = chain.name
            where chain.depth < ${GROUP_NESTING_DEPTH} and not (group_nesting.parent_name = any(chain.path))
        )
        select name, path from chain where name in (${sql.join([...groups])}) order by depth, name`.execute(db);
      const chains: Record<string, readonly string[]> = {};
      for (const row of rows.rows) chains[row.name] ??= row.path;
      return chains;
    },
  };
}
