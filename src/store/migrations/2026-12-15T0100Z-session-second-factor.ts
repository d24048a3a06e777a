/**
 * Admin portal sign-in (SPEC §2: password plus one non-question method, or a passkey alone): `session.second_factor_at`
 * records when the session last passed one of the user's registered non-question methods. Unlike `stepped_up_at`,
 * a password given again or a method newly added in the session never sets it, so the admin pages can tell a second
 * factor from a fresh password.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").addColumn("second_factor_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").dropColumn("second_factor_at").execute();
}
