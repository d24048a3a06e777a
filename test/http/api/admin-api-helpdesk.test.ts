/**
 * The admin API's helpdesk actions beyond the first five, and its rate limit. Threats: a temporary access pass or
 * password that shows up again (a later answer, the audit log, the logs, a cache); a method removed or
 * re-registration forced on a user outside the token's group; a leaked token used as fast as a script can go.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActor } from "../../../src/domain/admin/admin-actor.js";
import { ADMIN_API_RATE, apiTokenKey } from "../../../src/domain/admin/api-rate-limit.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, eventsOf, GA, PASSWORD, seedGlobalAdmin, tokenFor } from "./admin-api-support.js";
import { createApiClient } from "./api-client.js";

/** Everything a secret could leak into: every answer given since, the audit log, the logs, the outbox. */
async function leaksOf(t: TestApp, secret: string, answers: readonly string[]): Promise<string[]> {
  const audit = JSON.stringify(await t.db.selectFrom("audit_event").selectAll().execute());
  const outbox = JSON.stringify(await t.db.selectFrom("outbox_message").selectAll().execute());
  const places = { audit, outbox, logs: t.logLines.join("\n"), answers: answers.join("\n") };
  return Object.entries(places)
    .filter(([, text]) => text.includes(secret))
    .map(([place]) => place);
}

describe("admin API: helpdesk actions and the rate limit", () => {
  let t: TestApp;
  let ga: AdminActor;
  let call: ReturnType<typeof callWith>;
  let helpdesk: { id: string; secret: string };
  let branch: string;

  beforeAll(async () => {
    t = await buildTestApp();
    call = callWith(t);
    await t.seed.organisation();
    ga = await seedGlobalAdmin(t);
    for (const group of ["Branch", "Elsewhere"])
      await t.composed.services.adminActions.addGroup(ga, { name: group, description: "" });
    for (const [userId, group] of [
      ["tina@contoh.example", "Branch"],
      ["olga@contoh.example", "Elsewhere"],
    ] as const)
      await t.seed.user({
        userId,
        password: PASSWORD,
        groups: [group],
        verifiedEmail: `${userId.split("@")[0]}@mail.example`,
      });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    helpdesk = await tokenFor(t, { role: "helpdesk_admin" }, ga);
    branch = (await tokenFor(t, { role: "helpdesk_admin", group: "Branch" })).secret;
  });
  afterAll(async () => t.close());

  it("a temporary access pass is returned once and never appears in the audit log or logs", async () => {
    const issued = await call(helpdesk.secret, "POST", "/users/tina@contoh.example/access-pass", { minutes: 30 });
    expect(issued.statusCode).toBe(200);
    expect(issued.headers["cache-control"]).toBe("no-store");
    const { code, expiresAt } = issued.json<{ code: string; expiresAt: string }>();
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(30 * 60 * 1000);
    const later = [
      (await call(helpdesk.secret, "GET", "/users/tina@contoh.example")).body,
      (await call((await tokenFor(t, { role: "global_admin" })).secret, "GET", "/audit?limit=1000")).body,
    ];
    expect(await leaksOf(t, code, later)).toEqual([]);
    const stored = await t.db.selectFrom("temporary_access_pass").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(code);
    const event = (await eventsOf(t, "access_pass.issued")).at(-1);
    expect(event).toMatchObject({ actor_type: "token", actor_id: helpdesk.id, actor_user_id: GA.userId });
    expect(
      (await call(helpdesk.secret, "POST", "/users/tina@contoh.example/access-pass", { minutes: 5 })).statusCode,
    ).toBe(400);
  });

  it("an admin reset's password is in its own no-store answer only", async () => {
    const reset = await call(helpdesk.secret, "POST", "/users/olga@contoh.example/reset-password");
    expect(reset.statusCode).toBe(200);
    expect(reset.headers["cache-control"]).toBe("no-store");
    const { temporaryPassword } = reset.json<{ temporaryPassword: string }>();
    const later = [(await call(helpdesk.secret, "GET", "/users/olga@contoh.example")).body];
    expect(await leaksOf(t, temporaryPassword, later)).toEqual([]);
  });

  it("lists methods masked, removes one, requires re-registration and sends a reminder", async () => {
    const listed = (await call(helpdesk.secret, "GET", "/users/tina@contoh.example/methods")).json<{
      methods: { id: string; kind: string; shown: string }[];
    }>();
    const email = listed.methods.find((method) => method.kind === "email");
    if (email === undefined) throw new Error("tina has an email method");
    expect(email.shown).not.toBe("tina@mail.example");
    const reminded = await call(helpdesk.secret, "POST", "/users/tina@contoh.example/registration-reminder");
    expect(reminded.json<{ recipients: number }>().recipients).toBeGreaterThanOrEqual(1);
    const removed = await call(helpdesk.secret, "DELETE", `/users/tina@contoh.example/methods/${email.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json<{ method: string }>().method).toBe("email");
    expect((await call(helpdesk.secret, "DELETE", `/users/tina@contoh.example/methods/${email.id}`)).statusCode).toBe(
      404,
    );
    const forced = await call(helpdesk.secret, "POST", "/users/olga@contoh.example/require-reregistration");
    expect(forced.json<{ methodsRemoved: number }>().methodsRemoved).toBe(1);
    expect((await eventsOf(t, "security_info.reregistration_required")).at(-1)?.target_user_id).toBe(
      "olga@contoh.example",
    );
  });

  it("diagnoses by support code; the flow is shown without its secret's hash or step data", async () => {
    const started = await createApiClient(t.app).start("tina@contoh.example");
    const supportCode = started.body.supportCode ?? started.body.flow?.supportCode;
    if (supportCode === undefined) throw new Error(`no support code: ${started.raw}`);
    const diagnosed = await call(helpdesk.secret, "GET", `/diagnose?q=${encodeURIComponent(supportCode)}`);
    expect(diagnosed.statusCode).toBe(200);
    const body = diagnosed.json<{ subject: { via: string; flow: Record<string, unknown> }; checks: unknown[] }>();
    expect(body.subject.via).toBe("support_code");
    expect(body.subject.flow).toMatchObject({ supportCode });
    expect(Object.keys(body.subject.flow)).not.toEqual(expect.arrayContaining(["secretHash"]));
    expect(diagnosed.body).not.toMatch(/secretHash|stepData|typedUserId/);
    expect(body.checks.length).toBe(13);
  });

  it("the user page shows a sign-in lock without its key or the HMACs of the recent wrong passwords", async () => {
    const now = t.clock.now();
    await t.composed.stores.signInLockouts.save({
      key: "olga@contoh.example",
      failures: 7,
      lockLevel: 1,
      lockedUntil: new Date(now.getTime() + 60_000),
      lastFailureAt: now,
      recentWrong: ["c0ffee0ddba11c0ffee0ddba11"],
    });
    const page = await call(helpdesk.secret, "GET", "/users/olga@contoh.example");
    expect(page.statusCode).toBe(200);
    expect(page.json<{ signInLock: unknown }>().signInLock).toEqual({
      failures: 7,
      lockLevel: 1,
      lockedUntil: new Date(now.getTime() + 60_000).toISOString(),
      lastFailureAt: now.toISOString(),
    });
    expect(page.body).not.toContain("c0ffee0ddba11");
  });

  it("a group-scoped token cannot issue a pass, remove a method or force re-registration outside its group", async () => {
    for (const [method, url] of [
      ["POST", "/users/olga@contoh.example/access-pass"],
      ["POST", "/users/olga@contoh.example/require-reregistration"],
      ["POST", "/users/olga@contoh.example/registration-reminder"],
      ["DELETE", "/users/olga@contoh.example/methods/any"],
    ] as const)
      expect((await call(branch, method, url)).statusCode, url).toBe(403);
    expect((await t.db.selectFrom("temporary_access_pass").selectAll().execute()).length).toBe(1);
    const reader = (await tokenFor(t, { role: "reports_reader" })).secret;
    expect((await call(reader, "POST", "/users/tina@contoh.example/access-pass")).statusCode).toBe(403);
  });

  it(`rate limit: past ${String(ADMIN_API_RATE.limit)} requests a minute a token gets 429 with Retry-After, once audited`, async () => {
    const flooding = await tokenFor(t, { role: "helpdesk_admin" });
    const other = await tokenFor(t, { role: "helpdesk_admin" });
    // The minute's earlier requests, as the real ones record them (one T1 row each), so the test need not send 600.
    const earlier = Array.from({ length: ADMIN_API_RATE.limit - 1 }, () => ({
      counter: "T1",
      key: apiTokenKey(flooding.id),
      at: t.clock.now(),
    }));
    await t.db.insertInto("throttle_hit").values(earlier).execute();
    expect((await call(flooding.secret, "GET", "/groups")).statusCode).toBe(200);
    const refused = await call(flooding.secret, "GET", "/groups");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe(String(ADMIN_API_RATE.blockSeconds));
    expect(refused.json<{ code: string }>().code).toBe("rate_limited");
    t.clock.advanceSeconds(10);
    const blocked = await call(flooding.secret, "GET", "/groups");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBe(String(ADMIN_API_RATE.blockSeconds - 10));
    expect((await call(other.secret, "GET", "/groups")).statusCode).toBe(200);
    // A real request records its own T1 hit, under its own token's key.
    const otherHits = await t.db
      .selectFrom("throttle_hit")
      .selectAll()
      .where("key", "=", apiTokenKey(other.id))
      .execute();
    expect(otherHits.map((hit) => hit.counter)).toEqual(["T1"]);
    const limited = (await eventsOf(t, "token.used_denied")).filter((event) => event.reason === "rate_limited");
    expect(limited.map((event) => event.actor_id)).toEqual([flooding.id]);
    t.clock.advanceSeconds(ADMIN_API_RATE.blockSeconds);
    expect((await call(flooding.secret, "GET", "/groups")).statusCode).toBe(200);
  });
});
