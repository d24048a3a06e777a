/**
 * "Diagnose this user" through the admin actions the console and the portal share, on a real (in-memory) store.
 * Threats: a reports reader reading another user's security state; a diagnosis leaking a secret into the audit log;
 * a fix offered to an admin who may not act on the user.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { parseDiagnoseQuery } from "../../../src/domain/troubleshoot/diagnose-user.js";
import type { AdminRole } from "../../../src/domain/users.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { createKyselyFlowStore } from "../../../src/store/repos/kysely-flow-store.js";
import { sampleFlow } from "../../contracts/store-fixtures.js";
import { createFakeClock } from "../../support/fake-clock.js";
import { type AdminActionsFixture, openAdminActionsFixture } from "../../support/admin-actions-fixture.js";

const clock = createFakeClock("2026-12-01T08:00:00Z");
let fixture: AdminActionsFixture;
let handle: DatabaseHandle;
let admin: AdminActions;
const person = (local: string, role: AdminRole | null) => fixture.person(local, role);

beforeAll(async () => {
  fixture = await openAdminActionsFixture({ clock: clock });
  ({ handle, admin } = fixture);
});
afterAll(async () => fixture.close());

describe("parseDiagnoseQuery", () => {
  it("reads a support code in any case, with or without its dash, and anything else as a user ID", () => {
    expect(parseDiagnoseQuery(" k7qf2m9d ")).toEqual({ supportCode: "K7QF-2M9D" });
    expect(parseDiagnoseQuery("Budi@Contoh.Example")).toEqual({ userId: "budi@contoh.example" });
    expect(parseDiagnoseQuery("   ")).toBeNull();
  });
});

describe("diagnoseUser", () => {
  it("a helpdesk admin diagnoses a user; the run is audited with the admin as actor and no finding", async () => {
    const ha = await person("ha.diag", "helpdesk_admin");
    const user = await person("plain.diag", null);
    const diagnosed = await admin.diagnoseUser(ha, { userId: user.userId });
    if (!diagnosed.ok) throw new Error(diagnosed.reason);
    expect(diagnosed.value.user?.userId).toBe(user.userId);
    expect(diagnosed.value.checks).toHaveLength(13);
    expect(diagnosed.value.mayFix).toMatchObject({ unlock: true, clear_block: true, release_hold: true });
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "ops.user.diagnosed")
      .where("target_user_id", "=", user.userId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_type: "admin",
      actor_user_id: ha.userId,
      result: "success",
      category: "ops",
    });
  });

  // Threat: a reports reader only reads reports (SPEC §2); a user's methods, locks and flows are not for them.
  it("a reports reader cannot diagnose a user", async () => {
    const rr = await person("rr.diag", "reports_reader");
    expect(await admin.diagnoseUser(rr, { userId: rr.userId })).toEqual({ ok: false, reason: "forbidden" });
  });

  // Threat: the troubleshooter used to act above one's rank. Reading is allowed; the fixes are not.
  it("a password admin may diagnose a global admin but is offered none of the fixes", async () => {
    const pa = await person("pa.diag", "password_admin");
    const ga = await person("ga.diag", "global_admin");
    const diagnosed = await admin.diagnoseUser(pa, { userId: ga.userId });
    if (!diagnosed.ok) throw new Error(diagnosed.reason);
    expect(Object.values(diagnosed.value.mayFix).some(Boolean)).toBe(false);
  });

  it("an unknown user ID fails check 1 with SND-101 and is audited as a failure", async () => {
    const diagnosed = await admin.diagnoseUser(CONSOLE_ACTOR, { userId: "nobody@contoh.example" });
    if (!diagnosed.ok) throw new Error(diagnosed.reason);
    expect(diagnosed.value.user).toBeNull();
    expect(diagnosed.value.checks[0]?.findings.map((item) => item.code)).toContain("SND-101");
    const event = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "ops.user.diagnosed")
      .where("target_user_id", "=", "nobody@contoh.example")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ result: "failure", reason: "SND-101", actor_type: "system" });
  });

  it("finds the user and the flow's hidden reason by a support code", async () => {
    const user = await person("coded.diag", null);
    const flow = sampleFlow({
      supportCode: "HX7P-3QRT",
      userRef: user.ref,
      typedUserId: user.userId,
      inertReason: "SND-107",
      state: "expired",
      issuedAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + 900_000),
    });
    await createKyselyFlowStore(handle.db).create(flow);
    const diagnosed = await admin.diagnoseUser(CONSOLE_ACTOR, { supportCode: "HX7P-3QRT" });
    if (!diagnosed.ok) throw new Error(diagnosed.reason);
    expect(diagnosed.value.user?.userId).toBe(user.userId);
    const flows = diagnosed.value.checks.find((check) => check.check === "recent_flows");
    expect(flows?.findings.map((item) => item.code)).toEqual(["SND-107"]);
    const event = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "ops.user.diagnosed")
      .where("support_code", "=", "HX7P-3QRT")
      .executeTakeFirstOrThrow();
    expect(event.flow_id).toBe(flow.id);
  });
});
