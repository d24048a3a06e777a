/** The AccountStore contract: Sandi's own per-person state, keyed by directory reference, found or created once. */
import { describe, expect, it } from "vitest";
import { createKyselyAccountStore } from "../../src/store/repos/kysely-account-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, random, T0, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the AccountStore contract for `database`. */
export function describeAccountStoreContract(database: TestDatabase): void {
  describe("AccountStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyAccountStore(shared.db, { random });

    it("creates an LDAP-style entry's account once, under a new ref, and finds it by ref and by reference", async () => {
      const reference = { directoryId: "ldap-main", entryId: unique("entry-uuid") };
      const created = await store().findOrCreate(reference, T0);
      expect(created).toEqual({
        ...reference,
        ref: expect.stringMatching(/^[0-9a-f-]{36}$/),
        adminLocked: false,
        securityHold: false,
        mustChangePassword: false,
        passwordCompromised: false,
        preferredLanguage: null,
        registration: "none",
        registrationDates: { firstPromptAt: null, confirmedAt: null, forcedAt: null, registeredAt: null },
        roles: [],
        temporaryPasswordAt: null,
      });
      expect(await store().findOrCreate(reference, at(60))).toEqual(created);
      expect(await store().findByRef(created.ref)).toEqual(created);
      expect(await store().findByDirectoryReference(reference)).toEqual(created);
      expect(await store().findByDirectoryReference({ ...reference, directoryId: "ldap-other" })).toBeNull();
    });

    it("racing first meetings of one entry create one account", async () => {
      const reference = { directoryId: "ldap-main", entryId: unique("entry-uuid") };
      const accounts = await Promise.all([1, 2, 3].map(() => store().findOrCreate(reference, T0)));
      expect(new Set(accounts.map((account) => account.ref)).size).toBe(1);
    });

    it("a built-in entry's account keeps the entry's ref", async () => {
      const ref = await insertUser(shared.db);
      expect((await store().findOrCreate({ directoryId: "builtin", entryId: ref }, T0)).ref).toBe(ref);
    });

    it("sets and lifts the admin lock, keeping the first lock time; hold, must-change and language", async () => {
      const ref = await insertUser(shared.db);
      await store().setAdminLock(ref, true, at(10));
      await store().setAdminLock(ref, true, at(20));
      const locked = await shared.db.selectFrom("account").select("admin_locked_at").where("ref", "=", ref).execute();
      expect(locked).toEqual([{ admin_locked_at: at(10) }]);
      await store().setSecurityHold(ref, true, at(30));
      await store().setMustChangePassword(ref, true);
      await store().setPreferredLanguage(ref, "id");
      expect(await store().findByRef(ref)).toMatchObject({
        adminLocked: true,
        securityHold: true,
        mustChangePassword: true,
        preferredLanguage: "id",
      });
      await store().setAdminLock(ref, false, at(40));
      await store().setSecurityHold(ref, false, at(40));
      expect(await store().findByRef(ref)).toMatchObject({ adminLocked: false, securityHold: false });
    });

    it("marks a compromised password once, with must-change, and any new password clears the mark (SPEC §18)", async () => {
      const ref = await insertUser(shared.db);
      expect(await store().markPasswordCompromised(ref, at(10))).toBe(true);
      expect(await store().markPasswordCompromised(ref, at(20))).toBe(false);
      expect(await store().findByRef(ref)).toMatchObject({ mustChangePassword: true, passwordCompromised: true });
      const marked = shared.db.selectFrom("account").select("password_compromised_at").where("ref", "=", ref);
      expect(await marked.execute()).toEqual([{ password_compromised_at: at(10) }]);
      await store().setMustChangePassword(ref, false);
      expect(await store().findByRef(ref)).toMatchObject({ mustChangePassword: false, passwordCompromised: false });
      await store().markPasswordCompromised(ref, at(30));
      await store().setMustChangePassword(ref, true);
      expect(await store().findByRef(ref)).toMatchObject({ mustChangePassword: true, passwordCompromised: false });
    });

    it("a password the user chose ends must-change and the compromised and temporary marks, and keeps the language", async () => {
      const ref = await insertUser(shared.db);
      await store().markPasswordCompromised(ref, at(10));
      await store().markTemporaryPassword(ref, at(11));
      await store().setPreferredLanguage(ref, "en");
      await store().recordOwnPasswordChosen(ref, "id");
      expect(await store().findByRef(ref)).toMatchObject({
        mustChangePassword: false,
        passwordCompromised: false,
        preferredLanguage: "id",
      });
      const marks = shared.db.selectFrom("account").select("temporary_password_at").where("ref", "=", ref);
      expect(await marks.execute()).toEqual([{ temporary_password_at: null }]);
    });

    it("keeps the interrupt's dates: the first prompt once, confirmations, a forced re-registration, the first Registered", async () => {
      const ref = await insertUser(shared.db);
      await store().noteRegistrationPrompt(ref, at(10));
      await store().noteRegistrationPrompt(ref, at(20));
      await store().setRegistrationForced(ref, at(30));
      expect(await store().setRegistrationState(ref, "registered", at(40))).toBe(true);
      expect(await store().setRegistrationState(ref, "registered", at(50))).toBe(false);
      expect((await store().findByRef(ref))?.registrationDates).toEqual({
        firstPromptAt: at(10),
        confirmedAt: null,
        forcedAt: at(30),
        registeredAt: at(40),
      });
      await store().confirmRegistration(ref, at(60));
      expect(await store().findByRef(ref)).toMatchObject({
        registration: "registered",
        registrationDates: { confirmedAt: at(60), forcedAt: null, registeredAt: at(40) },
      });
    });

    it("reads the account's admin roles", async () => {
      const ref = await insertUser(shared.db);
      await shared.db
        .insertInto("admin_role")
        .values([
          { user_ref: ref, role: "reports_reader", granted_at: T0 },
          { user_ref: ref, role: "helpdesk_admin", granted_at: T0 },
        ])
        .execute();
      expect((await store().findByRef(ref))?.roles).toEqual(["helpdesk_admin", "reports_reader"]);
    });
  });
}
