/**
 * Seeds a directory for the simulation benchmark: `count` built-in users in batches, each in one of 20 teams nested
 * under 4 divisions under "everyone" (SPEC §3's nesting), about 1 in 100 an admin, with a mix of verified methods
 * (none, email, email + SMS, email + authenticator app, passkey + email + SMS) and 1 in 10 not yet met by Sandi.
 */
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../src/store/database.js";

const BATCH = 1000;
const T0 = new Date("2026-12-01T08:00:00Z");
export const TEAMS = Array.from({ length: 20 }, (_, index) => `team-${String(index)}`);
export const DIVISIONS = ["division-a", "division-b", "division-c", "division-d"];
const METHOD_MIXES: readonly (readonly string[])[] = [
  [],
  ["email"],
  ["email", "sms"],
  ["email", "totp"],
  ["passkey", "email", "sms"],
];

async function insertGroups(db: Kysely<Database>): Promise<void> {
  const names = ["everyone", ...DIVISIONS, ...TEAMS];
  await db
    .insertInto("directory_group")
    .values(names.map((name) => ({ name, description: "", created_at: T0 })))
    .execute();
  const nesting = [
    ...DIVISIONS.map((division) => ({ parent_name: "everyone", child_name: division })),
    ...TEAMS.map((team, index) => ({ parent_name: DIVISIONS[index % 4] ?? "division-a", child_name: team })),
  ];
  await db.insertInto("group_nesting").values(nesting).execute();
}

function rowsOfBatch(start: number, size: number) {
  const users: Insertable<Database["directory_user"]>[] = [];
  const accounts: Insertable<Database["account"]>[] = [];
  const members: Insertable<Database["group_member"]>[] = [];
  const roles: Insertable<Database["admin_role"]>[] = [];
  const methods: Insertable<Database["verified_method"]>[] = [];
  for (let index = start; index < start + size; index += 1) {
    const ref = `bench-${String(index).padStart(6, "0")}`;
    users.push({
      ref,
      user_id: `${ref}@bench.example`,
      email: `${ref}@mail.example`,
      display_name: `Bench ${String(index)}`,
      first_name: "Bench",
      last_name: String(index),
      password_hash: null,
      created_at: T0,
    });
    members.push({ group_name: TEAMS[index % TEAMS.length] ?? "team-0", user_ref: ref });
    // Methods and roles hang on the account: a person Sandi has not met yet has neither.
    if (index % 10 === 9) continue;
    accounts.push({ ref, directory_id: "builtin", entry_id: ref, created_at: T0 });
    if (index % 100 === 0) roles.push({ user_ref: ref, role: "helpdesk_admin", granted_at: T0 });
    const mix = METHOD_MIXES[index % METHOD_MIXES.length] ?? [];
    mix.forEach((method, position) =>
      methods.push({
        id: `${ref}-m${String(position)}`,
        user_ref: ref,
        method,
        value: method === "email" ? `${ref}@mail.example` : "",
        label: null,
        created_at: T0,
        last_used_at: null,
        counter: 0,
      }),
    );
  }
  return { users, accounts, members, roles, methods };
}

/** Inserts the groups and `count` users with their accounts, memberships, roles and methods. */
export async function seedPopulation(db: Kysely<Database>, count: number): Promise<void> {
  await insertGroups(db);
  for (let start = 0; start < count; start += BATCH) {
    const rows = rowsOfBatch(start, Math.min(BATCH, count - start));
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("directory_user").values(rows.users).execute();
      if (rows.accounts.length > 0) await trx.insertInto("account").values(rows.accounts).execute();
      await trx.insertInto("group_member").values(rows.members).execute();
      if (rows.roles.length > 0) await trx.insertInto("admin_role").values(rows.roles).execute();
      if (rows.methods.length > 0) await trx.insertInto("verified_method").values(rows.methods).execute();
    });
  }
}
