/**
 * The "This wasn't me" stores' contract (SPEC §9.3): links stored only as the SHA-256 of their token, usable once for
 * 7 days; and the administrators an alert goes to, Global admins first.
 * Threats: a stolen table (or backup) that holds live tokens; a link used twice by two racing requests; an alert that
 * misses the Global admins because a hundred helpdesk admins came first.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NOT_ME_LINK_SECONDS, notMeTokenHash } from "../../src/domain/not-me/not-me-token.js";
import { createKyselyAccountStore } from "../../src/store/repos/kysely-account-store.js";
import { createKyselyDirectoryAdmin } from "../../src/store/repos/kysely-directory-admin.js";
import { createKyselyMethodStore } from "../../src/store/repos/kysely-method-store.js";
import { createKyselyAdminRecipientStore } from "../../src/store/repos/kysely-not-me-admins.js";
import { createKyselyNotMeLinkStore } from "../../src/store/repos/kysely-not-me-links.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, random, T0, unique, useSharedDatabase } from "./store-fixtures.js";

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

function describeAdminRecipientStore(database: TestDatabase): void {
  describe("AdminRecipientStore", () => {
    const shared = useSharedDatabase(database, { emptiedBeforeEach: ["admin_role"] });
    const store = () => createKyselyAdminRecipientStore(shared.db);
    const grant = (ref: string, role: "global_admin" | "helpdesk_admin" | "password_admin") =>
      createKyselyDirectoryAdmin(shared.db, { random }).grantRole(ref, role, T0);

    it("lists holders of the roles asked for, Global admins first, with their addresses and language", async () => {
      const helpdesk = await insertUser(shared.db, { ref: `a-${unique("hd")}` });
      const global = await insertUser(shared.db, { ref: `z-${unique("ga")}` });
      const password = await insertUser(shared.db);
      await grant(helpdesk, "helpdesk_admin");
      await grant(global, "global_admin");
      await grant(global, "helpdesk_admin");
      await grant(password, "password_admin");
      await createKyselyMethodStore(shared.db).add({
        id: unique("m"),
        userRef: global,
        method: "email",
        value: "ga@private.example",
        label: null,
        createdAt: T0,
        lastUsedAt: null,
      });
      await createKyselyAccountStore(shared.db, { random }).setPreferredLanguage(global, "id");
      const found = await store().listAdmins({
        roles: ["global_admin", "helpdesk_admin"],
        exceptRefs: [],
        limit: 100,
      });
      expect(found).toEqual([
        {
          ref: global,
          userId: `${global}@example.com`,
          roles: ["global_admin", "helpdesk_admin"],
          preferredLanguage: "id",
          email: `${global}@mail.example.com`,
          verifiedEmails: ["ga@private.example"],
        },
        {
          ref: helpdesk,
          userId: `${helpdesk}@example.com`,
          roles: ["helpdesk_admin"],
          preferredLanguage: null,
          email: `${helpdesk}@mail.example.com`,
          verifiedEmails: [],
        },
      ]);
    });

    it("leaves out the refs asked, disabled users, and stops at the limit", async () => {
      const refs = [await insertUser(shared.db), await insertUser(shared.db), await insertUser(shared.db)];
      const disabled = await insertUser(shared.db, { enabled: false });
      for (const ref of [...refs, disabled]) await grant(ref, "helpdesk_admin");
      const all = await store().listAdmins({ roles: ["helpdesk_admin"], exceptRefs: [refs[0]!], limit: 100 });
      expect(all.map((admin) => admin.ref).sort()).toEqual([refs[1], refs[2]].sort());
      expect(await store().listAdmins({ roles: ["helpdesk_admin"], exceptRefs: [], limit: 2 })).toHaveLength(2);
      expect(await store().listAdmins({ roles: [], exceptRefs: [], limit: 100 })).toEqual([]);
    });

    it("an admin from another directory has no user ID or directory address here, only verified ones", async () => {
      const account = await createKyselyAccountStore(shared.db, { random }).findOrCreate(
        { directoryId: "ldap-main", entryId: unique("entry") },
        T0,
      );
      await grant(account.ref, "global_admin");
      const [found] = await store().listAdmins({ roles: ["global_admin"], exceptRefs: [], limit: 100 });
      expect(found).toMatchObject({ ref: account.ref, userId: null, email: null, verifiedEmails: [] });
    });
  });
}

/** Registers the "This wasn't me" stores' contract for `database`. */
export function describeNotMeStoresContract(database: TestDatabase): void {
  describeNotMeLinkStore(database);
  describeAdminRecipientStore(database);
}
