/**
 * Admin actions check SPEC §2 before they write: the capability table, "may act on" by highest role, and no admin
 * action on one's own account. Run on a real (in-memory) store through the same composition the console uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import type { AdminRole } from "../../../src/domain/users.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { hasher } from "../../cli/cli-harness.js";
import { createReadOnlyTestDirectory } from "../../support/read-only-directory.js";
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

describe("admin actions and SPEC §2", () => {
  it("a password admin resets an ordinary user's password, audited with the admin as actor and never the password", async () => {
    const pa = await person("pa.one", "password_admin");
    const user = await person("plain.one", null);
    const reset = await admin.setTemporaryPassword(pa, user.userId);
    expect(reset.ok).toBe(true);
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "password.reset.admin")
      .where("target_user_id", "=", user.userId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_type: "admin", actor_user_id: pa.userId, ip: "192.0.2.9" });
    if (reset.ok) expect(JSON.stringify(events)).not.toContain(reset.value.temporaryPassword);
  });

  it("an admin cannot act on someone of a higher rank: a password admin may not reset a helpdesk admin", async () => {
    const pa = await person("pa.two", "password_admin");
    const ha = await person("ha.two", "helpdesk_admin");
    expect(await admin.setTemporaryPassword(pa, ha.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.unlockUser(pa, ha.userId)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("no admin runs an admin reset on their own account, not even a global admin", async () => {
    const ga = await person("ga.self", "global_admin");
    expect(await admin.setTemporaryPassword(ga, ga.userId)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("a role without the capability is refused before anything is looked up or written", async () => {
    const rr = await person("rr.one", "reports_reader");
    const ua = await person("ua.one", "user_admin");
    const pa = await person("pa.three", "password_admin");
    const target = await person("plain.two", null);
    expect(await admin.unlockUser(rr, target.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.grantRole(ua, { userId: target.userId, role: "global_admin" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await admin.clearSsprBlock(pa, target.userId)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin.setPolicySetting(ua, { key: "scope", value: "none" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await admin.readAudit(ua, { limit: 5 })).toEqual({ ok: false, reason: "forbidden" });
    const roles = await handle.db.selectFrom("admin_role").select("role").where("user_ref", "=", target.ref).execute();
    expect(roles).toEqual([]);
  });

  it("an unknown user ID is not_found for an admin who may act", async () => {
    const ha = await person("ha.three", "helpdesk_admin");
    expect(await admin.revokeSessions(ha, "nobody@contoh.example")).toEqual({ ok: false, reason: "not_found" });
  });

  it("a directory Sandi may not manage refuses user and group writes as read_only, and nothing is written", async () => {
    const readOnly = fixture.actionsOn(createReadOnlyTestDirectory(hasher));
    const input = { userId: "ro.new@contoh.example", email: "ro@mail.example", firstName: "R", lastName: "O" };
    expect(await readOnly.addUser(CONSOLE_ACTOR, { ...input, displayName: "R O" })).toEqual({
      ok: false,
      reason: "read_only",
    });
    expect(await readOnly.addGroup(CONSOLE_ACTOR, { name: "RO group", description: "" })).toEqual({
      ok: false,
      reason: "read_only",
    });
    const rows = await handle.db
      .selectFrom("directory_user")
      .select("ref")
      .where("user_id", "=", input.userId)
      .execute();
    expect(rows).toEqual([]);
  });
});
