/**
 * SPEC §9.4 from applySecurityEffects, on both engines: a privileged user's reset tells every other admin, Global
 * admins first, at most 100, in the same transaction. Threats: a takeover of an admin account by reset that no other
 * admin hears of; an alert capped at 100 that leaves out the Global admins; a notice to the person it is about.
 */
import { describe, expect, it } from "vitest";
import { MAX_ADMINS_ALERTED } from "../../src/domain/not-me/admin-alerts.js";
import { applySecurityEffects, type SecurityCause } from "../../src/domain/security-effects.js";
import type { AdminRole } from "../../src/domain/users.js";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import { createKyselyDirectoryAdmin } from "../../src/store/repos/kysely-directory-admin.js";
import { createTransactionStores } from "../../src/store/unit-of-work.js";
import { at, insertUser, random, T0, useSharedDatabase } from "../contracts/store-fixtures.js";
import { testDatabases } from "../support/test-databases.js";

for (const database of testDatabases()) {
  describe(`${database.name}: SPEC §9.4, the other admins hear of a privileged user's reset`, () => {
    const shared = useSharedDatabase(database, {
      emptiedBeforeEach: ["outbox_message", "admin_role", "sspr_policy"],
    });
    const stores = () => createTransactionStores(shared.db, { random, instance: "test" });
    const grant = (ref: string, role: AdminRole) =>
      createKyselyDirectoryAdmin(shared.db, { random }).grantRole(ref, role, T0);

    async function person(roles: readonly AdminRole[], ref?: string): Promise<string> {
      const created = await insertUser(shared.db, ref === undefined ? {} : { ref });
      for (const role of roles) await grant(created, role);
      return created;
    }

    async function reset(ref: string, cause: SecurityCause, actedBy?: { userId: string } | "console") {
      return applySecurityEffects(stores(), {
        cause,
        user: { ref, userId: `${ref}@example.com`, email: null, preferredLanguage: null },
        now: at(60),
        ...(actedBy === undefined ? {} : { actedBy }),
        notify: {
          enabled: true,
          caller: { ip: "203.0.113.5", client: "Firefox 140 on Linux", lang: "en" },
          organisation: { name: "Contoh", signInUrl: "https://sandi.example/signin" },
        },
      });
    }

    async function adminNotices() {
      const rows = await shared.db
        .selectFrom("outbox_message")
        .select(["recipient", "data"])
        .where("template", "=", "privileged-password-reset")
        .orderBy("recipient")
        .execute();
      return rows.map((row) => ({ recipient: row.recipient, ...(row.data ?? {}) }));
    }

    it("a helpdesk admin's self-service reset tells every other admin who acted, when and from which IP", async () => {
      const target = await person(["helpdesk_admin"]);
      const global = await person(["global_admin"]);
      const reader = await person(["reports_reader"]);
      const report = await reset(target, "self_reset");
      const notices = await adminNotices();
      expect(notices.map((notice) => notice.recipient).sort()).toEqual(
        [`${global}@mail.example.com`, `${reader}@mail.example.com`].sort(),
      );
      expect(notices[0]).toMatchObject({
        userId: `${target}@example.com`,
        actedBy: "self",
        actor: "",
        changedAt: at(60).toISOString(),
        ip: "203.0.113.5",
        adminUrl: "https://sandi.example/admin",
      });
      expect(report.adminNoticesQueued).toBe(2);
    });

    it("an admin reset names the administrator; a console reset says so", async () => {
      const target = await person(["password_admin"]);
      await person(["global_admin"]);
      await reset(target, "admin_reset", { userId: "ayu@contoh.example" });
      expect(await adminNotices()).toEqual([
        expect.objectContaining({ actedBy: "admin", actor: "ayu@contoh.example" }),
      ]);
      await shared.db.deleteFrom("outbox_message").execute();
      await reset(target, "admin_reset", "console");
      expect(await adminNotices()).toEqual([expect.objectContaining({ actedBy: "console", actor: "" })]);
    });

    it("no notice for an ordinary user, for a change or unlock, or when the policy turns it off", async () => {
      await person(["global_admin"]);
      const ordinary = await person([]);
      const admin = await person(["user_admin"]);
      await reset(ordinary, "self_reset");
      for (const cause of ["change_password", "self_unlock", "admin_revoke_sessions", "not_me"] as const)
        await reset(admin, cause);
      expect(await adminNotices()).toEqual([]);
      const off = { ...DEFAULT_POLICY, notify: { ...DEFAULT_POLICY.notify, adminsOnAdminReset: false } };
      await stores().policy.save(off, "test", T0);
      const report = await reset(admin, "self_reset");
      expect(report.adminNoticesQueued).toBe(0);
      expect(await adminNotices()).toEqual([]);
    });

    it(`stops at ${String(MAX_ADMINS_ALERTED)} admins, Global admins first`, async () => {
      const target = await person(["helpdesk_admin"]);
      // Refs that sort before the Global admin's: ordering by ref alone would leave the Global admin out.
      for (let index = 0; index < MAX_ADMINS_ALERTED + 5; index++)
        await person(["password_admin"], `a-${String(index).padStart(3, "0")}-${target}`);
      const global = await person(["global_admin"], `z-global-${target}`);
      await reset(target, "self_reset");
      const recipients = (await adminNotices()).map((notice) => notice.recipient);
      expect(recipients).toHaveLength(MAX_ADMINS_ALERTED);
      expect(recipients).toContain(`${global}@mail.example.com`);
      expect(recipients).not.toContain(`${target}@mail.example.com`);
    });
  });
}
