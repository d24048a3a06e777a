/**
 * `GET /api/v1/admin/users/{userId}/methods/history` and the domain's method history (issue 12). Threats: a
 * group-scoped admin or token reading the history of a user outside their group; an answer that carries a full
 * address or number, a record's ids or the acting admin's account; a role without `methods.view` reading it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminActor, CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, PASSWORD, seedGlobalAdmin, tokenFor } from "./admin-api-support.js";

const TINA = { userId: "tina@contoh.example", email: "tina@mail.example", mobile: "+6281234567890" };
const OLGA = "olga@contoh.example";

interface HistoryJson {
  events: Record<string, unknown>[];
}

describe("admin API: a user's method history", () => {
  let t: TestApp;
  let call: ReturnType<typeof callWith>;
  let ga: AdminActor;
  let tinaRef: string;
  let olgaRef: string;
  let helpdesk: { id: string; secret: string };

  beforeAll(async () => {
    t = await buildTestApp();
    call = callWith(t);
    await t.seed.organisation();
    ga = await seedGlobalAdmin(t);
    for (const name of ["Branch", "Elsewhere"])
      await t.composed.services.adminActions.addGroup(CONSOLE_ACTOR, { name, description: "" });
    tinaRef = await t.seed.user({
      userId: TINA.userId,
      password: PASSWORD,
      groups: ["Branch"],
      verifiedEmail: TINA.email,
      verifiedMobile: TINA.mobile,
    });
    olgaRef = await t.seed.user({
      userId: OLGA,
      password: PASSWORD,
      groups: ["Elsewhere"],
      verifiedEmail: "o@x.example",
    });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    helpdesk = await tokenFor(t, { role: "helpdesk_admin" }, ga);
    // Real history: the helpdesk removes Tina's phone and Olga's email through the API, as a lost phone would.
    for (const userId of [TINA.userId, OLGA]) {
      const methods = (await call(helpdesk.secret, "GET", `/users/${userId}/methods`)).json<{
        methods: { id: string; kind: string }[];
      }>().methods;
      const removed = methods.find((method) => method.kind !== "email") ?? methods[0];
      expect((await call(helpdesk.secret, "DELETE", `/users/${userId}/methods/${removed?.id ?? ""}`)).statusCode).toBe(
        200,
      );
    }
  });
  afterAll(async () => t.close());

  it("answers the history newest first, masked, with no secret, id or account ref in it", async () => {
    const answer = await call(helpdesk.secret, "GET", `/users/${TINA.userId}/methods/history`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["cache-control"]).toBe("no-store");
    const { events } = answer.json<HistoryJson>();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(Object.keys(event ?? {}).sort()).toEqual(["action", "at", "by", "client", "ip", "masked", "method"]);
    expect(event).toMatchObject({ method: "sms", action: "removed", by: "token" });
    expect(event?.masked).toMatch(/90$/);
    for (const secret of [TINA.mobile, TINA.mobile.slice(1), TINA.email, tinaRef, helpdesk.id])
      expect(answer.body, secret).not.toContain(secret);
    const methodRows = await t.db.selectFrom("verified_method").select("id").where("user_ref", "=", tinaRef).execute();
    for (const row of methodRows) expect(answer.body).not.toContain(row.id);
  });

  it("a group-scoped token gets 403 for a user outside its group, as the other user reads do; 404 for nobody", async () => {
    const scoped = (await tokenFor(t, { role: "helpdesk_admin", group: "Branch" })).secret;
    expect((await call(scoped, "GET", `/users/${TINA.userId}/methods/history`)).statusCode).toBe(200);
    const outside = await call(scoped, "GET", `/users/${OLGA}/methods/history`);
    expect(outside.statusCode).toBe(403);
    expect(outside.body).not.toContain("removed");
    expect((await call(scoped, "GET", `/users/${OLGA}/methods`)).statusCode).toBe(403);
    expect((await call(scoped, "GET", "/users/nobody@contoh.example/methods/history")).statusCode).toBe(404);
  });

  it("a reports reader, who may not view methods, gets 403", async () => {
    const reader = (await tokenFor(t, { role: "reports_reader" })).secret;
    expect((await call(reader, "GET", `/users/${TINA.userId}/methods/history`)).statusCode).toBe(403);
  });

  it("the domain's method history refuses a group-scoped admin a user outside their group (the portal's path)", async () => {
    const scopedAdmin: AdminActor = {
      type: "admin",
      ref: "scoped-admin",
      userId: "hana@contoh.example",
      roles: ["helpdesk_admin"],
      assignments: [{ role: "helpdesk_admin", scopeGroup: "Branch" }],
      ip: "10.1.1.2",
      client: "test",
    };
    const actions = t.composed.services.adminActions;
    expect(await actions.methodHistory(scopedAdmin, olgaRef)).toEqual({ ok: false, reason: "forbidden" });
    const inside = await actions.methodHistory(scopedAdmin, tinaRef);
    expect(inside.ok && inside.value.map((event) => event.method)).toEqual(["sms"]);
    expect(await actions.methodHistory(scopedAdmin, "no-such-ref")).toEqual({ ok: false, reason: "not_found" });
    const all = await actions.methodHistory(ga, olgaRef);
    expect(all.ok && all.value.map((event) => event.method)).toEqual(["email"]);
  });
});
