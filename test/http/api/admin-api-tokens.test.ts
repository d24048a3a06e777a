/**
 * The admin API's tokens (ADR 0020). Threats: a stolen database row that works as a token; a token that keeps
 * working after it expired or was revoked; a group-scoped token reaching outside its group; a reports reader that
 * changes something; a token used to reset its creator's own password or a user above its role; a token that
 * mints more tokens; refused uses that leave no trace.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminActor, CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import type { NewApiToken } from "../../../src/domain/admin/api-tokens.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";

const PASSWORD = "Right-Password-1";
const GA = { userId: "ayu@contoh.example", roles: ["global_admin"] as const };

describe("admin API tokens", () => {
  let t: TestApp;
  let gaActor: AdminActor;
  const admin = () => t.composed.services.adminActions;

  async function tokenFor(input: Partial<NewApiToken> & Pick<NewApiToken, "role">, actor = CONSOLE_ACTOR) {
    const created = await admin().createApiToken(actor, { name: "test", expiresInDays: 30, ...input });
    if (!created.ok) throw new Error(created.reason);
    return created.value;
  }

  function call(token: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) {
    return t.app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(method === "GET" ? {} : { payload: payload ?? {} }),
    });
  }

  async function deniedEvents() {
    return t.db.selectFrom("audit_event").selectAll().where("activity", "=", "token.used_denied").execute();
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    const gaRef = await t.seed.user({ ...GA, password: PASSWORD, verifiedEmail: "ayu@mail.example", passkey: true });
    gaActor = { type: "admin", ref: gaRef, userId: GA.userId, roles: ["global_admin"], ip: "10.1.1.1", client: "test" };
    for (const group of ["Branch", "Elsewhere"])
      await admin().addGroup(CONSOLE_ACTOR, { name: group, description: "" });
    await t.seed.user({ userId: "tina@contoh.example", password: PASSWORD, groups: ["Branch"] });
    await t.seed.user({ userId: "tomi@contoh.example", password: PASSWORD, groups: ["Branch"] });
    await t.seed.user({ userId: "olga@contoh.example", password: PASSWORD, groups: ["Elsewhere"] });
    await t.seed.user({ userId: "umar@contoh.example", password: PASSWORD, roles: ["user_admin"], groups: ["Branch"] });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a stolen token row is useless: only the secret's SHA-256 is kept, and no audit event holds the secret", async () => {
    const { token, secret } = await tokenFor({ role: "helpdesk_admin" });
    expect(secret).toMatch(/^sandi_at_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.selectFrom("api_token").selectAll().where("id", "=", token.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret.slice("sandi_at_".length));
    expect((await call(row.secret_hash, "GET", "/groups")).statusCode).toBe(401);
    const audit = await t.db.selectFrom("audit_event").selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(secret.slice("sandi_at_".length));
    const created = audit.find((event) => event.activity === "token.created" && event.reason === `token:${token.id}`);
    expect(created?.actor_type).toBe("system");
  });

  it("an expired token is refused and the refusal audited; its last good use was recorded", async () => {
    const { token, secret } = await tokenFor({ role: "helpdesk_admin", expiresInDays: 1 });
    expect((await call(secret, "GET", "/groups")).statusCode).toBe(200);
    const used = await t.db.selectFrom("api_token").selectAll().where("id", "=", token.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).toEqual(t.clock.now());
    t.clock.advanceSeconds(86_400);
    const refused = await call(secret, "GET", "/groups");
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: "token_invalid" });
    expect((await deniedEvents()).some((event) => event.actor_id === token.id && event.reason === "expired")).toBe(
      true,
    );
  });

  it("a revoked token stops working at once, and the revocation is audited with the admin as actor", async () => {
    const { token, secret } = await tokenFor({ role: "helpdesk_admin" }, gaActor);
    expect((await call(secret, "GET", "/groups")).statusCode).toBe(200);
    const revoked = await admin().revokeApiToken(gaActor, token.id);
    expect(revoked.ok && revoked.value.revoked).toBe(true);
    expect((await call(secret, "GET", "/groups")).statusCode).toBe(401);
    expect((await deniedEvents()).some((event) => event.actor_id === token.id && event.reason === "revoked")).toBe(
      true,
    );
    const event = await t.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "token.revoked")
      .where("reason", "=", `token:${token.id}`)
      .executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(GA.userId);
  });

  it("a helpdesk token scoped to a group finds and acts on that group's members only", async () => {
    const { secret } = await tokenFor({ role: "helpdesk_admin", group: "Branch" });
    const found = (await call(secret, "GET", "/users?q=contoh")).json<{ users: { userId: string }[] }>();
    const ids = found.users.map((user) => user.userId);
    expect(ids).toContain("tina@contoh.example");
    expect(ids).not.toContain("olga@contoh.example");
    expect((await call(secret, "GET", "/users/olga@contoh.example")).statusCode).toBe(403);
    expect((await call(secret, "POST", "/users/olga@contoh.example/unlock")).statusCode).toBe(403);
    const unlocked = await call(secret, "POST", "/users/tina@contoh.example/unlock");
    expect(unlocked.statusCode).toBe(200);
    const event = await t.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "directory.user.changed")
      .where("target_user_id", "=", "tina@contoh.example")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event.actor_type).toBe("token");
    expect(event.client).toContain("helpdesk_admin in Branch");
    // Organisation-wide reads need an unscoped role.
    expect((await call(secret, "GET", "/policy")).statusCode).toBe(403);
  });

  it("a reports reader token changes nothing: every write is refused, audited, and the data stays as it was", async () => {
    const { secret } = await tokenFor({ role: "reports_reader" });
    const policyBefore = await t.db.selectFrom("sspr_policy").select("version").execute();
    const before = await t.db
      .selectFrom("audit_event")
      .select("id")
      .where("activity", "!=", "token.used_denied")
      .execute();
    const writes: [string, object][] = [
      ["/users/tina@contoh.example/reset-password", {}],
      ["/users/tina@contoh.example/unlock", {}],
      ["/users/tina@contoh.example/clear-block", {}],
      ["/users/tina@contoh.example/revoke-sessions", {}],
      ["/users/tina@contoh.example/release-hold", { note: "ok" }],
      ["/users/tina@contoh.example/disable", {}],
      ["/policy/validate", { key: "methodsToReset", value: "2" }],
    ];
    for (const [url, body] of writes) expect((await call(secret, "POST", url, body)).statusCode, url).toBe(403);
    const set = await call(secret, "PUT", "/policy/settings", { key: "methodsToReset", value: "2" });
    expect(set.statusCode).toBe(403);
    expect(await t.db.selectFrom("sspr_policy").select("version").execute()).toEqual(policyBefore);
    const after = await t.db
      .selectFrom("audit_event")
      .select("id")
      .where("activity", "!=", "token.used_denied")
      .execute();
    expect(after).toEqual(before);
    expect((await call(secret, "GET", "/audit?limit=5")).statusCode).toBe(200);
  });

  it("a token never acts on the account of the global admin who created it, nor above its role", async () => {
    const { secret } = await tokenFor({ role: "global_admin" }, gaActor);
    expect((await call(secret, "POST", `/users/${GA.userId}/reset-password`)).statusCode).toBe(403);
    const helpdesk = await tokenFor({ role: "helpdesk_admin" });
    expect((await call(helpdesk.secret, "POST", "/users/umar@contoh.example/reset-password")).statusCode).toBe(403);
    const reset = await call(helpdesk.secret, "POST", "/users/tomi@contoh.example/reset-password");
    expect(reset.statusCode).toBe(200);
    expect(reset.json<{ temporaryPassword: string }>().temporaryPassword.length).toBeGreaterThanOrEqual(16);
  });

  it("only a signed-in global admin or the console manages tokens; a token cannot mint another", async () => {
    const helpdeskAdmin: AdminActor = { ...gaActor, roles: ["helpdesk_admin"] } as AdminActor;
    const refused = await admin().createApiToken(helpdeskAdmin, {
      name: "x",
      role: "helpdesk_admin",
      expiresInDays: 1,
    });
    expect(refused).toMatchObject({ ok: false, reason: "forbidden" });
    const { secret } = await tokenFor({ role: "global_admin" });
    const actor = await admin().authenticateApiToken(secret, { ip: "10.2.2.2", client: "test" });
    if (!actor.ok) throw new Error(actor.reason);
    const minted = await admin().createApiToken(actor.value, { name: "y", role: "global_admin", expiresInDays: 1 });
    expect(minted).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await admin().listApiTokens(actor.value)).ok).toBe(false);
  });

  it("refuses a scope a role cannot have, an unknown group, and an expiry past a year", async () => {
    const input = { name: "z", expiresInDays: 30 } as const;
    expect(
      await admin().createApiToken(CONSOLE_ACTOR, { ...input, role: "global_admin", group: "Branch" }),
    ).toMatchObject({
      reason: "scope_not_allowed",
    });
    expect(
      await admin().createApiToken(CONSOLE_ACTOR, { ...input, role: "helpdesk_admin", group: "Nowhere" }),
    ).toMatchObject({
      reason: "no_group",
    });
    expect(
      await admin().createApiToken(CONSOLE_ACTOR, { ...input, role: "helpdesk_admin", expiresInDays: 366 }),
    ).toMatchObject({
      reason: "invalid_expiry",
    });
  });

  it("an unknown token is refused (401) and the attempt audited without naming a token", async () => {
    const before = (await deniedEvents()).length;
    const response = await call("sandi_at_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "GET", "/groups");
    expect(response.statusCode).toBe(401);
    const events = await deniedEvents();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ actor_type: "anonymous", reason: "unknown" });
    const missing = await t.app.inject({ method: "GET", url: "/api/v1/admin/groups" });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers["www-authenticate"]).toBe("Bearer");
  });
});
