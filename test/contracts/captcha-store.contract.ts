/** The CaptchaStore contract: each proof-of-work solution is spent once, on every instance. */
import { describe, expect, it } from "vitest";
import { createKyselyCaptchaStore } from "../../src/store/repos/kysely-captcha-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the CaptchaStore contract for `database`. */
export function describeCaptchaStoreContract(database: TestDatabase): void {
  describe("CaptchaStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyCaptchaStore(shared.db);

    // Threat: one solved challenge is replayed to skip the proof of work on every later request.
    it("a spent signature is refused the second time", async () => {
      const signature = unique("signature");
      expect(await store().spend(signature, at(600), at(0))).toBe(true);
      expect(await store().spend(signature, at(600), at(1))).toBe(false);
    });

    it("of parallel spends of one signature, exactly one succeeds", async () => {
      const signature = unique("signature");
      const results = await Promise.all(Array.from({ length: 5 }, () => store().spend(signature, at(600), at(0))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("forgets expired signatures as it goes", async () => {
      const old = unique("old");
      await store().spend(old, at(600), at(0));
      await store().spend(unique("new"), at(2000), at(601));
      const rows = await shared.db
        .selectFrom("spent_captcha")
        .select("signature")
        .where("signature", "=", old)
        .execute();
      expect(rows).toEqual([]);
    });
  });
}
