/** The secret-keys contract: the first start makes the keys, every later or simultaneous start reads the same ones. */
import { describe, expect, it } from "vitest";
import { createSecureRandom } from "../../src/lib/random.js";
import { loadSecretKeys } from "../../src/store/repos/kysely-secret-keys.js";
import type { TestDatabase } from "../support/test-databases.js";
import { T0, useSharedDatabase } from "./store-fixtures.js";

/** Registers the secret-keys contract for `database`. */
export function describeSecretKeysContract(database: TestDatabase): void {
  describe("secret keys", () => {
    const shared = useSharedDatabase(database, { emptiedBeforeEach: ["secret_key"] });

    it("creates one 32-byte key per purpose on first load, and reads the same ones afterwards", async () => {
      const { db } = shared;
      const first = await loadSecretKeys(db, createSecureRandom(), T0);
      expect(first.codeKeys.currentId).toBe("code-hmac-1");
      expect(first.codeKeys.get("code-hmac-1")).toHaveLength(32);
      expect(first.cookieKey).toHaveLength(32);
      expect(first.altchaKey).toHaveLength(32);
      expect(first.cookieKey).not.toEqual(first.altchaKey);
      expect(() => first.codeKeys.get("code-hmac-9")).toThrow();
      const ids = await db.selectFrom("secret_key").select(["id", "purpose"]).orderBy("id").execute();
      expect(ids).toEqual([
        { id: "altcha-1", purpose: "altcha" },
        { id: "code-hmac-1", purpose: "code-hmac" },
        { id: "cookie-1", purpose: "cookie" },
      ]);
      const again = await loadSecretKeys(db, createSecureRandom(), T0);
      expect(again.codeKeys.get(again.codeKeys.currentId)).toEqual(first.codeKeys.get("code-hmac-1"));
      expect(again.cookieKey).toEqual(first.cookieKey);
      expect(again.altchaKey).toEqual(first.altchaKey);
    });

    // Threat: two instances starting together sign cookies and codes with different keys, so each rejects the other's.
    it("two concurrent loads agree", async () => {
      const { db } = shared;
      const [one, two] = await Promise.all([
        loadSecretKeys(db, createSecureRandom(), T0),
        loadSecretKeys(db, createSecureRandom(), T0),
      ]);
      expect(two.codeKeys.currentId).toBe(one.codeKeys.currentId);
      expect(two.codeKeys.get(two.codeKeys.currentId)).toEqual(one.codeKeys.get(one.codeKeys.currentId));
      expect(two.cookieKey).toEqual(one.cookieKey);
      expect(two.altchaKey).toEqual(one.altchaKey);
    });

    it("picks the newest generation of a rotated key and still reads the old one", async () => {
      const { db } = shared;
      const first = await loadSecretKeys(db, createSecureRandom(), T0);
      const rotated = new Uint8Array(32).fill(7);
      await db
        .insertInto("secret_key")
        .values({ id: "code-hmac-2", purpose: "code-hmac", key: rotated, created_at: T0 })
        .execute();
      const keys = await loadSecretKeys(db, createSecureRandom(), T0);
      expect(keys.codeKeys.currentId).toBe("code-hmac-2");
      expect(keys.codeKeys.get("code-hmac-2")).toEqual(rotated);
      expect(keys.codeKeys.get("code-hmac-1")).toEqual(first.codeKeys.get("code-hmac-1"));
    });
  });
}
