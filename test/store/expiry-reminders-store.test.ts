/**
 * The expiry reminder store on PGlite and PostgreSQL (SPEC §15.5). Threat: a reminder goes to someone who cannot or
 * should not act on it (disabled, locked, on hold, a temporary password standing), or the record of what was sent is
 * lost or duplicated, so the same reminder goes out again.
 */
import { describe, expect, it } from "vitest";
import { createKyselyExpiryReminders } from "../../src/store/repos/kysely-expiry-reminders.js";
import { at, insertUser, T0, useSharedDatabase } from "../contracts/store-fixtures.js";
import { testDatabases } from "../support/test-databases.js";

const WINDOW = { changedFrom: at(-3600), changedUntil: at(3600) };

for (const database of testDatabases()) {
  describe(`expiry reminder store on ${database.name}`, () => {
    const shared = useSharedDatabase(database, { emptiedBeforeEach: ["account", "directory_user"] });

    async function builtinUser(changedAt: Date | null = T0): Promise<string> {
      return insertUser(shared.db, { password_hash: "$argon2id$fake", password_changed_at: changedAt });
    }

    it("lists users with a password set in the window, with their verified addresses and what was sent", async () => {
      const ref = await builtinUser();
      await shared.db
        .insertInto("verified_method")
        .values({
          id: `${ref}-m`,
          user_ref: ref,
          method: "email",
          value: "own@mail.example",
          label: null,
          created_at: T0,
        })
        .execute();
      await builtinUser(at(-7200));
      const store = createKyselyExpiryReminders(shared.db);
      const [found, ...rest] = await store.candidates(WINDOW);
      expect(rest).toEqual([]);
      expect(found).toMatchObject({ ref, verifiedEmails: ["own@mail.example"], sent: null, passwordChangedAt: T0 });
      await store.record({ userRef: ref, passwordChangedAt: T0, thresholdDays: 14, sentAt: at(60) });
      await store.record({ userRef: ref, passwordChangedAt: T0, thresholdDays: 7, sentAt: at(120) });
      const [again] = await store.candidates(WINDOW);
      expect(again?.sent).toEqual({ passwordChangedAt: T0, thresholdDays: 7 });
      expect(await shared.db.selectFrom("expiry_reminder").selectAll().execute()).toHaveLength(1);
    });

    it("leaves out disabled, locked, held, must-change and temporary-password accounts", async () => {
      const refs = await Promise.all([1, 2, 3, 4, 5].map(() => builtinUser()));
      const [disabled, locked, held, mustChange, temporary] = refs;
      await shared.db
        .updateTable("directory_user")
        .set({ enabled: false })
        .where("ref", "=", disabled ?? "")
        .execute();
      const account = (ref: string | undefined) => shared.db.updateTable("account").where("ref", "=", ref ?? "");
      await account(locked).set({ admin_locked_at: T0 }).execute();
      await account(held).set({ security_hold_at: T0 }).execute();
      await account(mustChange).set({ must_change_password: true }).execute();
      await account(temporary).set({ temporary_password_at: T0 }).execute();
      expect(await createKyselyExpiryReminders(shared.db).candidates(WINDOW)).toEqual([]);
    });
  });
}
