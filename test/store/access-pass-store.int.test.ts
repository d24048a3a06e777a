/**
 * The temporary access pass store (SPEC §18) on every engine. Threats: a pass spent twice by two racing sign-ins;
 * two passes open at once for one account; a stolen table that holds a usable pass (only a hash is kept).
 */
import { describe, expect, it } from "vitest";
import { createKyselyAccessPassStore } from "../../src/store/repos/kysely-access-pass-store.js";
import { createKyselyAccountStore } from "../../src/store/repos/kysely-account-store.js";
import { at, insertUser, random, T0, useSharedDatabase } from "../contracts/store-fixtures.js";
import { type TestDatabase, testDatabases } from "../support/test-databases.js";

function describeAccessPassStore(database: TestDatabase): void {
  describe("AccessPassStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyAccessPassStore(shared.db);
    const pass = (userRef: string, id: string) => ({
      id,
      userRef,
      passHash: `$argon2id$hash-of-${id}`,
      issuedBy: "hadi@contoh.example",
      issuedAt: T0,
      expiresAt: at(3600),
    });

    it("a new pass replaces the open one: only one is open per account", async () => {
      const userRef = await insertUser(shared.db);
      expect(await store().issue(pass(userRef, `${userRef}-1`), T0)).toBe(false);
      expect(await store().issue(pass(userRef, `${userRef}-2`), at(1))).toBe(true);
      expect(await store().findOpen(userRef)).toMatchObject({ id: `${userRef}-2`, endedAt: null, expiresAt: at(3600) });
      const rows = await shared.db
        .selectFrom("temporary_access_pass")
        .selectAll()
        .where("user_ref", "=", userRef)
        .execute();
      expect(rows.find((row) => row.id === `${userRef}-1`)).toMatchObject({ end_reason: "replaced", ended_at: at(1) });
    });

    it("a pass ends once: of two racing ends exactly one succeeds, and it is no longer open", async () => {
      const userRef = await insertUser(shared.db);
      await store().issue(pass(userRef, `${userRef}-race`), T0);
      const ends = await Promise.all([
        store().end(`${userRef}-race`, "used", at(5)),
        store().end(`${userRef}-race`, "used", at(5)),
      ]);
      expect(ends.filter(Boolean)).toHaveLength(1);
      expect(await store().findOpen(userRef)).toBeNull();
    });

    it("an admin's temporary password mark is set, and any new password clears it", async () => {
      const userRef = await insertUser(shared.db);
      const accounts = createKyselyAccountStore(shared.db, { random });
      await accounts.markTemporaryPassword(userRef, T0);
      expect((await accounts.findByRef(userRef))?.temporaryPasswordAt).toEqual(T0);
      await accounts.setMustChangePassword(userRef, false);
      expect((await accounts.findByRef(userRef))?.temporaryPasswordAt).toBeNull();
    });
  });
}

for (const database of testDatabases()) describe(database.name, () => describeAccessPassStore(database));
