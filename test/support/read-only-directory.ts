/**
 * A test-only directory that Sandi cannot manage (no users or groups of its own, no lockout), whose entries live in
 * memory under ids unlike any account ref, and whose password write can be refused on demand: the reset journey
 * tests run against it to prove the flows need nothing of the built-in directory.
 */
import type { Directory, DirectoryEntry, PasswordWriteRefusal, PasswordWriteResult } from "../../src/domain/ports.js";
import { normaliseUserId } from "../../src/domain/user-id.js";
import type { SecretHasher } from "../../src/lib/crypto/argon2id.js";

export const READ_ONLY_DIRECTORY_ID = "read-only-test";

export interface NewTestEntry {
  readonly userId: string;
  readonly email: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly enabled: boolean;
  readonly groups: readonly string[];
  readonly password: string;
}

export interface ReadOnlyTestDirectory extends Directory {
  /** Adds an entry (as the organisation's own directory tooling would) and returns its entry id. */
  add(entry: NewTestEntry): Promise<string>;
  /** Puts the entry into a group. */
  addToGroup(entryId: string, group: string): void;
  /** The next writes answer `refusal` until this is called with null. */
  refuseWrites(refusal: PasswordWriteRefusal | null): void;
  /** Passwords written so far (counted, never kept). */
  readonly writesDone: () => number;
}

interface StoredEntry {
  entry: DirectoryEntry;
  passwordHash: string;
}

/** The read-only test directory, hashing with the process's one `hasher`. */
export function createReadOnlyTestDirectory(hasher: SecretHasher): ReadOnlyTestDirectory {
  const entries = new Map<string, StoredEntry>();
  let refusal: PasswordWriteRefusal | null = null;
  let writes = 0;
  const byUserId = (userId: string) =>
    [...entries.values()].find((stored) => stored.entry.userId === normaliseUserId(userId)) ?? null;
  return {
    id: READ_ONLY_DIRECTORY_ID,
    kind: "test",
    capabilities: { manageUsers: false, manageGroups: false, keepsHistory: false, canUnlock: false },

    findEntryByUserId: (userId) => Promise.resolve(byUserId(userId)?.entry ?? null),
    findEntryById: (entryId) => Promise.resolve(entries.get(entryId)?.entry ?? null),

    async verifyPassword(entry, password) {
      const stored = entries.get(entry.entryId);
      if (stored === undefined) {
        await hasher.verifyDummy(password);
        return false;
      }
      return hasher.verify(stored.passwordHash, password);
    },

    /** Same-as-current is the one check it makes itself; anything else it refuses only when told to. */
    async setPassword(entry, plaintext, context): Promise<PasswordWriteResult> {
      const stored = entries.get(entry.entryId);
      if (stored === undefined) return { ok: false, reason: "SND-510", rule: "no such entry" };
      if (refusal !== null) return refusal;
      if (await hasher.verify(stored.passwordHash, plaintext)) return { ok: false, reason: "SND-508" };
      stored.passwordHash = await hasher.hash(plaintext);
      stored.entry = { ...stored.entry, passwordChangedAt: context.now };
      writes += 1;
      return { ok: true };
    },

    lockState: () => Promise.resolve({ locked: false }),
    unlock: () => Promise.resolve("unsupported"),

    async add(input) {
      const entryId = `cn=${normaliseUserId(input.userId)},ou=people`;
      const entry: DirectoryEntry = {
        entryId,
        userId: normaliseUserId(input.userId),
        email: input.email,
        displayName: `${input.firstName} ${input.lastName}`,
        firstName: input.firstName,
        lastName: input.lastName,
        enabled: input.enabled,
        passwordChangedAt: null,
        groups: [...input.groups],
      };
      entries.set(entryId, { entry, passwordHash: await hasher.hash(input.password) });
      return entryId;
    },

    addToGroup(entryId, group) {
      const stored = entries.get(entryId);
      if (stored === undefined) throw new Error(`no entry ${entryId}`);
      stored.entry = { ...stored.entry, groups: [...new Set([...stored.entry.groups, group])].sort() };
    },

    refuseWrites(next) {
      refusal = next;
    },
    writesDone: () => writes,
  };
}
