/**
 * `/admin/audit` (issue 12 item 9). Threats: a role without `audit.read` (a helpdesk admin) reading the log or seeing
 * the way to it; a filter that silently shows everything; a day counted in UTC when the organisation lives in
 * Jakarta (an incident at 00:30 WIB filed under the day before); an edited link answered with a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../src/domain/audit-events.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";

const PASSWORD = "Right-Password-1";
const READER = { userId: "rina@contoh.example", password: PASSWORD };
const HELPDESK = { userId: "hadi@contoh.example", password: PASSWORD };
const TARGET = "tono@contoh.example";

/** An event at `time` by `actor` about `TARGET`. */
function eventAt(time: string, input: Partial<AuditEvent> = {}): AuditEvent {
  return {
    activity: "password.reset.admin",
    result: "success",
    actor: { type: "admin", userId: "ayu@contoh.example" },
    target: { userId: TARGET },
    time: new Date(time),
    ...input,
  };
}

/** Just after midnight in Jakarta on 7 December (still 6 December in UTC), and just after the next one. */
const JAKARTA_EARLY = "2026-12-06T17:30:00.000Z";
const JAKARTA_NEXT_DAY = "2026-12-07T17:30:00.000Z";

async function appIn(timeZone: string | null): Promise<TestApp> {
  const t = await buildTestApp();
  await t.seed.organisation();
  await t.seed.user({ ...READER, verifiedEmail: "rina@mail.example", passkey: true, roles: ["reports_reader"] });
  await t.seed.user({ ...HELPDESK, verifiedEmail: "hadi@mail.example", passkey: true, roles: ["helpdesk_admin"] });
  await t.seed.policy({
    scope: "all",
    "registration.requiredAtSignIn": "off",
    ...(timeZone === null ? {} : { "organisation.timeZone": timeZone }),
  });
  await t.composed.stores.audit.append([
    eventAt(JAKARTA_EARLY),
    eventAt(JAKARTA_NEXT_DAY, { activity: "sessions.revoked", result: "failure" }),
  ]);
  return t;
}

/** The activity codes of the table's rows, newest first. */
function activitiesShown(body: string): string[] {
  const table = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? "";
  return [...table.matchAll(/<span class="code">([a-z_.]+)<\/span>/g)].map((match) => match[1] ?? "");
}

describe("the audit log page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appIn("Asia/Jakarta");
  });
  afterAll(async () => t.close());

  it("a reports reader finds it in the navigation and filters by activity, actor, target and result", async () => {
    const { client } = await freshSession(t, READER);
    const overview = await client.get("/admin");
    expect(overview.body).toContain('href="/admin/audit"');
    const all = await client.get("/admin/audit");
    expect(all.status).toBe(200);
    expect(activitiesShown(all.body)).toEqual(expect.arrayContaining(["sessions.revoked", "password.reset.admin"]));
    expect(all.body).toContain("Sessions ended");
    const unlocked = await client.get("/admin/audit?activity=password.reset.admin");
    expect(activitiesShown(unlocked.body)).toEqual(["password.reset.admin"]);
    expect(unlocked.body).toMatch(/<option value="password\.reset\.admin" selected>/);
    const failures = await client.get(`/admin/audit?result=failure&target=${encodeURIComponent(TARGET)}`);
    expect(activitiesShown(failures.body)).toEqual(["sessions.revoked"]);
    const byActor = await client.get("/admin/audit?actor=ayu%40contoh.example");
    expect(activitiesShown(byActor.body)).toEqual(["sessions.revoked", "password.reset.admin"]);
  });

  it("a filter that matches nothing says so", async () => {
    const { client } = await freshSession(t, READER);
    const none = await client.get("/admin/audit?actor=nobody%40contoh.example");
    expect(none.status).toBe(200);
    expect(none.body).toContain("No audit event matches these filters.");
    expect(none.body).not.toContain("<tbody>");
  });

  it("a helpdesk admin gets 403 and no link to it", async () => {
    const { client } = await freshSession(t, HELPDESK);
    const refused = await client.get("/admin/audit");
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain("password.reset.admin");
    expect((await client.get("/admin")).body).not.toContain('href="/admin/audit"');
  });

  it("days count in the organisation's zone: 7 December in Jakarta holds 00:30 WIB, not the next 00:30", async () => {
    const { client } = await freshSession(t, READER);
    const day = await client.get("/admin/audit?from=2026-12-07&to=2026-12-07");
    expect(activitiesShown(day.body)).toEqual(["password.reset.admin"]);
    expect(day.body).toContain("7 December 2026 at 00:30 GMT+7");
    const before = await client.get("/admin/audit?to=2026-12-06");
    expect(activitiesShown(before.body)).not.toContain("password.reset.admin");
  });

  it("edited links fall back to defaults and a date that is not one is said so, never a 500", async () => {
    const { client } = await freshSession(t, READER);
    const odd = await client.get("/admin/audit?page=abc&result=maybe&activity=drop.table&from=2026-02-30&to=yesterday");
    expect(odd.status).toBe(200);
    // Nothing usable was asked for, so nothing narrows the list: both seeded events are there, with the sign-ins.
    expect(activitiesShown(odd.body)).toEqual(expect.arrayContaining(["sessions.revoked", "password.reset.admin"]));
    expect(odd.body).toContain("Enter the start day as a date");
    expect(odd.body).toContain("Enter the end day as a date");
    expect((await client.get("/admin/audit?page=999999")).status).toBe(200);
  });
});

describe("the audit log page in an organisation on UTC", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appIn("UTC");
  });
  afterAll(async () => t.close());

  it("7 December in UTC holds the event at 17:30 UTC, and 00:30 WIB falls on 6 December", async () => {
    const { client } = await freshSession(t, READER);
    const day = await client.get("/admin/audit?from=2026-12-07&to=2026-12-07");
    expect(activitiesShown(day.body)).toEqual(["sessions.revoked"]);
    const before = await client.get("/admin/audit?from=2026-12-06&to=2026-12-06");
    expect(activitiesShown(before.body)).toEqual(["password.reset.admin"]);
  });
});
