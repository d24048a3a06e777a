/**
 * The "This wasn't me" stores' contract (SPEC §9.3): links stored only as the SHA-256 of their token, usable once for
 * 7 days (the administrators an alert goes to: role-holders.contract.ts).
 * Threats: a stolen table (or backup) that holds live tokens; a link used twice by two racing requests.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NOT_ME_LINK_SECONDS, notMeTokenHash } from "../../src/domain/not-me/not-me-token.js";
import { createKyselyNotMeLinkStore } from "../../src/store/repos/kysely-not-me-links.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, random, T0, useSharedDatabase } from "./store-fixtures.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

function describeNotMeLinkStore(database: TestDatabase): void {
  describe("NotMeLinkStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyNotMeLinkStore(shared.db, { random });
    const request = (userRef: string) => ({ userRef, about: "password_reset" as const, aboutAt: at(-5), now: T0 });

    it("the token is stored only as SHA-256: no column holds it, and 32 random bytes make it", async () => {
      const userRef = await insertUser(shared.db);
      const issued = await store().issue(request(userRef));
      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(issued.token, "base64url")).toHaveLength(32);
      expect(issued.supportCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      const rows = await shared.db.selectFrom("not_me_link").selectAll().where("user_ref", "=", userRef).execute();
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(hex(new Uint8Array(row.token_hash))).toBe(createHash("sha256").update(issued.token).digest("hex"));
      expect(JSON.stringify({ ...row, token_hash: hex(new Uint8Array(row.token_hash)) })).not.toContain(issued.token);
      expect(row).toMatchObject({
        about: "password_reset",
        about_at: at(-5),
        support_code: issued.supportCode,
        created_at: T0,
        expires_at: at(NOT_ME_LINK_SECONDS),
        used_at: null,
      });
    });

    it("finds a link by its token's hash while unused and unexpired, never after", async () => {
      const userRef = await insertUser(shared.db);
      const issued = await store().issue(request(userRef));
      const hash = notMeTokenHash(issued.token)!;
      expect(await store().findUsable(hash, at(60))).toMatchObject({ userRef, about: "password_reset" });
      expect(await store().findUsable(hash, at(NOT_ME_LINK_SECONDS))).toBeNull();
      expect(await store().findUsable(notMeTokenHash("A".repeat(43))!, at(60))).toBeNull();
    });

    it("redeems a link once; a second redeem and an expired link get nothing", async () => {
      const userRef = await insertUser(shared.db);
      const first = notMeTokenHash((await store().issue(request(userRef))).token)!;
      const redeemed = await store().redeem(first, at(60));
      expect(redeemed).toMatchObject({ userRef, usedAt: at(60) });
      expect(await store().redeem(first, at(61))).toBeNull();
      expect(await store().findUsable(first, at(62))).toBeNull();
      const late = notMeTokenHash((await store().issue(request(userRef))).token)!;
      expect(await store().redeem(late, at(NOT_ME_LINK_SECONDS + 1))).toBeNull();
    });

    it("of racing redeems of one link exactly one wins", async () => {
      const userRef = await insertUser(shared.db);
      const hash = notMeTokenHash((await store().issue(request(userRef))).token)!;
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => store().redeem(hash, at(60))));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });

    it("every issued link has its own token and support code", async () => {
      const userRef = await insertUser(shared.db);
      const issued = await Promise.all([1, 2, 3].map(() => store().issue(request(userRef))));
      expect(new Set(issued.map((link) => link.token)).size).toBe(3);
    });
  });
}

/** Registers the "This wasn't me" stores' contract for `database`. */
export function describeNotMeStoresContract(database: TestDatabase): void {
  describeNotMeLinkStore(database);
}
