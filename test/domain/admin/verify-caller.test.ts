/**
 * "Verify caller" as a domain service (SPEC §10), on a real in-memory store through the composition the console
 * uses. Threats: a caller who guesses the code (3 tries, then void); a code read back after it expired or twice; a
 * code checked by someone other than who sent it; a role above its rank or outside its group; an admin verifying
 * their own account; the code leaking into the audit log or the challenge row; a flood of codes to one user.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import { type AdminActor, CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import type { AdminRole } from "../../../src/domain/users.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { createFakeClock } from "../../support/fake-clock.js";
import { type AdminActionsFixture, openAdminActionsFixture } from "../../support/admin-actions-fixture.js";

let handle: DatabaseHandle;
let admin: AdminActions;
const clock = createFakeClock("2026-12-07T08:00:00Z");
const SESSION = "admin-session-1";

type Admin = AdminActor & { type: "admin" };

async function person(local: string, role: AdminRole | null, group?: string): Promise<Admin & { email: string }> {
  const userId = `${local}@contoh.example`;
  const email = `${local}@mail.example`;
  const added = await admin.addUser(CONSOLE_ACTOR, {
    userId,
    email,
    firstName: local,
    lastName: "T",
    displayName: local,
  });
  if (!added.ok) throw new Error(added.reason);
  const ref = added.value.user.ref;
  if (group !== undefined) await admin.addMember(CONSOLE_ACTOR, { group, userId });
  if (role !== null) await admin.grantRole(CONSOLE_ACTOR, { userId, role });
  for (const [method, value] of [
    ["email", email],
    ["sms", `+62812345678${String(Math.floor(Math.random() * 90) + 10)}`],
  ] as const)
    await handle.db
      .insertInto("verified_method")
      .values({
        id: `${method}-${local}`,
        user_ref: ref,
        method,
        value,
        label: null,
        created_at: clock.now(),
        last_used_at: null,
        secret: null,
        credential_id: null,
        extension: null,
        details: null,
        verified_at: clock.now(),
      })
      .execute();
  const roles = role === null ? [] : [role];
  return { type: "admin", ref, userId, email, roles, ip: "192.0.2.9", client: "Firefox 140 on Linux" };
}

/** The code of the newest caller-code message to `recipient`, as the worker would send it. */
async function codeSentTo(recipient: string): Promise<string> {
  const row = await handle.db
    .selectFrom("outbox_message")
    .select(["data", "template"])
    .where("recipient", "=", recipient)
    .where("template", "=", "caller-code")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const code = (row.data as Record<string, unknown> | null)?.["code"];
  if (typeof code !== "string") throw new Error("no code in the message");
  return code;
}

async function send(actor: AdminActor, user: { userId: string; email: string }, sessionId: string | null = SESSION) {
  const sent = await admin.sendCallerCode(actor, {
    userId: user.userId,
    methodId: `email-${user.userId.split("@")[0] ?? ""}`,
    sessionId,
  });
  if (!sent.ok) throw new Error(sent.reason);
  return { challengeId: sent.value.challengeId, code: await codeSentTo(user.email) };
}

const wrongOf = (code: string) => (code.startsWith("1") ? `2${code.slice(1)}` : `1${code.slice(1)}`);

let fixture: AdminActionsFixture;
beforeAll(async () => {
  fixture = await openAdminActionsFixture({ clock });
  ({ handle, admin } = fixture);
  await admin.addGroup(CONSOLE_ACTOR, { name: "Branch", description: "" });
});
afterAll(async () => fixture.close());

describe("verify caller", () => {
  it("offers only the methods that receive a code, masked: the email, and the mobile by text when texts can be sent", async () => {
    const ha = await person("ha.routes", "helpdesk_admin");
    const user = await person("plain.routes", null);
    const options = await admin.callerCodeOptions(ha, user.userId);
    expect(options.ok).toBe(true);
    if (!options.ok) return;
    expect(options.value.routes.map((route) => route.channel)).toEqual(["email"]);
    expect(options.value.routes[0]?.masked).toBe("p***@m***.example");
  });

  it("sends a code, the caller reads it back, and it is verified once; audited with the masked target", async () => {
    const pa = await person("pa.ok", "password_admin");
    const user = await person("plain.ok", null);
    const { challengeId, code } = await send(pa, user);
    expect(code).toMatch(/^\d{8}$/);
    const checked = await admin.checkCallerCode(pa, { userId: user.userId, challengeId, code, sessionId: SESSION });
    expect(checked).toMatchObject({ ok: true, value: { result: "verified" } });
    const again = await admin.checkCallerCode(pa, { userId: user.userId, challengeId, code, sessionId: SESSION });
    expect(again).toMatchObject({ ok: true, value: { result: "expired" } });
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("target_user_id", "=", user.userId)
      .where("activity", "like", "caller.%")
      .orderBy("seq")
      .execute();
    expect(events.map((event) => [event.activity, event.result, event.reason])).toEqual([
      ["caller.verification_sent", "success", "caller_code_sent:email"],
      ["caller.verified", "success", "caller_verified"],
      ["caller.verified", "failure", "caller_code_expired"],
    ]);
    expect(events[0]).toMatchObject({ actor_user_id: pa.userId, method: "email", masked_target: "p***@m***.example" });
  });

  it("the verification code never appears in the audit log or the challenge row", async () => {
    const ha = await person("ha.secret", "helpdesk_admin");
    const user = await person("plain.secret", null);
    const { challengeId, code } = await send(ha, user);
    await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code: wrongOf(code), sessionId: SESSION });
    await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: SESSION });
    const audit = await handle.db.selectFrom("audit_event").selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(code);
    const challenges = await handle.db.selectFrom("registration_challenge").selectAll().execute();
    expect(JSON.stringify(challenges)).not.toContain(code);
  });

  it("a caller guessing gets 3 tries: three wrong codes void it, and the right one is then refused", async () => {
    const ua = await person("ua.guess", "user_admin");
    const user = await person("plain.guess", null);
    const { challengeId, code } = await send(ua, user);
    const check = (typed: string) =>
      admin.checkCallerCode(ua, { userId: user.userId, challengeId, code: typed, sessionId: SESSION });
    expect(await check(wrongOf(code))).toMatchObject({ ok: true, value: { result: "not_verified", attemptsLeft: 2 } });
    expect(await check(wrongOf(code))).toMatchObject({ ok: true, value: { result: "not_verified", attemptsLeft: 1 } });
    expect(await check(wrongOf(code))).toMatchObject({ ok: true, value: { result: "not_verified", attemptsLeft: 0 } });
    expect(await check(code)).toMatchObject({ ok: true, value: { result: "too_many_attempts" } });
  });

  it("a code read back after 5 minutes is expired", async () => {
    const ha = await person("ha.late", "helpdesk_admin");
    const user = await person("plain.late", null);
    const { challengeId, code } = await send(ha, user);
    clock.advanceSeconds(301);
    const checked = await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: SESSION });
    expect(checked).toMatchObject({ ok: true, value: { result: "expired" } });
  });

  it("a code is checked only in the session that sent it, never by another admin or session", async () => {
    const ha = await person("ha.bound", "helpdesk_admin");
    const other = await person("ha.other", "helpdesk_admin");
    const user = await person("plain.bound", null);
    const { challengeId, code } = await send(ha, user);
    const elsewhere = await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: "other" });
    expect(elsewhere).toMatchObject({ ok: true, value: { result: "expired" } });
    const byOther = await admin.checkCallerCode(other, { userId: user.userId, challengeId, code, sessionId: SESSION });
    expect(byOther).toMatchObject({ ok: true, value: { result: "expired" } });
    const right = await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: SESSION });
    expect(right).toMatchObject({ ok: true, value: { result: "verified" } });
  });

  it("a password admin cannot verify a global admin's caller (rank), nor a reports reader anyone's", async () => {
    const pa = await person("pa.rank", "password_admin");
    const rr = await person("rr.rank", "reports_reader");
    const ga = await person("ga.rank", "global_admin");
    const methodId = "email-ga.rank";
    const refused = { ok: false, reason: "forbidden" };
    expect(await admin.sendCallerCode(pa, { userId: ga.userId, methodId, sessionId: SESSION })).toEqual(refused);
    expect(
      await admin.sendCallerCode(rr, { userId: pa.userId, methodId: "email-pa.rank", sessionId: SESSION }),
    ).toEqual(refused);
    expect(await admin.callerCodeOptions(pa, ga.userId)).toEqual(refused);
  });

  it("a helpdesk admin limited to a group cannot verify a caller outside it, but can inside", async () => {
    const scoped = await person("ha.scoped", null);
    await admin.grantRole(CONSOLE_ACTOR, { userId: scoped.userId, role: "helpdesk_admin", group: "Branch" });
    const actor: Admin = {
      ...scoped,
      roles: ["helpdesk_admin"],
      assignments: [{ role: "helpdesk_admin", scopeGroup: "Branch" }],
    };
    const outside = await person("plain.outside", null);
    const inside = await person("plain.inside", null, "Branch");
    const methodOf = (local: string) => ({ methodId: `email-${local}`, sessionId: SESSION });
    expect(await admin.sendCallerCode(actor, { userId: outside.userId, ...methodOf("plain.outside") })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    const sent = await admin.sendCallerCode(actor, { userId: inside.userId, ...methodOf("plain.inside") });
    expect(sent.ok).toBe(true);
  });

  it("no admin verifies a caller on their own account", async () => {
    const ga = await person("ga.self", "global_admin");
    const sent = await admin.sendCallerCode(ga, { userId: ga.userId, methodId: "email-ga.self", sessionId: SESSION });
    expect(sent).toEqual({ ok: false, reason: "forbidden" });
  });

  it("refuses a method that receives no code, or another user's method", async () => {
    const ha = await person("ha.method", "helpdesk_admin");
    const user = await person("plain.method", null);
    const mobileWithoutTexts = await admin.sendCallerCode(ha, {
      userId: user.userId,
      methodId: "sms-plain.method",
      sessionId: SESSION,
    });
    expect(mobileWithoutTexts).toEqual({ ok: false, reason: "no_method" });
    const foreign = await admin.sendCallerCode(ha, {
      userId: user.userId,
      methodId: "email-ha.method",
      sessionId: SESSION,
    });
    expect(foreign).toEqual({ ok: false, reason: "no_method" });
  });

  it("a flood of codes to one user stops at 5 an hour, whoever sends them, and is audited", async () => {
    const first = await person("ha.flood1", "helpdesk_admin");
    const second = await person("ha.flood2", "helpdesk_admin");
    const user = await person("plain.flood", null);
    const methodId = "email-plain.flood";
    const results: string[] = [];
    for (const actor of [first, second, first, second, first, second]) {
      const sent = await admin.sendCallerCode(actor, { userId: user.userId, methodId, sessionId: SESSION });
      results.push(sent.ok ? "sent" : sent.reason);
    }
    expect(results).toEqual(["sent", "sent", "sent", "sent", "sent", "too_many_sends"]);
    const refused = await handle.db
      .selectFrom("audit_event")
      .select("reason")
      .where("target_user_id", "=", user.userId)
      .where("result", "=", "failure")
      .execute();
    expect(refused).toEqual([{ reason: "caller_limit:C1" }]);
    clock.advanceSeconds(3601);
    expect((await admin.sendCallerCode(first, { userId: user.userId, methodId, sessionId: SESSION })).ok).toBe(true);
  });

  it("the console binds its codes to the console, so a second console run can check them", async () => {
    const user = await person("plain.console", null);
    const { challengeId, code } = await send(CONSOLE_ACTOR, user, null);
    const checked = await admin.checkCallerCode(CONSOLE_ACTOR, {
      userId: user.userId,
      challengeId,
      code,
      sessionId: null,
    });
    expect(checked).toMatchObject({ ok: true, value: { result: "verified" } });
  });
});
