/**
 * `account.password_compromised_at`: when a sign-in found the account's password refused by the global banned list
 * (SPEC §18, evidence of compromise). Set with must-change; any new password clears both, so the change-password
 * page can say why it comes first: a temporary password from an administrator, or a password that is too common.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account").addColumn("password_compromised_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account").dropColumn("password_compromised_at").execute();
}
