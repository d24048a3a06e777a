/**
 * The later helpdesk actions as domain services (SPEC §2, §10, §18), on a real in-memory store through the
 * composition the console uses. Threats: a role SPEC does not allow issuing a pass or stripping methods; an admin
 * acting above their rank or on their own account; a pass kept in clear; a lifetime outside 10 min–8 h.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import type { AdminRole } from "../../../src/domain/users.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { type AdminActionsFixture, openAdminActionsFixture } from "../../support/admin-actions-fixture.js";

let fixture: AdminActionsFixture;
let handle: DatabaseHandle;
let admin: AdminActions;
const person = (local: string, role: AdminRole | null) => fixture.person(local, role);

beforeAll(async () => {
  fixture = await openAdminActionsFixture();
  ({ handle, admin } = fixture);
});
afterAll(async () => fixture.close());

describe("temporary access pass, method removal, re-registration and reminder as domain services", () => {
  it("a helpdesk admin issues a pass: stored only as a hash, audited with the admin as actor and the lifetime", async () => {
    const ha = await person("ha.tap", "helpdesk_admin");
    const user = await person("plain.tap", null);
    const issued = await admin.issueAccessPass(ha, user.userId, { minutes: 120 });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    const bare = issued.value.code.replace(/-/g, "");
    const rows = await handle.db
      .selectFrom("temporary_access_pass")
      .selectAll()
      .where("user_ref", "=", user.ref)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.pass_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(rows)).not.toContain(bare);
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "access_pass.issued")
      .where("target_user_id", "=", user.userId)
      .execute();
    expect(events[0]).toMatchObject({ actor_type: "admin", actor_user_id: ha.userId, reason: "minutes:120" });
    expect(JSON.stringify(events)).not.toContain(bare);
  });

  it("a password admin may not issue a pass, remove a method, require re-registration or send a reminder", async () => {
    const pa = await person("pa.tap", "password_admin");
    const user = await person("plain.pa", null);
    expect(await admin.issueAccessPass(pa, user.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.removeUserMethod(pa, user.userId, "any")).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.requireReregistration(pa, user.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.sendRegistrationReminder(pa, user.userId)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("a helpdesk admin cannot act above their role (a user admin), nor on their own account", async () => {
    const ha = await person("ha.rank", "helpdesk_admin");
    const ua = await person("ua.rank", "user_admin");
    expect(await admin.issueAccessPass(ha, ua.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.requireReregistration(ha, ua.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.issueAccessPass(ha, ha.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.requireReregistration(ha, ha.userId)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("a pass lifetime outside 10 minutes to 8 hours is refused before anything is stored", async () => {
    const ua = await person("ua.life", "user_admin");
    const user = await person("plain.life", null);
    for (const minutes of [9, 481, 60.5])
      expect(await admin.issueAccessPass(ua, user.userId, { minutes })).toEqual({ ok: false, reason: "lifetime" });
    const rows = await handle.db
      .selectFrom("temporary_access_pass")
      .selectAll()
      .where("user_ref", "=", user.ref)
      .execute();
    expect(rows).toEqual([]);
  });

  it("require re-registration forces the interrupt and says how many methods went; a reminder goes to the directory address", async () => {
    const ha = await person("ha.rereg", "helpdesk_admin");
    const user = await person("plain.rereg", null);
    const required = await admin.requireReregistration(ha, user.userId);
    expect(required).toMatchObject({ ok: true, value: { methodsRemoved: 0 } });
    const account = await handle.db
      .selectFrom("account")
      .select(["registration_forced_at", "registration_state"])
      .where("ref", "=", user.ref)
      .executeTakeFirstOrThrow();
    expect(account.registration_forced_at).not.toBeNull();
    expect(account.registration_state).toBe("none");
    expect(await admin.removeUserMethod(ha, user.userId, "no-such-method")).toEqual({ ok: false, reason: "not_found" });
    expect(await admin.sendRegistrationReminder(ha, user.userId)).toMatchObject({ ok: true, value: { recipients: 1 } });
  });
});
