/**
 * "Verify caller" by authenticator app (SPEC §10), and two pending checks of one admin session (two browser tabs),
 * on a real in-memory store through the composition the console uses. Threats: a caller guessing the app's code (3
 * tries, counted); a code the app showed that was already accepted once (here or at a reset gate) read again; the
 * code in the audit log; a flood of app checks to guess codes (C1); one tab's pending code silently voiding another
 * caller's in the next tab.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeAdminActions } from "../../../src/compose-admin.js";
import type { AdminActions } from "../../../src/domain/admin/admin-actions.js";
import { type AdminActor, CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { totpCodeAt } from "../../../src/lib/crypto/totp.js";
import { createSecureRandom } from "../../../src/lib/random.js";
import { totpMethodFor } from "../../../src/methods/totp/totp-registration.js";
import type { DatabaseHandle } from "../../../src/store/connect.js";
import { createKyselyMethodStore } from "../../../src/store/repos/kysely-method-store.js";
import { loadSecretKeys } from "../../../src/store/repos/kysely-secret-keys.js";
import { defaultConfig, hasher, openMemoryDatabase } from "../../cli/cli-harness.js";
import { createFakeClock } from "../../support/fake-clock.js";
import { wrongAppCode } from "../../support/app-gate-rows.js";

let handle: DatabaseHandle;
let admin: AdminActions;
const clock = createFakeClock("2026-12-07T08:00:00Z");
const random = createSecureRandom();
const SESSION = "admin-session-1";

interface Person {
  readonly userId: string;
  readonly ref: string;
  readonly email: string;
}

async function person(local: string): Promise<Person> {
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
  await createKyselyMethodStore(handle.db).add({
    id: `email-${local}`,
    userRef: ref,
    method: "email",
    value: email,
    label: null,
    createdAt: clock.now(),
    lastUsedAt: null,
  });
  return { userId, ref, email };
}

async function helpdesk(local: string): Promise<AdminActor> {
  const user = await person(local);
  await admin.grantRole(CONSOLE_ACTOR, { userId: user.userId, role: "helpdesk_admin" });
  return { type: "admin", ref: user.ref, userId: user.userId, roles: ["helpdesk_admin"], ip: "192.0.2.9", client: "" };
}

/** An app saved for `user` as registration saves it; its secret, to compute the codes it shows. */
async function withApp(user: Person, label = "Pixel"): Promise<{ methodId: string; secret: Uint8Array }> {
  const { codeKeys } = await loadSecretKeys(handle.db, random, clock.now());
  const secret = random.bytes(20);
  const methodId = `totp-${user.userId}`;
  await createKyselyMethodStore(handle.db).add({
    ...totpMethodFor(codeKeys, user.ref, { secret, label }),
    id: methodId,
    userRef: user.ref,
    createdAt: clock.now(),
    lastUsedAt: null,
  });
  return { methodId, secret };
}

async function beginApp(actor: AdminActor, user: Person, methodId: string, sessionId: string | null = SESSION) {
  const begun = await admin.sendCallerCode(actor, { userId: user.userId, methodId, channel: "app", sessionId });
  if (!begun.ok) throw new Error(begun.reason);
  return begun.value.challengeId;
}

const auditOf = (user: Person) =>
  handle.db
    .selectFrom("audit_event")
    .selectAll()
    .where("target_user_id", "=", user.userId)
    .where("activity", "like", "caller.%")
    .orderBy("seq")
    .execute();

beforeAll(async () => {
  handle = await openMemoryDatabase();
  admin = composeAdminActions({
    db: handle.db,
    config: defaultConfig(),
    clock,
    random,
    hasher,
    instance: "test-host",
  });
});
afterAll(async () => {
  await handle.close();
});

describe("verify caller by authenticator app", () => {
  it("offers the app by its label, sends nothing, and verifies the code the app shows now", async () => {
    const ha = await helpdesk("ha.app");
    const user = await person("plain.app");
    const { methodId, secret } = await withApp(user);
    const options = await admin.callerCodeOptions(ha, user.userId);
    expect(options.ok && options.value.routes).toEqual([
      expect.objectContaining({ channel: "email" }),
      { methodId, kind: "totp", channel: "app", masked: "Pixel" },
    ]);
    const outboxBefore = await handle.db.selectFrom("outbox_message").select("id").execute();
    const challengeId = await beginApp(ha, user, methodId);
    expect(await handle.db.selectFrom("outbox_message").select("id").execute()).toHaveLength(outboxBefore.length);
    const view = await admin.callerChallenge(ha, { userId: user.userId, challengeId, sessionId: SESSION });
    expect(view.ok && view.value.live).toMatchObject({ channel: "app", masked: "Pixel" });
    const code = totpCodeAt(secret, clock.now());
    const checked = await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: SESSION });
    expect(checked).toMatchObject({ ok: true, value: { result: "verified" } });
    expect((await auditOf(user)).map((event) => [event.activity, event.result, event.reason, event.method])).toEqual([
      ["caller.verification_sent", "success", "caller_code_asked:totp", "totp"],
      ["caller.verified", "success", "caller_verified", "totp"],
    ]);
  });

  it("a wrong app code is refused and counted", async () => {
    const ha = await helpdesk("ha.wrong");
    const user = await person("plain.wrong");
    const { methodId, secret } = await withApp(user);
    const challengeId = await beginApp(ha, user, methodId);
    const check = (code: string) =>
      admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: SESSION });
    const wrong = wrongAppCode(secret, clock.now());
    expect(await check(wrong)).toMatchObject({ ok: true, value: { result: "not_verified", attemptsLeft: 2 } });
    expect(await check("not a code")).toMatchObject({ ok: true, value: { result: "not_verified", attemptsLeft: 1 } });
    expect(await check(wrong)).toMatchObject({ ok: true, value: { result: "not_verified", attemptsLeft: 0 } });
    // Three tries spent: the right code no longer passes this check.
    expect(await check(totpCodeAt(secret, clock.now()))).toMatchObject({
      ok: true,
      value: { result: "too_many_attempts" },
    });
    const reasons = (await auditOf(user)).map((event) => event.reason);
    expect(reasons).toEqual([
      "caller_code_asked:totp",
      "caller_wrong_code",
      "caller_wrong_code",
      "caller_wrong_code",
      "caller_too_many_attempts",
    ]);
  });

  it("a replayed app code is refused", async () => {
    const ha = await helpdesk("ha.replay");
    const user = await person("plain.replay");
    const { methodId, secret } = await withApp(user);
    const code = totpCodeAt(secret, clock.now());
    const first = await beginApp(ha, user, methodId);
    const passed = await admin.checkCallerCode(ha, {
      userId: user.userId,
      challengeId: first,
      code,
      sessionId: SESSION,
    });
    expect(passed).toMatchObject({ ok: true, value: { result: "verified" } });
    // The same code again, on a new check, 20 s later (still inside the app's window): refused, and counted.
    clock.advanceSeconds(20);
    const second = await beginApp(ha, user, methodId);
    const replayed = await admin.checkCallerCode(ha, {
      userId: user.userId,
      challengeId: second,
      code,
      sessionId: SESSION,
    });
    expect(replayed).toMatchObject({ ok: true, value: { result: "replayed", attemptsLeft: 2 } });
    expect((await auditOf(user)).at(-1)).toMatchObject({ result: "failure", reason: "caller_code_replayed" });
    // The app's next code passes: only the used step is spent.
    clock.advanceSeconds(30);
    const next = totpCodeAt(secret, clock.now());
    const later = await admin.checkCallerCode(ha, {
      userId: user.userId,
      challengeId: second,
      code: next,
      sessionId: SESSION,
    });
    expect(later).toMatchObject({ ok: true, value: { result: "verified" } });
  });

  it("the audit event has no code", async () => {
    const ha = await helpdesk("ha.noleak");
    const user = await person("plain.noleak");
    const { methodId, secret } = await withApp(user);
    const challengeId = await beginApp(ha, user, methodId);
    const wrong = wrongAppCode(secret, clock.now());
    const code = totpCodeAt(secret, clock.now());
    await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code: wrong, sessionId: SESSION });
    await admin.checkCallerCode(ha, { userId: user.userId, challengeId, code, sessionId: SESSION });
    const events = await handle.db.selectFrom("audit_event").selectAll().execute();
    expect(JSON.stringify(events)).not.toContain(code);
    expect(JSON.stringify(events)).not.toContain(wrong);
    const challenges = await handle.db.selectFrom("registration_challenge").selectAll().execute();
    expect(JSON.stringify(challenges)).not.toContain(code);
  });

  it("app checks count in C1 with sent codes: 5 an hour per user, then refused and audited", async () => {
    const ha = await helpdesk("ha.appflood");
    const user = await person("plain.appflood");
    const { methodId } = await withApp(user);
    await admin.sendCallerCode(ha, { userId: user.userId, methodId: "email-plain.appflood", sessionId: SESSION });
    const results: string[] = [];
    for (let index = 0; index < 5; index++) {
      const begun = await admin.sendCallerCode(ha, {
        userId: user.userId,
        methodId,
        channel: "app",
        sessionId: SESSION,
      });
      results.push(begun.ok ? "begun" : begun.reason);
    }
    expect(results).toEqual(["begun", "begun", "begun", "begun", "too_many_sends"]);
    expect((await auditOf(user)).at(-1)).toMatchObject({
      result: "failure",
      reason: "caller_limit:C1",
      method: "totp",
    });
    clock.advanceSeconds(3601);
  });
});

describe("two tabs of one admin session", () => {
  /** The code of the newest caller-code email to `recipient`. */
  async function codeSentTo(recipient: string): Promise<string> {
    const row = await handle.db
      .selectFrom("outbox_message")
      .select("data")
      .where("recipient", "=", recipient)
      .where("template", "=", "caller-code")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const code = (row.data as Record<string, unknown> | null)?.["code"];
    if (typeof code !== "string") throw new Error("no code in the message");
    return code;
  }

  async function sendTo(actor: AdminActor, user: Person) {
    const local = user.userId.split("@")[0] ?? "";
    const sent = await admin.sendCallerCode(actor, {
      userId: user.userId,
      methodId: `email-${local}`,
      sessionId: SESSION,
    });
    if (!sent.ok) throw new Error(sent.reason);
    return { challengeId: sent.value.challengeId, code: await codeSentTo(user.email) };
  }

  it("verifying caller A in one tab and caller B in another: both codes work", async () => {
    const ha = await helpdesk("ha.tabs");
    const a = await person("plain.tab-a");
    const b = await person("plain.tab-b");
    const { methodId, secret } = await withApp(b);
    const forA = await sendTo(ha, a);
    const forB = await beginApp(ha, b, methodId);
    const checkedA = await admin.checkCallerCode(ha, { userId: a.userId, ...forA, sessionId: SESSION });
    expect(checkedA).toMatchObject({ ok: true, value: { result: "verified" } });
    const code = totpCodeAt(secret, clock.now());
    const checkedB = await admin.checkCallerCode(ha, { userId: b.userId, challengeId: forB, code, sessionId: SESSION });
    expect(checkedB).toMatchObject({ ok: true, value: { result: "verified" } });
  });

  it("a caller's code checked as another user's is not found", async () => {
    const ha = await helpdesk("ha.swap");
    const a = await person("plain.swap-a");
    const b = await person("plain.swap-b");
    const forA = await sendTo(ha, a);
    const asB = await admin.checkCallerCode(ha, { userId: b.userId, ...forA, sessionId: SESSION });
    expect(asB).toMatchObject({ ok: true, value: { result: "expired" } });
    const asA = await admin.checkCallerCode(ha, { userId: a.userId, ...forA, sessionId: SESSION });
    expect(asA).toMatchObject({ ok: true, value: { result: "verified" } });
  });

  it("a new code for the same user replaces the old one", async () => {
    const ha = await helpdesk("ha.replace");
    const user = await person("plain.replace");
    const old = await sendTo(ha, user);
    // A second later, so the newest message is surely the second one.
    clock.advanceSeconds(1);
    const fresh = await sendTo(ha, user);
    const oldChecked = await admin.checkCallerCode(ha, { userId: user.userId, ...old, sessionId: SESSION });
    expect(oldChecked).toMatchObject({ ok: true, value: { result: "expired" } });
    const freshChecked = await admin.checkCallerCode(ha, { userId: user.userId, ...fresh, sessionId: SESSION });
    expect(freshChecked).toMatchObject({ ok: true, value: { result: "verified" } });
  });
});
