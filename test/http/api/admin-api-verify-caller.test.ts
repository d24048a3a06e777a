/**
 * The admin API's "Verify caller" (SPEC §10): list the masked ways, send, check. Threats: a token above its rank; a
 * code checked by another token than the one that sent it; the code in an answer or the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import type { AdminRole } from "../../../src/domain/users.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { latestCodeFor } from "../../support/reset-journey.js";
import { appCode, saveApp, wrongAppCode } from "../../support/app-gate-rows.js";

const BUDI = { userId: "budi@contoh.example", email: "budi.santoso@gmail.com" };
const SARI = { userId: "sari@contoh.example", email: "sari@mail.example" };
const CITRA = { userId: "citra@contoh.example", email: "citra@mail.example" };

describe("the admin API's verify caller", () => {
  let t: TestApp;

  async function token(role: AdminRole, name: string): Promise<string> {
    const created = await t.composed.services.adminActions.createApiToken(CONSOLE_ACTOR, {
      name,
      role,
      expiresInDays: 1,
    });
    if (!created.ok) throw new Error(created.reason);
    return created.value.secret;
  }

  async function call(method: "GET" | "POST", url: string, bearer: string, payload?: unknown) {
    const response = await t.app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>(), raw: response.body };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ userId: BUDI.userId, verifiedEmail: BUDI.email });
    await t.seed.user({ userId: SARI.userId, verifiedEmail: SARI.email, roles: ["user_admin"] });
    await t.seed.user({ userId: CITRA.userId, verifiedEmail: CITRA.email });
  });
  afterAll(async () => t.close());

  it("lists the masked ways, sends a code, and the same token checks it once", async () => {
    const helpdesk = await token("helpdesk_admin", "desk");
    const listed = await call("GET", `/users/${BUDI.userId}/verify-caller`, helpdesk);
    expect(listed.status).toBe(200);
    expect(listed.raw).not.toContain(BUDI.email);
    const routes = listed.body["routes"] as { methodId: string; channel: string; masked: string }[];
    expect(routes).toEqual([expect.objectContaining({ channel: "email", masked: "b***@g***.com" })]);
    const sent = await call("POST", `/users/${BUDI.userId}/verify-caller`, helpdesk, { methodId: routes[0]?.methodId });
    expect(sent.status).toBe(200);
    const challengeId = String(sent.body["challengeId"]);
    const code = (await latestCodeFor(t.composed, BUDI.email)) ?? "";
    expect(sent.raw).not.toContain(code);
    const other = await token("helpdesk_admin", "other desk");
    const byOther = await call("POST", `/users/${BUDI.userId}/verify-caller/${challengeId}`, other, { code });
    expect(byOther.body).toMatchObject({ result: "expired" });
    const checked = await call("POST", `/users/${BUDI.userId}/verify-caller/${challengeId}`, helpdesk, { code });
    expect(checked).toMatchObject({ status: 200, body: { result: "verified" } });
    const again = await call("POST", `/users/${BUDI.userId}/verify-caller/${challengeId}`, helpdesk, { code });
    expect(again.body).toMatchObject({ result: "expired" });
    const audit = await t.db.selectFrom("audit_event").selectAll().where("activity", "like", "caller.%").execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain(code);
  });

  it("a password admin's token cannot verify a user admin's caller (rank); an unknown method is a 409", async () => {
    const password = await token("password_admin", "l1");
    const refused = await call("POST", `/users/${SARI.userId}/verify-caller`, password, { methodId: "any" });
    expect(refused.status).toBe(403);
    expect((await call("GET", `/users/${SARI.userId}/verify-caller`, password)).status).toBe(403);
    const unknown = await call("POST", `/users/${BUDI.userId}/verify-caller`, password, { methodId: "nothing" });
    expect(unknown).toMatchObject({ status: 409, body: { code: "no_method" } });
  });

  it("an app's code: nothing sent, a wrong code counted, the right one verifies once, a replay is refused", async () => {
    const helpdesk = await token("helpdesk_admin", "app desk");
    const app = await saveApp(t, CITRA.userId, "Work phone");
    const listed = await call("GET", `/users/${CITRA.userId}/verify-caller`, helpdesk);
    expect(listed.body["routes"]).toContainEqual({
      methodId: app.methodId,
      kind: "totp",
      channel: "app",
      masked: "Work phone",
    });
    const begin = () =>
      call("POST", `/users/${CITRA.userId}/verify-caller`, helpdesk, { methodId: app.methodId, channel: "app" });
    const first = await begin();
    expect(first).toMatchObject({ status: 200, body: { route: { channel: "app" } } });
    const check = (challengeId: unknown, code: string) =>
      call("POST", `/users/${CITRA.userId}/verify-caller/${String(challengeId)}`, helpdesk, { code });
    const wrong = await check(first.body["challengeId"], wrongAppCode(app.secret, t.clock.now()));
    expect(wrong.body).toEqual({ result: "not_verified", attemptsLeft: 2 });
    const code = appCode(app.secret, t.clock.now());
    expect((await check(first.body["challengeId"], code)).body).toMatchObject({ result: "verified" });
    const second = await begin();
    expect((await check(second.body["challengeId"], code)).body).toEqual({ result: "replayed", attemptsLeft: 2 });
  });

  it("a reports reader's token is refused", async () => {
    const reader = await token("reports_reader", "rr");
    expect((await call("GET", `/users/${BUDI.userId}/verify-caller`, reader)).status).toBe(403);
  });
});
