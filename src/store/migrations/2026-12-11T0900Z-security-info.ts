/**
 * Security-info registration (issue 10, SPEC §4–5):
 * - `verified_method` holds every kind of method: a sealed secret (TOTP), a passkey's credential id and public key,
 *   a counter (TOTP: last accepted time step; passkey: signature counter), an office extension, and `details`
 *   (JSON: phone metadata, passkey transports, question ids with answer hashes), plus when it was verified;
 * - `recovery_code`: one row per code of a recovery-code set, its secret only as a keyed hash, spent once;
 * - `registration_challenge`: an unfinished verification (a code sent to a new address, a TOTP secret waiting for its
 *   first code, a passkey ceremony) or a step-up in progress; dropped after 10 minutes;
 * - `method_event`: the method history (NIST SP 800-63B rev 4): every add, change, removal and use, never a secret;
 * - `account` gains the registration interrupt's dates and the forced re-registration mark;
 * - `session.stepped_up_at`: when the session last passed a step-up (SPEC §5.1's 10-minute freshness).
 */
import { type Kysely, sql } from "kysely";

async function extendVerifiedMethod(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("verified_method")
    .addColumn("secret", "bytea")
    .addColumn("credential_id", "text")
    .addColumn("counter", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("extension", "text")
    .addColumn("details", "jsonb")
    .addColumn("verified_at", "timestamptz")
    .execute();
  await sql`update verified_method set verified_at = created_at`.execute(db);
  await db.schema
    .createIndex("verified_method_credential")
    .unique()
    .on("verified_method")
    .column("credential_id")
    .where(sql.ref("credential_id"), "is not", null)
    .execute();
}

async function createRecoveryCode(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("recovery_code")
    .addColumn("method_id", "text", (c) => c.notNull().references("verified_method.id").onDelete("cascade"))
    .addColumn("lookup", "text", (c) => c.notNull())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addPrimaryKeyConstraint("recovery_code_pk", ["method_id", "lookup"])
    .execute();
}

async function createRegistrationChallenge(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registration_challenge")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_ref", "text", (c) => c.notNull().references("account.ref").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("replaces_id", "text")
    .addColumn("code_hmac", "bytea")
    .addColumn("key_id", "text")
    .addColumn("payload", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sends", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("code_expires_at", "timestamptz")
    .addColumn("drop_at", "timestamptz", (c) => c.notNull())
    .addColumn("consumed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("registration_challenge_session")
    .on("registration_challenge")
    .columns(["session_id", "purpose"])
    .execute();
  await db.schema.createIndex("registration_challenge_drop").on("registration_challenge").column("drop_at").execute();
}

async function createMethodEvent(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("method_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_ref", "text", (c) => c.notNull().references("account.ref").onDelete("cascade"))
    .addColumn("method_ref", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("masked", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("method_event_user").on("method_event").columns(["user_ref", "at"]).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await extendVerifiedMethod(db);
  await createRecoveryCode(db);
  await createRegistrationChallenge(db);
  await createMethodEvent(db);
  await db.schema
    .alterTable("account")
    .addColumn("registration_first_prompt_at", "timestamptz")
    .addColumn("registration_confirmed_at", "timestamptz")
    .addColumn("registration_forced_at", "timestamptz")
    .addColumn("registered_at", "timestamptz")
    .execute();
  // Accounts already registered (the demo's) count as confirmed when they registered.
  await sql`update account set registered_at = created_at, registration_confirmed_at = created_at
    where registration_state = 'registered'`.execute(db);
  await db.schema.alterTable("session").addColumn("stepped_up_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").dropColumn("stepped_up_at").execute();
  for (const column of ["registration_first_prompt_at", "registration_confirmed_at", "registration_forced_at"])
    await db.schema.alterTable("account").dropColumn(column).execute();
  await db.schema.alterTable("account").dropColumn("registered_at").execute();
  await db.schema.dropTable("method_event").execute();
  await db.schema.dropTable("registration_challenge").execute();
  await db.schema.dropTable("recovery_code").execute();
  await db.schema.dropIndex("verified_method_credential").execute();
  for (const column of ["secret", "credential_id", "counter", "extension", "details", "verified_at"])
    await db.schema.alterTable("verified_method").dropColumn(column).execute();
}
