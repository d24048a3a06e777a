/**
 * The one lookup of who holds an admin role (RoleHolderStore): the helpdesk's tiers, the security-hold alert, SPEC
 * §9.4's notice and O1's alert all read it. Threats: an alert that misses the Global admins because a hundred
 * helpdesk admins came first; a message to a disabled admin, who cannot sign in to act on it.
 */
import { describe, expect, it } from "vitest";
import { createKyselyAccountStore } from "../../src/store/repos/kysely-account-store.js";
import { createKyselyDirectoryAdmin } from "../../src/store/repos/kysely-directory-admin.js";
import { createKyselyMethodStore } from "../../src/store/repos/kysely-method-store.js";
import { createKyselyRoleHolders } from "../../src/store/repos/kysely-role-holders.js";
import type { TestDatabase } from "../support/test-databases.js";
import { insertUser, random, T0, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the RoleHolderStore contract for `database`. */
export function describeRoleHolderStoreContract(database: TestDatabase): void {
  describe("RoleHolderStore", () => {
    const shared = useSharedDatabase(database, { emptiedBeforeEach: ["admin_role"] });
    const store = () => createKyselyRoleHolders(shared.db);
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
      const found = await store().holdersOf({
        roles: ["global_admin", "helpdesk_admin"],
        exceptRefs: [],
        limit: 100,
      });
      expect(found).toEqual([
        {
          ref: global,
          directoryId: "builtin",
          entryId: global,
          userId: `${global}@example.com`,
          roles: ["global_admin", "helpdesk_admin"],
          preferredLanguage: "id",
          email: `${global}@mail.example.com`,
          verifiedEmails: ["ga@private.example"],
        },
        {
          ref: helpdesk,
          directoryId: "builtin",
          entryId: helpdesk,
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
      const all = await store().holdersOf({ roles: ["helpdesk_admin"], exceptRefs: [refs[0]!], limit: 100 });
      expect(all.map((admin) => admin.ref).sort()).toEqual([refs[1], refs[2]].sort());
      expect(await store().holdersOf({ roles: ["helpdesk_admin"], exceptRefs: [], limit: 2 })).toHaveLength(2);
      expect(await store().holdersOf({ roles: [], exceptRefs: [], limit: 100 })).toEqual([]);
    });

    it("an admin from another directory has no user ID or directory address here, only verified ones", async () => {
      const account = await createKyselyAccountStore(shared.db, { random }).findOrCreate(
        { directoryId: "ldap-main", entryId: unique("entry") },
        T0,
      );
      await grant(account.ref, "global_admin");
      const [found] = await store().holdersOf({ roles: ["global_admin"], exceptRefs: [], limit: 100 });
      expect(found).toMatchObject({
        ref: account.ref,
        directoryId: "ldap-main",
        entryId: account.entryId,
        userId: null,
        email: null,
        verifiedEmails: [],
      });
    });
  });
}
