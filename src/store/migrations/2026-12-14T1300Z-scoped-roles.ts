/**
 * `admin_role.scope_group`: a role limited to the members of one group (nested membership counts), like Entra's
 * administrative units. Existing rows stay unscoped (null). A user may hold one role unscoped and scoped to several
 * groups, so the key becomes (user, role, scope) with null as its own value; deleting the group deletes its scoped
 * assignments rather than widening them to everyone.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("admin_role")
    .addColumn("scope_group", "text", (c) => c.references("directory_group.name").onDelete("cascade"))
    .execute();
  await db.schema.alterTable("admin_role").dropConstraint("admin_role_pk").execute();
  await sql`create unique index admin_role_assignment on admin_role (user_ref, role, coalesce(scope_group, ''))`.execute(
    db,
  );
  await db.schema.createIndex("admin_role_user").on("admin_role").column("user_ref").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("admin_role").where("scope_group", "is not", null).execute();
  await db.schema.dropIndex("admin_role_user").execute();
  await db.schema.dropIndex("admin_role_assignment").execute();
  await db.schema.alterTable("admin_role").dropColumn("scope_group").execute();
  await db.schema.alterTable("admin_role").addPrimaryKeyConstraint("admin_role_pk", ["user_ref", "role"]).execute();
}
