/** Sandi's own per-person state in `account`, keyed by directory reference, with the person's admin roles. */
import { type Kysely, type Selectable, sql } from "kysely";
import type { AccountStore } from "../../domain/ports.js";
import { ADMIN_ROLES, type AccountState, type DirectoryReference, REGISTRATION_STATES } from "../../domain/users.js";
import type { Random } from "../../lib/random.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { AccountTable, Database } from "../database.js";
import { asLanguage, asNullable, asOneOf } from "./row-values.js";

type AccountRow = Selectable<AccountTable> & { roles: string[] };

/** Maps an `account` row and its roles to the domain's AccountState. */
export function accountRowToState(row: AccountRow): AccountState {
  return {
    ref: row.ref,
    directoryId: row.directory_id,
    entryId: row.entry_id,
    adminLocked: row.admin_locked_at !== null,
    securityHold: row.security_hold_at !== null,
    mustChangePassword: row.must_change_password,
    passwordCompromised: row.password_compromised_at !== null,
    preferredLanguage: asNullable(row.preferred_lang, (lang) => asLanguage(lang, "account.preferred_lang")),
    registration: asOneOf(REGISTRATION_STATES, row.registration_state, "account.registration_state"),
    registrationDates: {
      firstPromptAt: row.registration_first_prompt_at,
      confirmedAt: row.registration_confirmed_at,
      forcedAt: row.registration_forced_at,
      registeredAt: row.registered_at,
    },
    roles: row.roles.map((role) => asOneOf(ADMIN_ROLES, role, "admin_role.role")),
    temporaryPasswordAt: row.temporary_password_at,
  };
}

/** The account matching `where`, with its roles, in one statement (identify's timing must not depend on it). */
async function findOne(
  db: Kysely<Database>,
  where: { ref: string } | DirectoryReference,
): Promise<AccountState | null> {
  let query = db
    .selectFrom("account")
    .selectAll("account")
    .select(
      sql<
        string[]
      >`array(select distinct role from admin_role where admin_role.user_ref = account.ref order by role)`.as("roles"),
    );
  query =
    "ref" in where
      ? query.where("ref", "=", where.ref)
      : query.where("directory_id", "=", where.directoryId).where("entry_id", "=", where.entryId);
  const row = await query.executeTakeFirst();
  return row === undefined ? null : accountRowToState(row);
}

/**
 * The AccountStore over `db` (the pool, or a transaction). A new account's ref is a UUIDv7 from `random`, except
 * a built-in entry's, which keeps the entry's ref (the two tables then share one key, as before the split).
 */
export function createKyselyAccountStore(db: Kysely<Database>, deps: { random: Random }): AccountStore {
  return {
    findByRef: (ref) => findOne(db, { ref }),
    findByDirectoryReference: (reference) => findOne(db, reference),

    /** Inserts when missing; of two racing callers one inserts and both read the same row. */
    async findOrCreate(reference, now) {
      const found = await findOne(db, reference);
      if (found !== null) return found;
      const ref = reference.directoryId === "builtin" ? reference.entryId : uuidv7(now, deps.random);
      await db
        .insertInto("account")
        .values({ ref, directory_id: reference.directoryId, entry_id: reference.entryId, created_at: now })
        .onConflict((conflict) => conflict.columns(["directory_id", "entry_id"]).doNothing())
        .execute();
      const created = await findOne(db, reference);
      if (created === null) throw new Error("findOrCreate: the account vanished after its insert");
      return created;
    },

    async setAdminLock(ref, locked, now) {
      if (!locked) {
        await db.updateTable("account").set({ admin_locked_at: null }).where("ref", "=", ref).execute();
        return;
      }
      await db
        .updateTable("account")
        .set({ admin_locked_at: now })
        .where("ref", "=", ref)
        .where("admin_locked_at", "is", null)
        .execute();
    },

    async setSecurityHold(ref, held, now) {
      await db
        .updateTable("account")
        .set({ security_hold_at: held ? now : null })
        .where("ref", "=", ref)
        .execute();
    },

    /** Any new password (temporary or chosen) ends the compromised mark and the temporary one's mark too. */
    async setMustChangePassword(ref, mustChange) {
      await db
        .updateTable("account")
        .set({ must_change_password: mustChange, password_compromised_at: null, temporary_password_at: null })
        .where("ref", "=", ref)
        .execute();
    },

    async markTemporaryPassword(ref, at) {
      await db.updateTable("account").set({ temporary_password_at: at }).where("ref", "=", ref).execute();
    },

    async markPasswordCompromised(ref, now) {
      const marked = await db
        .updateTable("account")
        .set({ must_change_password: true, password_compromised_at: now })
        .where("ref", "=", ref)
        .where("password_compromised_at", "is", null)
        .executeTakeFirst();
      return marked.numUpdatedRows > 0n;
    },

    async setPreferredLanguage(ref, lang) {
      await db.updateTable("account").set({ preferred_lang: lang }).where("ref", "=", ref).execute();
    },

    async recordOwnPasswordChosen(ref, lang) {
      await db
        .updateTable("account")
        .set({
          must_change_password: false,
          password_compromised_at: null,
          temporary_password_at: null,
          preferred_lang: lang,
        })
        .where("ref", "=", ref)
        .execute();
    },

    async noteRegistrationPrompt(ref, now) {
      await db
        .updateTable("account")
        .set({ registration_first_prompt_at: now })
        .where("ref", "=", ref)
        .where("registration_first_prompt_at", "is", null)
        .execute();
    },

    async confirmRegistration(ref, now) {
      await db
        .updateTable("account")
        .set({ registration_confirmed_at: now, registration_forced_at: null })
        .where("ref", "=", ref)
        .execute();
    },

    /** Reaching "registered" the first time stamps `registered_at`, which the caller's audit event keys on. */
    async setRegistrationState(ref, state, now) {
      await db.updateTable("account").set({ registration_state: state }).where("ref", "=", ref).execute();
      if (state !== "registered") return false;
      const first = await db
        .updateTable("account")
        .set({ registered_at: now })
        .where("ref", "=", ref)
        .where("registered_at", "is", null)
        .executeTakeFirst();
      return first.numUpdatedRows > 0n;
    },

    async setRegistrationForced(ref, at) {
      await db.updateTable("account").set({ registration_forced_at: at }).where("ref", "=", ref).execute();
    },
  };
}
