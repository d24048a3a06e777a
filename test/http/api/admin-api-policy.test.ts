/**
 * The admin API's policy operations: versions, diff, restore, save, simulation and evaluation. Threats: a save or
 * restore that strands people without anyone confirming the loss; an adoption that does the same; a role below
 * Global admin changing or simulating the policy; a change nobody can trace to the admin behind the token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActor } from "../../../src/domain/admin/admin-actor.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, eventsOf, GA, PASSWORD, seedGlobalAdmin, tokenFor } from "./admin-api-support.js";

/** Budi (sales) can reset today; a policy scoped to finance would take that away from him. */
const STRANDING = { scope: "selected", scopeGroups: "finance" };

interface Saved {
  saved: { version: number; createdBy: string; createdAt: string } | null;
  current: { version: number };
  changes: { field: string }[];
}

describe("admin API: the policy", () => {
  let t: TestApp;
  let ga: AdminActor;
  let secret: string;
  let tokenId: string;
  let call: ReturnType<typeof callWith>;

  beforeAll(async () => {
    t = await buildTestApp();
    call = callWith(t);
    await t.seed.organisation();
    ga = await seedGlobalAdmin(t);
    await t.seed.user({ userId: "budi@contoh.example", password: PASSWORD, verifiedEmail: "budi@mail.example" });
    await t.seed.user({ userId: "citra@contoh.example", password: PASSWORD, verifiedEmail: "citra@mail.example" });
    await t.seed.addToGroup("sales", "budi@contoh.example");
    await t.seed.addToGroup("finance", "citra@contoh.example");
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    ({ secret, id: tokenId } = await tokenFor(t, { role: "global_admin" }, ga));
  });
  afterAll(async () => t.close());

  it("a save that would strand people is refused with the loss (409) until the warnings are confirmed", async () => {
    const before = await t.db.selectFrom("sspr_policy").select("version").execute();
    const refused = await call(secret, "PUT", "/policy", { settings: STRANDING });
    expect(refused.statusCode).toBe(409);
    const body = refused.json<{ code: string; details: { loss: { users: number }; warnings: { rule: string }[] } }>();
    expect(body.code).toBe("unconfirmed");
    expect(body.details.loss.users).toBeGreaterThanOrEqual(1);
    expect(body.details.warnings.map((warning) => warning.rule)).toContain("V10");
    expect(await t.db.selectFrom("sspr_policy").select("version").execute()).toEqual(before);

    const saved = await call(secret, "PUT", "/policy", { settings: STRANDING, confirmWarnings: true });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers["cache-control"]).toBe("no-store");
    const result = saved.json<Saved>();
    expect(result.saved?.createdBy).toBe(`token:${tokenId}`);
    expect(result.saved?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(result.changes.map((change) => change.field)).toContain("scope");
  });

  it("the change is audited with the token's owner as actor and the token's id", async () => {
    const event = (await eventsOf(t, "policy.updated")).at(-1);
    expect(event).toMatchObject({ actor_type: "token", actor_id: tokenId, actor_user_id: GA.userId });
  });

  it("lists the versions, shows one as a diff, and restores an old one only with the loss confirmed", async () => {
    const listed = (await call(secret, "GET", "/policy/versions")).json<{ versions: { version: number }[] }>();
    const [newest, previous] = listed.versions;
    if (newest === undefined || previous === undefined) throw new Error("two versions expected");
    const diff = await call(secret, "GET", `/policy/versions/${String(newest.version)}`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json<{ against: string; changes: { field: string }[] }>()).toMatchObject({ against: "previous" });
    expect((await call(secret, "GET", "/policy/versions/999999")).statusCode).toBe(404);

    // Going back to "everyone" loses nobody: no confirmation needed; then forward again strands Budi once more.
    const back = await call(secret, "POST", `/policy/versions/${String(previous.version)}/restore`);
    expect(back.statusCode).toBe(200);
    const forward = await call(secret, "POST", `/policy/versions/${String(newest.version)}/restore`);
    expect(forward.statusCode).toBe(409);
    expect(forward.json<{ code: string }>().code).toBe("unconfirmed");
    const confirmed = await call(secret, "POST", `/policy/versions/${String(newest.version)}/restore`, {
      confirmWarnings: true,
    });
    expect(confirmed.statusCode).toBe(200);
    const event = (await eventsOf(t, "policy.updated")).at(-1);
    expect(event?.reason).toBe(`restored:${String(newest.version)}`);
    // Back to everyone for the tests below.
    expect((await call(secret, "PUT", "/policy", { settings: { scope: "all" } })).statusCode).toBe(200);
  });

  it("one setting at a time asks for the same confirmation: PUT /policy/settings is no shortcut past the loss", async () => {
    expect((await call(secret, "PUT", "/policy", { settings: { scopeGroups: "finance" } })).statusCode).toBe(200);
    const refused = await call(secret, "PUT", "/policy/settings", { key: "scope", value: "selected" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ details: { loss: { users: number } } }>().details.loss.users).toBeGreaterThanOrEqual(1);
    const confirmed = await call(secret, "PUT", "/policy/settings", {
      key: "scope",
      value: "selected",
      confirmWarnings: true,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<Saved>().changes.map((change) => change.field)).toContain("scope");
    const unchanged = await call(secret, "PUT", "/policy/settings", { key: "scope", value: "selected" });
    expect(unchanged.json<Saved>()).toMatchObject({ saved: null, changes: [] });
    expect((await call(secret, "PUT", "/policy", { settings: { scope: "all" } })).statusCode).toBe(200);
  });

  it("simulates a draft: summary counts, the loss, and the affected people paged", async () => {
    const response = await call(secret, "POST", "/policy/simulate", { settings: STRANDING, limit: 1 });
    expect(response.statusCode).toBe(200);
    const report = response.json<{
      loss: { users: number };
      live: { users: { people: number } };
      affected: { total: number; limit: number; rows: { userId: string; draftReason: string | null }[] };
      ranAt: string;
    }>();
    expect(report.loss.users).toBeGreaterThanOrEqual(1);
    expect(report.live.users.people).toBeGreaterThanOrEqual(2);
    expect(report.affected.limit).toBe(1);
    expect(report.affected.rows).toHaveLength(1);
    expect(report.affected.total).toBeGreaterThanOrEqual(1);
    expect(report.ranAt).toMatch(/Z$/);
    const rowIds = [];
    for (let offset = 0; offset < report.affected.total; offset++) {
      const page = await call(secret, "POST", "/policy/simulate", { settings: STRANDING, offset, limit: 1 });
      rowIds.push(...page.json<typeof report>().affected.rows.map((row) => row.userId));
    }
    expect(rowIds).toContain("budi@contoh.example");
    const bad = await call(secret, "POST", "/policy/simulate", { settings: { methodsToReset: "nine" } });
    expect(bad.statusCode).toBe(422);
  });

  it("evaluation: start, status, adopt refused until the loss is confirmed, then adopted; stop when none runs", async () => {
    const started = await call(secret, "POST", "/policy/evaluation/start", { settings: STRANDING, days: 7 });
    expect(started.statusCode).toBe(200);
    expect((await call(secret, "POST", "/policy/evaluation/start", { settings: STRANDING, days: 7 })).statusCode).toBe(
      409,
    );
    const status = (await call(secret, "GET", "/policy/evaluation")).json<{ running: boolean; changes: unknown[] }>();
    expect(status.running).toBe(true);
    expect(status.changes.length).toBeGreaterThan(0);
    const refused = await call(secret, "POST", "/policy/evaluation/adopt");
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string; details: { loss: { users: number } } }>()).toMatchObject({
      code: "loss_unconfirmed",
      details: { loss: { users: 1 } },
    });
    const adopted = await call(secret, "POST", "/policy/evaluation/adopt", { confirmLoss: true });
    expect(adopted.statusCode).toBe(200);
    expect((await call(secret, "POST", "/policy/evaluation/stop")).json<{ code: string }>().code).toBe("not_running");
    expect((await call(secret, "POST", "/policy/evaluation/start", { settings: STRANDING, days: 99 })).statusCode).toBe(
      400,
    );
  });

  it("a helpdesk token reads nothing it may not and changes nothing (403, audited), a reports reader reads the evaluation", async () => {
    const helpdesk = await tokenFor(t, { role: "helpdesk_admin" });
    const reader = await tokenFor(t, { role: "reports_reader" });
    const before = await t.db.selectFrom("sspr_policy").select("version").execute();
    for (const [method, url, payload] of [
      ["POST", "/policy/simulate", { settings: STRANDING }],
      ["PUT", "/policy", { settings: STRANDING, confirmWarnings: true }],
      ["POST", "/policy/versions/1/restore", { confirmWarnings: true }],
      ["POST", "/policy/evaluation/start", { settings: STRANDING, days: 1 }],
      ["GET", "/policy/evaluation", undefined],
    ] as const)
      expect((await call(helpdesk.secret, method, url, payload)).statusCode, url).toBe(403);
    expect((await call(reader.secret, "PUT", "/policy", { settings: STRANDING })).statusCode).toBe(403);
    expect((await call(reader.secret, "GET", "/policy/evaluation")).statusCode).toBe(200);
    expect((await call(reader.secret, "GET", "/policy/versions")).statusCode).toBe(200);
    expect(await t.db.selectFrom("sspr_policy").select("version").execute()).toEqual(before);
    const denied = await eventsOf(t, "token.used_denied");
    expect(denied.some((event) => event.actor_id === helpdesk.id && event.reason?.startsWith("forbidden:"))).toBe(true);
  });
});
