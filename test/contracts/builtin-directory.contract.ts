/** The built-in Directory contract: lookups, password checks, and writes with a trimmed history. */
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { PasswordWrite } from "../../src/domain/ports.js";
import { createArgon2idHasher } from "../../src/lib/crypto/argon2id.js";
import type { Database } from "../../src/store/database.js";
import { createBuiltinDirectory, createKyselyDirectoryWrites } from "../../src/store/repos/kysely-builtin-directory.js";
import type { TestDatabase } from "../support/test-databases.js";
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

/** Sets passwords one after another through prepare + apply, as a reset does. */
async function changePasswords(
  db: Kysely<Database>,
  userRef: string,
  passwords: readonly string[],
  depth: number,
): Promise<void> {
  const hasher = createCountingHasher();
  const directory = createBuiltinDirectory(db, { hasher });
  const user = await directory.findUserByRef(userRef);
  if (user === null) throw new Error("no user");
  for (const [index, password] of passwords.entries()) {
    const prepared = await directory.preparePasswordWrite(user, password, depth);
    if (!prepared.ok) throw new Error(`refused ${password}: ${prepared.reason}`);
    await createKyselyDirectoryWrites(db).applyPasswordWrite(prepared.write, depth, at(index));
  }
}

/** Registers the built-in Directory contract for `database`. */
export function describeBuiltinDirectoryContract(database: TestDatabase): void {
  describe("built-in Directory", () => {
    const shared = useSharedDatabase(database);

    it("finds a user by normalised user ID or by ref, with roles, groups and flags", async () => {
      const name = unique("alice");
      const ref = await insertUser(shared.db, {
        user_id: `${name}@example.com`,
        admin_locked_at: T0,
        preferred_lang: "id",
        must_change_password: true,
      });
      await shared.db
        .insertInto("directory_group")
        .values([
          { name: `${name}-staff`, created_at: T0 },
          { name: `${name}-ops`, created_at: T0 },
        ])
        .execute();
      await shared.db
        .insertInto("group_member")
        .values([
          { group_name: `${name}-staff`, user_ref: ref },
          { group_name: `${name}-ops`, user_ref: ref },
        ])
        .execute();
      await shared.db
        .insertInto("admin_role")
        .values({ user_ref: ref, role: "helpdesk_admin", granted_at: T0 })
        .execute();
      const directory = createBuiltinDirectory(shared.db, { hasher: createCountingHasher() });
      const user = await directory.findUserByUserId(`  ${name.toUpperCase()}@Example.COM `);
      expect(user).toEqual({
        ref,
        userId: `${name}@example.com`,
        email: `${ref}@mail.example.com`,
        displayName: "Test User",
        firstName: "Test",
        lastName: "User",
        enabled: true,
        adminLocked: true,
        securityHold: false,
        passwordChangedAt: null,
        mustChangePassword: true,
        preferredLanguage: "id",
        roles: ["helpdesk_admin"],
        groups: [`${name}-ops`, `${name}-staff`],
      });
      expect(await directory.findUserByRef(ref)).toEqual(user);
      expect(directory.kind).toBe("builtin");
      expect(await directory.findUserByUserId("nobody@example.com")).toBeNull();
      expect(await directory.findUserByRef("no-such-ref")).toBeNull();
    });

    it("verifies passwords; a user without one costs a dummy verify and fails", async () => {
      const hasher = createCountingHasher();
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const withPassword = await directory.findUserByRef(await insertUser(shared.db, { password_hash: "fake$right" }));
      const without = await directory.findUserByRef(await insertUser(shared.db));
      if (withPassword === null || without === null) throw new Error("users missing");
      expect(await directory.verifyPassword(withPassword, "right")).toBe(true);
      expect(await directory.verifyPassword(withPassword, "wrong")).toBe(false);
      hasher.operations.length = 0;
      expect(await directory.verifyPassword(without, "anything")).toBe(false);
      expect(hasher.operations).toEqual(["verifyDummy"]);
    });

    it("refuses the current password (SND-508) and one from the history (SND-506)", async () => {
      const ref = await insertUser(shared.db);
      await changePasswords(shared.db, ref, ["first-pass", "second-pass", "third-pass"], 5);
      const hasher = createCountingHasher();
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const user = await directory.findUserByRef(ref);
      if (user === null) throw new Error("no user");
      expect(await directory.preparePasswordWrite(user, "third-pass", 5)).toEqual({ ok: false, reason: "SND-508" });
      expect(hasher.operations).toEqual(["verify"]);
      expect(await directory.preparePasswordWrite(user, "first-pass", 5)).toEqual({ ok: false, reason: "SND-506" });
    });

    it("checks only the newest `historyDepth` history hashes: 1 + depth + 1 hasher operations", async () => {
      const ref = await insertUser(shared.db);
      await changePasswords(shared.db, ref, ["p1", "p2", "p3", "p4"], 5);
      const hasher = createCountingHasher();
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const user = await directory.findUserByRef(ref);
      if (user === null) throw new Error("no user");
      const prepared = await directory.preparePasswordWrite(user, "p1", 2);
      expect(prepared).toEqual({ ok: true, write: { userRef: ref, passwordHash: "fake$p1" } });
      expect(hasher.operations).toEqual(["verify", "verify", "verify", "hash"]);
    });

    it("applies a write: previous hash into the history, trimmed to the depth; new hash current", async () => {
      const ref = await insertUser(shared.db, { password_hash: "fake$p0", must_change_password: true });
      await changePasswords(shared.db, ref, ["p1", "p2", "p3"], 5);
      expect(await historyOf(shared.db, ref)).toEqual(["fake$p0", "fake$p1", "fake$p2"]);
      const write: PasswordWrite = { userRef: ref, passwordHash: "fake$p4" };
      await createKyselyDirectoryWrites(shared.db).applyPasswordWrite(write, 2, at(100));
      expect(await historyOf(shared.db, ref)).toEqual(["fake$p2", "fake$p3"]);
      const user = await createBuiltinDirectory(shared.db, { hasher: createCountingHasher() }).findUserByRef(ref);
      expect(user).toMatchObject({ passwordChangedAt: at(100), mustChangePassword: false });
      const row = await shared.db
        .selectFrom("directory_user")
        .select("password_hash")
        .where("ref", "=", ref)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toBe("fake$p4");
      await createKyselyDirectoryWrites(shared.db).applyPasswordWrite(
        { userRef: ref, passwordHash: "fake$p5" },
        0,
        at(200),
      );
      expect(await historyOf(shared.db, ref)).toEqual([]);
    });

    it("refuses to write the password of a user that does not exist", async () => {
      await expect(
        createKyselyDirectoryWrites(shared.db).applyPasswordWrite(
          { userRef: "no-such-ref", passwordHash: "fake$x" },
          5,
          T0,
        ),
      ).rejects.toThrow(/no user/);
    });

    it("stores the preferred language", async () => {
      const ref = await insertUser(shared.db);
      await createKyselyDirectoryWrites(shared.db).setPreferredLanguage(ref, "id");
      const user = await createBuiltinDirectory(shared.db, { hasher: createCountingHasher() }).findUserByRef(ref);
      expect(user?.preferredLanguage).toBe("id");
    });

    it("with the real hasher, writes Argon2id hashes with SPEC's parameters", async () => {
      const hasher = createArgon2idHasher({ maxInFlight: 2, maxWaiting: 10 });
      const directory = createBuiltinDirectory(shared.db, { hasher });
      const user = await directory.findUserByRef(await insertUser(shared.db));
      if (user === null) throw new Error("no user");
      const prepared = await directory.preparePasswordWrite(user, "correct horse battery", 5);
      if (!prepared.ok) throw new Error(prepared.reason);
      expect(prepared.write.passwordHash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
      await createKyselyDirectoryWrites(shared.db).applyPasswordWrite(prepared.write, 5, T0);
      expect(await directory.verifyPassword(user, "correct horse battery")).toBe(true);
      expect(await directory.preparePasswordWrite(user, "correct horse battery", 5)).toEqual({
        ok: false,
        reason: "SND-508",
      });
    });
  });
}
