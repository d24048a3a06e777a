/**
 * Housekeeping audits a temporary access pass that expired unused (SPEC §18), once, at the time it expired, with
 * the fake clock. Threat: a pass that lapsed silently — the audit log saying nothing until someone next tried it,
 * or ever — and the opposite, one expiry recorded twice (two runs, or a run and a sign-in with the pass).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeAdminActions } from "../../src/compose-admin.js";
import type { AdminActions } from "../../src/domain/admin/admin-actions.js";
import { type AdminActor, CONSOLE_ACTOR } from "../../src/domain/admin/admin-actor.js";
import { createSecureRandom } from "../../src/lib/random.js";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { runHousekeeping } from "../../src/store/housekeeping.js";
import { createKyselyAccessPassStore } from "../../src/store/repos/kysely-access-pass-store.js";
import { defaultConfig, hasher, openMemoryDatabase } from "../cli/cli-harness.js";
import { createFakeClock } from "../support/fake-clock.js";

const clock = createFakeClock("2026-12-07T08:00:00Z");
const random = createSecureRandom();
const STAMP = { random, instance: "test-host", auditRetentionDays: null };
let handle: DatabaseHandle;
let admin: AdminActions;
let helpdesk: AdminActor;

async function person(local: string): Promise<{ userId: string; ref: string }> {
  const userId = `${local}@contoh.example`;
  const added = await admin.addUser(CONSOLE_ACTOR, {
    userId,
    email: `${local}@mail.example`,
    firstName: local,
    lastName: "T",
    displayName: local,
  });
  if (!added.ok) throw new Error(added.reason);
  return { userId, ref: added.value.user.ref };
}

/** A pass for `userId` lasting `minutes`; its expiry. */
async function issue(userId: string, minutes: number): Promise<Date> {
  const issued = await admin.issueAccessPass(helpdesk, userId, { minutes });
  if (!issued.ok) throw new Error(issued.reason);
  return issued.value.expiresAt;
}

const expiries = (userId: string) =>
  handle.db
    .selectFrom("audit_event")
    .selectAll()
    .where("activity", "=", "access_pass.expired")
    .where("target_user_id", "=", userId)
    .execute();

const passOf = (ref: string) =>
  handle.db.selectFrom("temporary_access_pass").selectAll().where("user_ref", "=", ref).executeTakeFirstOrThrow();

beforeAll(async () => {
  handle = await openMemoryDatabase();
  admin = composeAdminActions({ db: handle.db, config: defaultConfig(), clock, random, hasher, instance: "test-host" });
  const ha = await person("ha.housekeeping");
  await admin.grantRole(CONSOLE_ACTOR, { userId: ha.userId, role: "helpdesk_admin" });
  helpdesk = { type: "admin", ref: ha.ref, userId: ha.userId, roles: ["helpdesk_admin"], ip: "192.0.2.9", client: "" };
});
afterAll(async () => {
  await handle.close();
});

describe("housekeeping and temporary access passes", () => {
  it("records a pass that expired unused once, at the time it expired, as the system", async () => {
    const user = await person("plain.lapsed");
    const expiresAt = await issue(user.userId, 60);
    clock.advanceSeconds(59 * 60);
    expect((await runHousekeeping(handle, clock.now(), STAMP)).accessPassesExpired).toBe(0);
    expect(await expiries(user.userId)).toEqual([]);
    clock.advanceSeconds(2 * 3600);
    expect((await runHousekeeping(handle, clock.now(), STAMP)).accessPassesExpired).toBe(1);
    const events = await expiries(user.userId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_type: "system", actor_id: "housekeeping", target_ref: user.ref });
    expect(events[0]?.time).toEqual(expiresAt);
    expect(await passOf(user.ref)).toMatchObject({ end_reason: "expired", ended_at: expiresAt });
    clock.advanceSeconds(600);
    expect((await runHousekeeping(handle, clock.now(), STAMP)).accessPassesExpired).toBe(0);
    expect(await expiries(user.userId)).toHaveLength(1);
  });

  it("leaves a pass already closed alone: replaced, or expired and audited by a sign-in", async () => {
    const replaced = await person("plain.replaced");
    await issue(replaced.userId, 10);
    await issue(replaced.userId, 480);
    const signedIn = await person("plain.signed-in");
    const expiresAt = await issue(signedIn.userId, 10);
    // A sign-in with the pass after its end closed it first (access-pass-sign-in.ts), and audited it there.
    clock.advanceSeconds(11 * 60);
    const pass = await passOf(signedIn.ref);
    expect(await createKyselyAccessPassStore(handle.db).end(pass.id, "expired", expiresAt)).toBe(true);
    expect((await runHousekeeping(handle, clock.now(), STAMP)).accessPassesExpired).toBe(0);
    expect(await expiries(replaced.userId)).toEqual([]);
    expect(await expiries(signedIn.userId)).toEqual([]);
  });
});
