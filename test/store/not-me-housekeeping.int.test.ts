/**
 * Housekeeping of "This wasn't me" links: a link goes a week after it expired or was used, a live one stays.
 * Threat: a table of old links that grows forever (each notice adds one per recipient); and, the other way, a live
 * link deleted before its 7 days, leaving a user who reads a notice late with nothing to press.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_ME_LINK_SECONDS, notMeTokenHash } from "../../src/domain/not-me/not-me-token.js";
import { RETENTION_SECONDS, runHousekeeping } from "../../src/store/housekeeping.js";
import { createKyselyNotMeLinkStore } from "../../src/store/repos/kysely-not-me-links.js";
import { at, insertUser, random } from "../contracts/store-fixtures.js";
import { type TestDatabaseHandle, testDatabases } from "../support/test-databases.js";

const DAY = 86_400;
const STAMP = { random, instance: "test:1", auditRetentionDays: null };

for (const database of testDatabases()) {
  describe(`${database.name}: housekeeping of not-me links`, () => {
    let handle: TestDatabaseHandle;
    beforeAll(async () => {
      handle = await database.open();
    });
    afterAll(async () => handle.drop());

    it("deletes links a week after they expired or were used, and keeps live and recently ended ones", async () => {
      const links = createKyselyNotMeLinkStore(handle.db, { random });
      const userRef = await insertUser(handle.db);
      const issue = async (issuedAt: number) =>
        (await links.issue({ userRef, about: "password_reset", aboutAt: at(issuedAt), now: at(issuedAt) })).token;
      const now = 60 * DAY;
      await issue(now - NOT_ME_LINK_SECONDS - RETENTION_SECONDS.notMeLinks - 60);
      const recentlyExpired = await issue(now - NOT_ME_LINK_SECONDS - 60);
      const usedLongAgo = await issue(now - 20 * DAY);
      await links.redeem(notMeTokenHash(usedLongAgo)!, at(now - RETENTION_SECONDS.notMeLinks - 60));
      const usedRecently = await issue(now - 3 * DAY);
      await links.redeem(notMeTokenHash(usedRecently)!, at(now - DAY));
      const live = await issue(now - DAY);
      const report = await runHousekeeping(handle, at(now), STAMP);
      expect(report.deleted.notMeLinks).toBe(2);
      const left = await sql<{ token_hash: Uint8Array }>`select token_hash from not_me_link`.execute(handle.db);
      const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
      expect(left.rows.map((row) => hex(new Uint8Array(row.token_hash))).sort()).toEqual(
        [recentlyExpired, usedRecently, live].map((token) => hex(notMeTokenHash(token)!)).sort(),
      );
    });
  });
}
