/** Groups of the built-in directory for the admin portal: list with counts, one group, delete, nesting depth. */
import { type Kysely, sql } from "kysely";
import type { GroupSummary, UserManagementOps } from "../../domain/admin/user-admin-ports.js";
import type { Database } from "../database.js";
import { selectUsers, withRolesAndGroups } from "./kysely-admin-user-rows.js";

type GroupOps = Pick<
  UserManagementOps,
  "removeMember" | "listGroups" | "findGroup" | "renameGroup" | "deleteGroup" | "removeSubgroup" | "depthIfNested"
>;

/** Groups with their direct member and subgroup counts (one statement). */
function groupSummaries(db: Kysely<Database>) {
  return db
    .selectFrom("directory_group as g")
    .select(["g.name", "g.description", "g.created_at"])
    .select(sql<string>`(select count(*) from group_member m where m.group_name = g.name)`.as("direct_members"))
    .select(sql<string>`(select count(*) from group_nesting n where n.parent_name = g.name)`.as("subgroups"));
}

function toSummary(row: {
  name: string;
  description: string;
  created_at: Date;
  direct_members: string;
  subgroups: string;
}): GroupSummary {
  return {
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    directMembers: Number(row.direct_members),
    subgroups: Number(row.subgroups),
  };
}

export function createKyselyGroupOps(db: Kysely<Database>): GroupOps {
  return {
    async removeMember(group, ref) {
      const result = await db
        .deleteFrom("group_member")
        .where("group_name", "=", group)
        .where("user_ref", "=", ref)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listGroups() {
      return (await groupSummaries(db).orderBy("g.name").execute()).map(toSummary);
    },

    async findGroup(name, memberLimit) {
      const row = await groupSummaries(db).where("g.name", "=", name).executeTakeFirst();
      if (!row) return null;
      const members = await selectUsers(db)
        .where((where) =>
          where.exists(
            where
              .selectFrom("group_member")
              .select("group_member.user_ref")
              .whereRef("group_member.user_ref", "=", "directory_user.ref")
              .where("group_member.group_name", "=", name),
          ),
        )
        .orderBy("directory_user.user_id")
        .limit(memberLimit)
        .execute();
      const nesting = await db
        .selectFrom("group_nesting")
        .select(["parent_name", "child_name"])
        .where((where) => where.or([where("parent_name", "=", name), where("child_name", "=", name)]))
        .orderBy("parent_name")
        .orderBy("child_name")
        .execute();
      return {
        ...toSummary(row),
        members: await withRolesAndGroups(db, members),
        subgroupNames: nesting.filter((link) => link.parent_name === name).map((link) => link.child_name),
        parentNames: nesting.filter((link) => link.child_name === name).map((link) => link.parent_name),
      };
    },

    /**
     * Renames the group: a new row under the new name takes over every reference (members, nesting both ways,
     * group-scoped roles and API tokens), then the old row goes. Run it inside a transaction: in between, both
     * names exist. The names are keys, so nothing cascades by itself.
     */
    async renameGroup(from, to) {
      const existing = await db.selectFrom("directory_group").selectAll().where("name", "in", [from, to]).execute();
      const old = existing.find((row) => row.name === from);
      if (old === undefined) return "not_found";
      if (existing.some((row) => row.name === to)) return "exists";
      await db
        .insertInto("directory_group")
        .values({ ...old, name: to })
        .execute();
      await db.updateTable("group_member").set({ group_name: to }).where("group_name", "=", from).execute();
      await db.updateTable("group_nesting").set({ parent_name: to }).where("parent_name", "=", from).execute();
      await db.updateTable("group_nesting").set({ child_name: to }).where("child_name", "=", from).execute();
      await db.updateTable("admin_role").set({ scope_group: to }).where("scope_group", "=", from).execute();
      await db.updateTable("api_token").set({ scope_group: to }).where("scope_group", "=", from).execute();
      await db.deleteFrom("directory_group").where("name", "=", from).execute();
      return "renamed";
    },

    async deleteGroup(name) {
      const result = await db.deleteFrom("directory_group").where("name", "=", name).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async removeSubgroup(parent, child) {
      const result = await db
        .deleteFrom("group_nesting")
        .where("parent_name", "=", parent)
        .where("child_name", "=", child)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async depthIfNested(parent, child) {
      // Longest chain above `parent` (itself counting 1) plus longest chain below `child` (itself counting 1).
      // The walks stop at 12 levels: enough to tell "more than 10", and safe should a cycle ever exist.
      const result = await sql<{ above: number; below: number }>`
        with recursive up(name, depth) as (
          select ${parent}::text, 1
          union
          select n.parent_name, up.depth + 1 from group_nesting n join up on n.child_name = up.name where up.depth < 12
        ), down(name, depth) as (
          select ${child}::text, 1
          union
          select n.child_name, down.depth + 1 from group_nesting n join down on n.parent_name = down.name
            where down.depth < 12
        )
        select (select max(depth) from up)::int as above, (select max(depth) from down)::int as below`.execute(db);
      const row = result.rows[0];
      return (row?.above ?? 1) + (row?.below ?? 1);
    },
  };
}
