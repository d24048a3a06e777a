/**
 * `group_nesting`: a built-in group inside another (SPEC §3 `scopeGroups`: nested membership counts, up to depth 10).
 * A user's groups are the ones they are a member of and every group containing those, 10 levels up at most.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("group_nesting")
    .addColumn("parent_name", "text", (c) => c.notNull().references("directory_group.name").onDelete("cascade"))
    .addColumn("child_name", "text", (c) => c.notNull().references("directory_group.name").onDelete("cascade"))
    .addPrimaryKeyConstraint("group_nesting_pk", ["parent_name", "child_name"])
    .addCheckConstraint("group_nesting_not_itself", sql`parent_name <> child_name`)
    .execute();
  await db.schema.createIndex("group_nesting_child").on("group_nesting").column("child_name").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("group_nesting").execute();
}
