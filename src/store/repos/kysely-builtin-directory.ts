/** The built-in directory: entries in `directory_user`, passwords as Argon2id hashes with a history. */
import { type Kysely, type Selectable, sql } from "kysely";
import type { Directory, DirectoryCapabilities, DirectoryEntry } from "../../domain/ports.js";
import { normaliseUserId } from "../../domain/user-id.js";
import { admitHashing, type SecretHasher } from "../../lib/crypto/argon2id.js";
import { hashPassword, isPasswordMatch, matchPassword, matchPasswordDummy } from "../../lib/crypto/password-hash.js";
import type { Database, DirectoryUserTable } from "../database.js";
import { findPasswordAndHistory, findPasswordHash, storePasswordHash } from "./builtin-password-rows.js";

/** The built-in directory's id, the `directory_id` of its accounts. */
export const BUILTIN_DIRECTORY_ID = "builtin";

/** Sandi manages built-in users and groups and keeps their history; there is no directory lockout to lift. */
const BUILTIN_CAPABILITIES: DirectoryCapabilities = {
  manageUsers: true,
  manageGroups: true,
  keepsHistory: true,
  canUnlock: false,
};

/** Maps a `directory_user` row and its groups to the domain's DirectoryEntry. */
export function directoryUserRowToEntry(
  row: Selectable<DirectoryUserTable>,
  groups: readonly string[],
): DirectoryEntry {
  return {
    entryId: row.ref,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    firstName: row.first_name,
    lastName: row.last_name,
    enabled: row.enabled,
    passwordChangedAt: row.password_changed_at,
    groups,
  };
}

/** Nested membership counts up to this depth (SPEC §3 `scopeGroups`). */
export const GROUP_NESTING_DEPTH = 10;

/**
 * The groups of the outer query's `directory_user` row: its own, and every group containing one of them, at most
 * 10 levels up. `union` (not `union all`) drops repeats, so a cycle an older version let in cannot loop.
 */
export function groupsOfUser() {
  return sql<string[]>`array(
    with recursive member_of(name, depth) as (
      select group_name, 1 from group_member where group_member.user_ref = directory_user.ref
      union
      select group_nesting.parent_name, member_of.depth + 1
        from group_nesting join member_of on group_nesting.child_name = member_of.name
        where member_of.depth < ${GROUP_NESTING_DEPTH}
    )
    select distinct name from member_of order by name
  )`;
}

/**
 * The entry matching `column = value`, with its groups, in ONE statement: a known and an unknown user ID cost the
 * same number of queries, so the identify step's timing does not tell them apart.
 */
async function findOneEntry(
  db: Kysely<Database>,
  column: "user_id" | "ref",
  value: string,
): Promise<DirectoryEntry | null> {
  const row = await db
    .selectFrom("directory_user")
    .selectAll("directory_user")
    .select(groupsOfUser().as("groups"))
    .where(column, "=", value)
    .executeTakeFirst();
  return row === undefined ? null : directoryUserRowToEntry(row, row.groups);
}

/** True when `password` matches any hash (NFC, or raw for old hashes); one compare per hash until a match. */
async function matchesAny(hasher: SecretHasher, hashes: readonly string[], password: string): Promise<boolean> {
  for (const stored of hashes) if (await isPasswordMatch(hasher, stored, password)) return true;
  return false;
}

/**
 * Replaces a hash of the raw (pre-NFC) form with one of the NFC form, in place: the same password, so no history
 * entry and no new change time. Only while the row still holds `stored`, so a password set meanwhile wins.
 */
async function rehashPassword(
  db: Kysely<Database>,
  hasher: SecretHasher,
  rehash: { entryId: string; stored: string; password: string },
): Promise<void> {
  const passwordHash = await hashPassword(hasher, rehash.password);
  await db
    .updateTable("directory_user")
    .set({ password_hash: passwordHash })
    .where("ref", "=", rehash.entryId)
    .where("password_hash", "=", rehash.stored)
    .execute();
}

/**
 * The built-in Directory over `db` (the pool: its Argon2 work must never hold a transaction open), hashing with the
 * process's one `hasher` (one concurrency limit for every Argon2 caller).
 */
export function createBuiltinDirectory(db: Kysely<Database>, deps: { hasher: SecretHasher }): Directory {
  const { hasher } = deps;
  return {
    id: BUILTIN_DIRECTORY_ID,
    kind: "builtin",
    capabilities: BUILTIN_CAPABILITIES,

    /** The entry whose normalised user ID matches, with groups; null when none does. */
    findEntryByUserId: (userId) => findOneEntry(db, "user_id", normaliseUserId(userId)),

    /** The entry with this ref, with groups; null when none. */
    findEntryById: (entryId) => findOneEntry(db, "ref", entryId),

    /**
     * The same Argon2 work either way (an entry without a password burns dummy verifies and gets false); a match on
     * a hash of the raw pre-NFC form is rehashed in the NFC form.
     */
    async verifyPassword(entry, password) {
      const stored = await findPasswordHash(db, entry.entryId);
      return admitHashing(hasher, async (admitted) => {
        if (stored === null) {
          await matchPasswordDummy(admitted, password);
          return false;
        }
        const matched = await matchPassword(admitted, stored, password);
        if (matched === "match_rehash")
          await rehashPassword(db, admitted, { entryId: entry.entryId, stored, password });
        return matched !== "mismatch";
      });
    },

    /** At most 1 + historyDepth verifies and one hash with no transaction open, then one statement. */
    async setPassword(entry, plaintext, context) {
      const { current, history } = await findPasswordAndHistory(db, entry.entryId, context.historyDepth);
      // One admission for all the hashes: refused before the first (a 503), never halfway through.
      const passwordHash = await admitHashing(hasher, async (admitted) => {
        if (current !== null && (await isPasswordMatch(admitted, current, plaintext))) return "SND-508" as const;
        if (await matchesAny(admitted, history, plaintext)) return "SND-506" as const;
        return hashPassword(admitted, plaintext);
      });
      if (passwordHash === "SND-508" || passwordHash === "SND-506") return { ok: false, reason: passwordHash };
      await storePasswordHash(db, { entryId: entry.entryId, passwordHash, ...context });
      return { ok: true };
    },

    /** The built-in directory has no lockout of its own: Sandi's admin lock lives on the account. */
    lockState: () => Promise.resolve({ locked: false }),
    unlock: () => Promise.resolve("unsupported"),
  };
}
