/**
 * The admin API's audit read takes the portal's filters (issue 12 item 9), through the same service. Threats: a
 * filter the API ignores (a program exporting one activity gets everything); a role without `audit.read` reading it;
 * a time that is not one answered with a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../src/domain/audit-events.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, tokenFor } from "./admin-api-support.js";

function eventAt(time: string, input: Partial<AuditEvent>): AuditEvent {
  return {
    activity: "password.reset.admin",
    result: "success",
    actor: { type: "admin", userId: "ayu@contoh.example" },
    target: { userId: "tono@contoh.example" },
    time: new Date(time),
    ...input,
  };
}

describe("GET /api/v1/admin/audit with filters", () => {
  let t: TestApp;
  let call: ReturnType<typeof callWith>;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    call = callWith(t);
    await t.composed.stores.audit.append([
      eventAt("2026-12-06T10:00:00.000Z", {}),
      eventAt("2026-12-06T11:00:00.000Z", { activity: "sessions.revoked", result: "failure" }),
      eventAt("2026-12-06T12:00:00.000Z", {
        actor: { type: "system", id: "nightly-job" },
        target: { userId: "umi@contoh.example" },
      }),
    ]);
  });
  afterAll(async () => t.close());

  it("keeps only what the filters ask for, oldest first, and pages back with offset", async () => {
    const { secret } = await tokenFor(t, { role: "reports_reader" });
    const read = async (query: string) => {
      const response = await call(secret, "GET", `/audit?${query}`);
      expect(response.statusCode, query).toBe(200);
      return response.json<{ events: { activity: string; time: string }[] }>().events;
    };
    expect((await read("activity=sessions.revoked")).map((event) => event.activity)).toEqual(["sessions.revoked"]);
    expect(await read("result=failure")).toHaveLength(1);
    expect(await read("actor=nightly-job")).toHaveLength(1);
    expect(await read("targetUserId=umi%40contoh.example")).toHaveLength(1);
    const window = await read("from=2026-12-06T10:30:00Z&to=2026-12-06T12:00:00Z");
    expect(window.map((event) => event.time)).toEqual(["2026-12-06T11:00:00.000Z"]);
    const older = await read("from=2026-12-06T00:00:00Z&limit=1&offset=1");
    expect(older.map((event) => event.time)).toEqual(["2026-12-06T11:00:00.000Z"]);
  });

  it("refuses a time that is not one without a 500, and a helpdesk token with 403", async () => {
    const { secret } = await tokenFor(t, { role: "reports_reader" });
    const bad = await call(secret, "GET", "/audit?from=yesterday");
    expect([400, 422]).toContain(bad.statusCode);
    const helpdesk = await tokenFor(t, { role: "helpdesk_admin" });
    expect((await call(helpdesk.secret, "GET", "/audit")).statusCode).toBe(403);
  });
});
