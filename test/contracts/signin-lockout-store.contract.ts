/** The SignInLockoutStore contract: one record per typed ID, saved whole, cleared with its wrong-password HMACs. */
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SignInLockout } from "../../src/domain/ports.js";
import { createKyselySignInLockoutStore } from "../../src/store/repos/kysely-signin-lockout-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the SignInLockoutStore contract for `database`. */
export function describeSignInLockoutStoreContract(database: TestDatabase): void {
  describe("SignInLockoutStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselySignInLockoutStore(shared.db);

    // Threat: parallel wrong passwords on an ID without a record all read "none" and save one failure between them.
    it("find holds the key until the transaction ends, even while it has no record: parallel counts all add up", async () => {
      const key = unique("new@example.com");
      // Open the pool's connections first, so the transactions below truly overlap instead of queueing for one.
      await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.05)`.execute(shared.db)));
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          shared.db.transaction().execute(async (trx) => {
            const lockouts = createKyselySignInLockoutStore(trx);
            const found = await lockouts.find(key);
            const failures = (found?.failures ?? 0) + 1;
            // The window a parallel attempt would slip into: long enough for all of them to have read, unlocked.
            await sleep(30);
            await lockouts.save({
              key,
              failures,
              lockLevel: 0,
              lockedUntil: null,
              lastFailureAt: at(index),
              recentWrong: [],
            });
          }),
        ),
      );
      expect((await store().find(key))?.failures).toBe(8);
    });

    it("returns a saved record, and the last save wins", async () => {
      const key = unique("alice@example.com");
      expect(await store().find(key)).toBeNull();
      const first: SignInLockout = {
        key,
        failures: 1,
        lockLevel: 0,
        lockedUntil: null,
        lastFailureAt: at(0),
        recentWrong: ["aa"],
      };
      await store().save(first);
      expect(await store().find(key)).toEqual(first);
      const second: SignInLockout = {
        key,
        failures: 10,
        lockLevel: 1,
        lockedUntil: at(60),
        lastFailureAt: at(30),
        recentWrong: ["aa", "bb", "cc"],
      };
      await store().save(second);
      expect(await store().find(key)).toEqual(second);
    });

    it("keeps records of different keys apart and clears one", async () => {
      const [key, other] = [unique("bob"), unique("carol")];
      const record = (k: string): SignInLockout => ({
        key: k,
        failures: 2,
        lockLevel: 0,
        lockedUntil: null,
        lastFailureAt: null,
        recentWrong: [],
      });
      await store().save(record(key));
      await store().save(record(other));
      await store().clear(key);
      expect(await store().find(key)).toBeNull();
      expect(await store().find(other)).toEqual(record(other));
    });
  });
}
