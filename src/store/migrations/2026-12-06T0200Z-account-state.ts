/**
 * Sandi's own per-person record (`account`) apart from the built-in directory: admin lock, security hold,
 * must-change, preferred language and registration state move off `directory_user`, and sessions, verified methods
 * and admin roles hang on the account instead, so they work for people whose entry lives in LDAP. Existing built-in
 * users keep their ref: each gets an account with ref = entry id = `directory_user.ref` in directory `builtin`.
 * Also `reset_flow.writing_since`, when a flow entered WRITING, so housekeeping can end one stuck there.
 */
import { type Kysely, sql } from "kysely";

const MOVED_COLUMNS = ["admin_locked_at", "security_hold_at", "must_change_password", "preferred_lang"] as const;

/** The tables whose `user_ref` pointed at `directory_user` and now points at `account`. */
const ACCOUNT_CHILDREN = ["session", "verified_method", "admin_role"] as const;

async function createAccountTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account")
    .addColumn("ref", "text", (c) => c.primaryKey())
    .addColumn("directory_id", "text", (c) => c.notNull())
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("admin_locked_at", "timestamptz")
    .addColumn("security_hold_at", "timestamptz")
    .addColumn("must_change_password", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("preferred_lang", "text")
    .addColumn("registration_state", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("account_directory_entry", ["directory_id", "entry_id"])
    .execute();
}

/** One account per built-in user, carrying the state that used to sit on its row. */
async function copyBuiltinUsers(db: Kysely<any>): Promise<void> {
  await sql`insert into account (ref, directory_id, entry_id, admin_locked_at, security_hold_at,
      must_change_password, preferred_lang, registration_state, created_at)
    select u.ref, 'builtin', u.ref, u.admin_locked_at, u.security_hold_at, u.must_change_password, u.preferred_lang,
      case when exists (select 1 from verified_method m where m.user_ref = u.ref) then 'registered' else 'none' end,
      u.created_at
    from directory_user u`.execute(db);
}

async function repointForeignKeys(db: Kysely<any>): Promise<void> {
  for (const table of ACCOUNT_CHILDREN) {
    // PostgreSQL's default name for the foundation's unnamed `user_ref` foreign key.
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_user_ref_fkey`)}`.execute(db);
    await db.schema
      .alterTable(table)
      .addForeignKeyConstraint(`${table}_account_fkey`, ["user_ref"], "account", ["ref"], (c) => c.onDelete("cascade"))
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await createAccountTable(db);
  await copyBuiltinUsers(db);
  await repointForeignKeys(db);
  for (const column of MOVED_COLUMNS) await db.schema.alterTable("directory_user").dropColumn(column).execute();
  await db.schema.alterTable("reset_flow").addColumn("writing_since", "timestamptz").execute();
  await db.schema.createIndex("reset_flow_writing").on("reset_flow").column("writing_since").execute();
}
