/**
 * Users and groups in the admin portal (issue 12 item 5): a built-in user's mobile and office phone numbers (the
 * directory contact attributes SPEC §15 reads from LDAP as `mobile` and `telephoneNumber`), and `user_import_job`,
 * one CSV import's progress and per-row errors, updated as it runs so its page can show a progress bar.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("directory_user").addColumn("mobile_phone", "text").execute();
  await db.schema.alterTable("directory_user").addColumn("office_phone", "text").execute();
  await db.schema
    .createTable("user_import_job")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("dry_run", "boolean", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("total_rows", "integer", (c) => c.notNull())
    .addColumn("processed_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_users", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("row_errors", "jsonb", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("user_import_job_created").on("user_import_job").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("user_import_job").execute();
  await db.schema.alterTable("directory_user").dropColumn("office_phone").execute();
  await db.schema.alterTable("directory_user").dropColumn("mobile_phone").execute();
}
