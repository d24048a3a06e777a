/**
 * /admin/tokens (ADR 0020). Threats: a token that is shown again after creation or listed with its secret; a
 * revoked token that keeps working; a non-global admin managing tokens; a form that loses what was typed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { hiddenValue } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const GA = { userId: "ayu@contoh.example", password: PASSWORD, email: "ayu@mail.example" };
const HA = { userId: "hadi@contoh.example", password: PASSWORD, email: "hadi@mail.example" };

describe("the API token pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({
      userId: GA.userId,
      password: PASSWORD,
      verifiedEmail: GA.email,
      passkey: true,
      roles: ["global_admin"],
    });
    await t.seed.user({
      userId: HA.userId,
      password: PASSWORD,
      verifiedEmail: HA.email,
      passkey: true,
      roles: ["helpdesk_admin"],
    });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a global admin creates a token that is shown once, listed without its secret, and stops working when revoked", async () => {
    const { client, csrf } = await freshSession(t, GA);
    const bad = await client.post("/admin/tokens", {
      csrf,
      name: "Nightly sync",
      role: "helpdesk_admin",
      group: "",
      days: "999",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("from 1 to 365");
    expect(bad.body).toContain('value="Nightly sync"');
    const created = await client.post("/admin/tokens", {
      csrf,
      name: "Nightly sync",
      role: "helpdesk_admin",
      group: "",
      days: "30",
    });
    expect(created.status).toBe(200);
    const secret = /<code id="token-secret"[^>]*>([^<]+)<\/code>/.exec(created.body)?.[1] ?? "";
    expect(secret).toMatch(/^sandi_at_/);
    const list = await client.get("/admin/tokens");
    expect(list.body).toContain("Nightly sync");
    expect(list.body).not.toContain(secret);
    const call = () =>
      t.app.inject({ method: "GET", url: "/api/v1/admin/groups", headers: { authorization: `Bearer ${secret}` } });
    expect((await call()).statusCode).toBe(200);
    const action = /action="(\/admin\/tokens\/[^"]+\/revoke)"/.exec(list.body)?.[1] ?? "";
    const revoked = await client.post(action, { csrf: hiddenValue(list.body, "csrf") });
    expect(revoked.status).toBe(303);
    expect((await call()).statusCode).toBe(401);
    const audited = await t.db
      .selectFrom("audit_event")
      .select("activity")
      .where("actor_user_id", "=", GA.userId)
      .execute();
    expect(audited.map((event) => event.activity)).toEqual(expect.arrayContaining(["token.created", "token.revoked"]));
  });

  it("a helpdesk admin cannot see or create tokens", async () => {
    const { client, csrf } = await freshSession(t, HA);
    expect((await client.get("/admin/tokens")).status).toBe(403);
    const post = await client.post("/admin/tokens", {
      csrf,
      name: "Mine",
      role: "global_admin",
      group: "",
      days: "30",
    });
    expect(post.status).toBe(403);
    expect(await t.db.selectFrom("api_token").select("id").where("name", "=", "Mine").execute()).toEqual([]);
  });
});
