/** The built-in directory: accounts in `directory_user`, passwords as Argon2id hashes with a history. */
import { type Kysely, type Selectable, sql } from "kysely";
import type { Directory, DirectoryUser, DirectoryWrites } from "../../domain/ports.js";
import { normaliseUserId } from "../../domain/user-id.js";
import { ADMIN_ROLES } from "../../domain/users.js";
import type { SecretHasher } from "../../lib/crypto/argon2id.js";
import type { Database, DirectoryUserTable } from "../database.js";
import { asLanguage, asNullable, asOneOf } from "./row-values.js";

/** Maps a `directory_user` row, its roles and its groups to the domain's DirectoryUser. */
export function directoryUserRowToUser(
  row: Selectable<DirectoryUserTable>,
  roles: readonly string[],
  groups: readonly string[],
): DirectoryUser {
  return {
    ref: row.ref,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    firstName: row.first_name,
    lastName: row.last_name,
    enabled: row.enabled,
    adminLocked: row.admin_locked_at !== null,
    securityHold: row.security_hold_at !== null,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: row.must_change_password,
    preferredLanguage: asNullable(row.preferred_lang, (lang) => asLanguage(lang, "directory_user.preferred_lang")),
    roles: roles.map((role) => asOneOf(ADMIN_ROLES, role, "admin_role.role")),
    groups,
  };
}

type UserRowWithMemberships = Selectable<DirectoryUserTable> & { roles: string[]; groups: string[] };

/**
 * The user matching `column = value`, with roles and groups, in ONE statement: a known and an unknown user ID cost
 * the same number of queries, so the identify step's timing does not tell them apart.
 */
async function findOneUser(
  db: Kysely<Database>,
  column: "user_id" | "ref",
  value: string,
): Promise<DirectoryUser | null> {
  const row: UserRowWithMemberships | undefined = await db
    .selectFrom("directory_user")
    .selectAll("directory_user")
    .select([
      sql<string[]>`array(select role from admin_role where admin_role.user_ref = directory_user.ref order by role)`.as(
        "roles",
      ),
      sql<
        string[]
      >`array(select group_name from group_member where group_member.user_ref = directory_user.ref order by group_name)`.as(
        "groups",
      ),
    ])
    .where(column, "=", value)
    .executeTakeFirst();
  return row === undefined ? null : directoryUserRowToUser(row, row.roles, row.groups);
}

async function findPasswordHash(db: Kysely<Database>, userRef: string): Promise<string | null> {
  const row = await db
    .selectFrom("directory_user")
    .select("password_hash")
    .where("ref", "=", userRef)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

async function findHistoryHashes(db: Kysely<Database>, userRef: string, depth: number): Promise<string[]> {
  if (depth <= 0) return [];
  const rows = await db
    .selectFrom("password_history")
    .select("password_hash")
    .where("user_ref", "=", userRef)
    .orderBy("id", "desc")
    .limit(depth)
    .execute();
  return rows.map((row) => row.password_hash);
}

/** True when `password` matches any hash; one verify per hash until a match. */
async function matchesAny(hasher: SecretHasher, hashes: readonly string[], password: string): Promise<boolean> {
  for (const stored of hashes) if (await hasher.verify(stored, password)) return true;
  return false;
}

/** The built-in Directory over `db` (the pool: its Argon2 work must never hold a transaction open). */
export function createBuiltinDirectory(db: Kysely<Database>, deps: { hasher: SecretHasher }): Directory {
  const { hasher } = deps;
  return {
    kind: "builtin",

    /** The user whose normalised user ID matches, with roles and groups; null when none does. */
    async findUserByUserId(userId) {
      return findOneUser(db, "user_id", normaliseUserId(userId));
    },

    /** The user with this ref, with roles and groups; null when none. */
    async findUserByRef(ref) {
      return findOneUser(db, "ref", ref);
    },

    /** One Argon2 verify either way: a user without a password burns a dummy verify and gets false. */
    async verifyPassword(user, password) {
      const stored = await findPasswordHash(db, user.ref);
      if (stored === null) {
        await hasher.verifyDummy(password);
        return false;
      }
      return hasher.verify(stored, password);
    },

    /** At most 1 + historyDepth verifies, then one hash, with no transaction open. */
    async preparePasswordWrite(user, password, historyDepth) {
      const current = await findPasswordHash(db, user.ref);
      if (current !== null && (await hasher.verify(current, password))) return { ok: false, reason: "SND-508" };
      const history = await findHistoryHashes(db, user.ref, historyDepth);
      if (await matchesAny(hasher, history, password)) return { ok: false, reason: "SND-506" };
      return { ok: true, write: { userRef: user.ref, passwordHash: await hasher.hash(password) } };
    },
  };
}

/** The built-in directory's writes over `db`, meant for a transaction. */
export function createKyselyDirectoryWrites(db: Kysely<Database>): DirectoryWrites {
  return {
    /**
     * Makes the prepared hash current: the previous one moves into the history, which keeps only the newest
     * `historyDepth`; the user row is locked first, so two writes for one user queue instead of interleaving.
     */
    async applyPasswordWrite(write, historyDepth, now) {
      const row = await db
        .selectFrom("directory_user")
        .select("password_hash")
        .where("ref", "=", write.userRef)
        .forUpdate()
        .executeTakeFirst();
      if (row === undefined) throw new Error(`applyPasswordWrite: no user ${write.userRef}`);
      if (row.password_hash !== null && historyDepth > 0)
        await db
          .insertInto("password_history")
          .values({ user_ref: write.userRef, password_hash: row.password_hash, created_at: now })
          .execute();
      await trimPasswordHistory(db, write.userRef, historyDepth);
      await db
        .updateTable("directory_user")
        .set({ password_hash: write.passwordHash, password_changed_at: now, must_change_password: false })
        .where("ref", "=", write.userRef)
        .execute();
    },

    /** Stores the user's language for pages and messages. */
    async setPreferredLanguage(userRef, lang) {
      await db.updateTable("directory_user").set({ preferred_lang: lang }).where("ref", "=", userRef).execute();
    },

    /** Sets the admin lock until `sandi user unlock`; an account locked already keeps its first lock time. */
    async lockAccount(userRef, now) {
      await db
        .updateTable("directory_user")
        .set({ admin_locked_at: now })
        .where("ref", "=", userRef)
        .where("admin_locked_at", "is", null)
        .execute();
    },
  };
}

/** Deletes all but the newest `depth` history hashes of the user. */
async function trimPasswordHistory(db: Kysely<Database>, userRef: string, depth: number): Promise<void> {
  await db
    .deleteFrom("password_history")
    .where("user_ref", "=", userRef)
    .where("id", "not in", (eb) =>
      eb
        .selectFrom("password_history")
        .select("id")
        .where("user_ref", "=", userRef)
        .orderBy("id", "desc")
        .limit(Math.max(0, depth)),
    )
    .execute();
}
