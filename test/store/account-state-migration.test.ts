/**
 * Threat: the account-state migration loses people's security info. A database at the foundation with users,
 * sessions, verified methods and roles migrates up and keeps all of them, the moved state on the new accounts.
 */
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { migrationProvider } from "../../src/store/migrations/index.js";

const T0 = new Date("2026-11-30T08:00:00.000Z");
const T1 = new Date("2026-12-01T09:30:00.000Z");

/** Two foundation-era users: one with every kind of state, one plain. */
async function seedFoundation(db: Kysely<Database>): Promise<void> {
  await sql`insert into directory_user (ref, user_id, display_name, first_name, last_name, password_hash,
      admin_locked_at, security_hold_at, must_change_password, preferred_lang, created_at)
    values ('u-ana', 'ana@contoh.example', 'Ana A', 'Ana', 'A', 'hash-ana', ${T1}, ${T1}, true, 'id', ${T0}),
           ('u-budi', 'budi@contoh.example', 'Budi B', 'Budi', 'B', 'hash-budi', null, null, false, null, ${T0})`.execute(
    db,
  );
  await sql`insert into session (id, secret_hash, user_ref, signed_in_with, created_at, last_seen_at, expires_at, ip,
      client) values ('s-1', '\\x01', 'u-ana', 'password', ${T0}, ${T0}, ${T1}, '192.0.2.1', 'Firefox')`.execute(db);
  await sql`insert into verified_method (id, user_ref, method, value, created_at)
    values ('m-1', 'u-ana', 'email', 'ana@mail.example', ${T0})`.execute(db);
  await sql`insert into admin_role (user_ref, role, granted_at) values ('u-budi', 'helpdesk_admin', ${T0})`.execute(db);
  await sql`insert into password_history (user_ref, password_hash, created_at)
    values ('u-ana', 'old-hash-ana', ${T0})`.execute(db);
}

describe("migration 2026-12-06T0200Z-account-state", () => {
  const pglite = new PGlite();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  beforeAll(async () => {
    const migrator = new Migrator({ db, provider: migrationProvider });
    const { error } = await migrator.migrateTo("2026-11-26T1400Z-foundation");
    if (error !== undefined) throw error instanceof Error ? error : new Error("migration to the foundation failed");
    await seedFoundation(db);
    // Up to this migration only: later ones add columns the row comparisons below do not name.
    const upTo = await migrator.migrateTo("2026-12-10T0900Z-password-compromised");
    if (upTo.error !== undefined) throw upTo.error instanceof Error ? upTo.error : new Error("migration failed");
  });
  afterAll(async () => db.destroy());

  it("gives every built-in user an account with the same ref, carrying lock, hold, must-change, language and registration", async () => {
    const accounts = await db.selectFrom("account").selectAll().orderBy("ref").execute();
    expect(accounts).toEqual([
      {
        ref: "u-ana",
        directory_id: "builtin",
        entry_id: "u-ana",
        admin_locked_at: T1,
        security_hold_at: T1,
        must_change_password: true,
        preferred_lang: "id",
        registration_state: "registered",
        created_at: T0,
        // Added by 2026-12-10T0900Z-password-compromised, which runs after this one.
        password_compromised_at: null,
      },
      {
        ref: "u-budi",
        directory_id: "builtin",
        entry_id: "u-budi",
        admin_locked_at: null,
        security_hold_at: null,
        must_change_password: false,
        preferred_lang: null,
        registration_state: "none",
        created_at: T0,
        password_compromised_at: null,
      },
    ]);
  });

  it("keeps sessions, verified methods, roles, password hashes and history", async () => {
    expect(await db.selectFrom("session").select(["id", "user_ref"]).execute()).toEqual([
      { id: "s-1", user_ref: "u-ana" },
    ]);
    expect(await db.selectFrom("verified_method").select(["id", "user_ref"]).execute()).toEqual([
      { id: "m-1", user_ref: "u-ana" },
    ]);
    expect(await db.selectFrom("admin_role").select(["user_ref", "role"]).execute()).toEqual([
      { user_ref: "u-budi", role: "helpdesk_admin" },
    ]);
    const users = await db.selectFrom("directory_user").select(["ref", "password_hash"]).orderBy("ref").execute();
    expect(users).toEqual([
      { ref: "u-ana", password_hash: "hash-ana" },
      { ref: "u-budi", password_hash: "hash-budi" },
    ]);
    expect(await db.selectFrom("password_history").select("password_hash").execute()).toEqual([
      { password_hash: "old-hash-ana" },
    ]);
  });

  it("sessions, methods and roles now hang on the account: an account's deletion takes them along", async () => {
    await db.deleteFrom("account").where("ref", "=", "u-ana").execute();
    expect(await db.selectFrom("session").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("verified_method").select("id").execute()).toEqual([]);
    // The directory entry is the directory's: it stays.
    expect(await db.selectFrom("directory_user").select("ref").where("ref", "=", "u-ana").execute()).toHaveLength(1);
  });

  it("refuses a session for a ref no account has", async () => {
    await expect(
      sql`insert into session (id, secret_hash, user_ref, signed_in_with, created_at, last_seen_at, expires_at, ip,
        client) values ('s-2', '\\x01', 'u-nobody', 'password', ${T0}, ${T0}, ${T1}, '192.0.2.1', 'x')`.execute(db),
    ).rejects.toThrow(/foreign key/);
  });
});
