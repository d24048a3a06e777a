/** The built-in Directory: the common contract, then what only it does (Argon2id, trimmed history, few verifies). */
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { createArgon2idHasher } from "../../src/lib/crypto/argon2id.js";
import type { Database } from "../../src/store/database.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { storePasswordHash } from "../../src/store/repos/builtin-password-rows.js";
import { createBuiltinDirectory } from "../../src/store/repos/kysely-builtin-directory.js";
import { createKyselyDirectoryAdmin } from "../../src/store/repos/kysely-directory-admin.js";
import type { TestDatabase } from "../support/test-databases.js";
import { describeDirectoryContract } from "./directory.contract.js";
import { at, createCountingHasher, insertUser, T0, unique, useSharedDatabase } from "./store-fixtures.js";

async function historyOf(db: Kysely<Database>, userRef: string): Promise<string[]> {
  const rows = await db
    .selectFrom("password_history")
    .select("password_hash")
    .where("user_ref", "=", userRef)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.password_hash);
}

/** Sets passwords one after another through the directory, as resets do. */
async function changePasswords(
  db: Kysely<Database>,
  entryId: string,
  passwords: readonly string[],
  depth: number,
): Promise<void> {
  const directory = createBuiltinDirectory(db, { hasher: createCountingHasher() });
  const entry = await directory.findEntryById(entryId);
  if (entry === null) throw new Error("no entry");
  for (const [index, password] of passwords.entries()) {
    const written = await directory.setPassword(entry, password, {
      historyDepth: depth,
      cause: "self_reset",
      now: at(index),
    });
    if (!written.ok) throw new Error(`refused ${password}: ${written.reason}`);
  }
}

/** Adds groups (created when missing) and their memberships for a built-in entry. */
async function addGroups(db: Kysely<Database>, ref: string, groups: readonly string[]): Promise<void> {
  for (const group of groups) {
    await db
      .insertInto("directory_group")
      .values({ name: group, created_at: T0 })
      .onConflict((conflict) => conflict.column("name").doNothing())
      .execute();
    await db.insertInto("group_member").values({ group_name: group, user_ref: ref }).execute();
  }
}

/** Registers the built-in Directory contract for `database`. */
export function describeBuiltinDirectoryContract(database: TestDatabase): void {
  describe("built-in Directory", () => {
    const shared = useSharedDatabase(database);

    describeDirectoryContract("built-in", () => ({
      directory: createBuiltinDirectory(shared.db, { hasher: createCountingHasher() }),
      addEntry: async ({ userId, password, groups }) => {
        const ref = await insertUser(shared.db, { user_id: userId, password_hash: `fake$${password}` });
        await addGroups(shared.db, ref, groups);
        return ref;
      },
    }));

    it("a user's groups include every group containing theirs, nested up to depth 10 and no deeper", async () => {
      const ref = await insertUser(shared.db);
      const chain = Array.from({ length: 12 }, (_, index) => unique(`level${String(index + 1)}`));
      for (const name of chain)
        await shared.db.insertInto("directory_group").values({ name, created_at: T0 }).execute();
      await shared.db
        .insertInto("group_member")
        .values({ group_name: chain[0] ?? "", user_ref: ref })
        .execute();
      const admin = createKyselyDirectoryAdmin(shared.db, { random: createSecureRandom() });
      for (let level = 1; level < chain.length; level++)
        expect((await admin.addSubgroup(chain[level] ?? "", chain[level - 1] ?? "")).ok).toBe(true);
      const entry = await createBuiltinDirectory(shared.db, { hasher: createCountingHasher() }).findEntryById(ref);
      expect([...(entry?.groups ?? [])].sort()).toEqual(chain.slice(0, 10).sort());
    });

    it("refuses a nesting that would make a group contain itself", async () => {
      const [outer, middle, inner] = ["outer", "middle", "inner"].map((name) => unique(name));
      for (const name of [outer, middle, inner])
        await shared.db
          .insertInto("directory_group")
          .values({ name: name ?? "", created_at: T0 })
          .execute();
      const admin = createKyselyDirectoryAdmin(shared.db, { random: createSecureRandom() });
      expect((await admin.addSubgroup(outer ?? "", middle ?? "")).ok).toBe(true);
      expect((await admin.addSubgroup(middle ?? "", inner ?? "")).ok).toBe(true);
      expect(await admin.addSubgroup(inner ?? "", outer ?? "")).toEqual({ ok: false, reason: "cycle" });
      expect(await admin.addSubgroup(outer ?? "", outer ?? "")).toEqual({ ok: false, reason: "cycle" });
      expect(await admin.addSubgroup(outer ?? "", middle ?? "")).toEqual({ ok: false, reason: "already" });
      expect(await admin.addSubgroup(outer ?? "", "no-such-group")).toEqual({ ok: false, reason: "no_group" });
    });

    it("a user without a password costs a dummy verify and fails", async () => {
      const hasher = createCountingHasher();
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const without = await directory.findEntryById(await insertUser(shared.db));
      if (without === null) throw new Error("entry missing");
      expect(await directory.verifyPassword(without, "anything")).toBe(false);
      expect(hasher.operations).toEqual(["verifyDummy"]);
    });

    it("refuses the current password (SND-508) after one verify, and one from the history (SND-506)", async () => {
      const ref = await insertUser(shared.db);
      await changePasswords(shared.db, ref, ["first-pass", "second-pass", "third-pass"], 5);
      const hasher = createCountingHasher();
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const entry = await directory.findEntryById(ref);
      if (entry === null) throw new Error("no entry");
      const context = { historyDepth: 5, cause: "self_reset", now: at(10) } as const;
      expect(await directory.setPassword(entry, "third-pass", context)).toEqual({ ok: false, reason: "SND-508" });
      expect(hasher.operations).toEqual(["verify"]);
      expect(await directory.setPassword(entry, "first-pass", context)).toEqual({ ok: false, reason: "SND-506" });
    });

    it("checks only the newest `historyDepth` history hashes: 1 + depth verifies, then one hash", async () => {
      const ref = await insertUser(shared.db);
      await changePasswords(shared.db, ref, ["p1", "p2", "p3", "p4"], 5);
      const hasher = createCountingHasher();
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const entry = await directory.findEntryById(ref);
      if (entry === null) throw new Error("no entry");
      expect(await directory.setPassword(entry, "p1", { historyDepth: 2, cause: "self_reset", now: at(10) })).toEqual({
        ok: true,
      });
      expect(hasher.operations).toEqual(["verify", "verify", "verify", "hash"]);
    });

    it("a write moves the previous hash into the history, trimmed to the depth; the new hash is current", async () => {
      const ref = await insertUser(shared.db, { password_hash: "fake$p0" });
      await changePasswords(shared.db, ref, ["p1", "p2", "p3"], 5);
      expect(await historyOf(shared.db, ref)).toEqual(["fake$p0", "fake$p1", "fake$p2"]);
      await storePasswordHash(shared.db, { entryId: ref, passwordHash: "fake$p4", historyDepth: 2, now: at(100) });
      expect(await historyOf(shared.db, ref)).toEqual(["fake$p2", "fake$p3"]);
      const entry = await createBuiltinDirectory(shared.db, { hasher: createCountingHasher() }).findEntryById(ref);
      expect(entry?.passwordChangedAt).toEqual(at(100));
      const row = await shared.db
        .selectFrom("directory_user")
        .select("password_hash")
        .where("ref", "=", ref)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toBe("fake$p4");
      await storePasswordHash(shared.db, { entryId: ref, passwordHash: "fake$p5", historyDepth: 0, now: at(200) });
      expect(await historyOf(shared.db, ref)).toEqual([]);
    });

    it("refuses to write the password of an entry that does not exist", async () => {
      await expect(
        storePasswordHash(shared.db, { entryId: "no-such-ref", passwordHash: "fake$x", historyDepth: 5, now: T0 }),
      ).rejects.toThrow(/no entry/);
    });

    it("with the real hasher, writes Argon2id hashes with SPEC's parameters", async () => {
      const hasher = createArgon2idHasher({ maxInFlight: 2, maxWaiting: 10 });
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const ref = await insertUser(shared.db);
      const entry = await directory.findEntryById(ref);
      if (entry === null) throw new Error("no entry");
      const context = { historyDepth: 5, cause: "self_reset", now: T0 } as const;
      expect(await directory.setPassword(entry, "correct horse battery", context)).toEqual({ ok: true });
      const row = await shared.db
        .selectFrom("directory_user")
        .select("password_hash")
        .where("ref", "=", ref)
        .executeTakeFirstOrThrow();
      expect(row.password_hash?.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
      expect(await directory.verifyPassword(entry, "correct horse battery")).toBe(true);
      expect(await directory.setPassword(entry, "correct horse battery", context)).toEqual({
        ok: false,
        reason: "SND-508",
      });
    });
  });
}
