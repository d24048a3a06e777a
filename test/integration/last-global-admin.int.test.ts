/**
 * Threat: the last two Global admins remove each other at the same moment (delete, disable or demote), each seeing
 * the other as "the other Global admin", and the organisation is left with none. On PostgreSQL the removals run in
 * parallel; the count of the others is taken under a lock, so exactly one of each pair goes through.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { composeAdminActions } from "../../src/compose-admin.js";
import type { AdminActions } from "../../src/domain/admin/admin-actions.js";
import { type AdminActor, CONSOLE_ACTOR } from "../../src/domain/admin/admin-actor.js";
import { createSystemClock } from "../../src/lib/clock.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { defaultConfig, hasher } from "../cli/cli-harness.js";
import { type TestDatabaseHandle, testDatabases } from "../support/test-databases.js";

const postgres = testDatabases().find((database) => database.name === "postgres");

describe.skipIf(postgres === undefined)("the last Global admin under parallel removals on PostgreSQL", () => {
  let handle: TestDatabaseHandle;
  let admin: AdminActions;
  beforeEach(async () => {
    if (postgres === undefined) throw new Error("no PostgreSQL");
    handle = await postgres.open();
    admin = composeAdminActions({
      db: handle.db,
      config: defaultConfig(),
      clock: createSystemClock(),
      random: createSecureRandom(),
      hasher,
      instance: "test-host",
    });
  });
  afterEach(async () => handle.close());

  async function globalAdmin(local: string): Promise<AdminActor & { type: "admin" }> {
    const userId = `${local}@contoh.example`;
    const typed = { email: `${local}@mail.example`, firstName: local, lastName: "GA", displayName: local };
    const added = await admin.addUser(CONSOLE_ACTOR, { userId, ...typed });
    if (!added.ok) throw new Error(added.reason);
    await admin.grantRole(CONSOLE_ACTOR, { userId, role: "global_admin" });
    const ref = added.value.user.ref;
    return { type: "admin", ref, userId, roles: ["global_admin"], ip: "192.0.2.9", client: "Firefox 140 on Linux" };
  }

  async function enabledGlobalAdmins(): Promise<number> {
    const rows = await handle.db
      .selectFrom("admin_role")
      .innerJoin("directory_user", "directory_user.ref", "admin_role.user_ref")
      .select("admin_role.user_ref")
      .where("admin_role.role", "=", "global_admin")
      .where("directory_user.enabled", "=", true)
      .execute();
    return rows.length;
  }

  it("two Global admins deleting each other at once: one delete goes through, one admin is left", async () => {
    const [x, y] = [await globalAdmin("x"), await globalAdmin("y")];
    const outcomes = await Promise.all([admin.deleteUser(x, y.userId), admin.deleteUser(y, x.userId)]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.reason]))).toEqual(["last_global_admin"]);
    expect(await enabledGlobalAdmins()).toBe(1);
  });

  it("two Global admins disabling each other at once: one is left enabled", async () => {
    const [x, y] = [await globalAdmin("x"), await globalAdmin("y")];
    const outcomes = await Promise.all([
      admin.setUserEnabled(x, y.userId, false),
      admin.setUserEnabled(y, x.userId, false),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await enabledGlobalAdmins()).toBe(1);
  });

  it("the console removing both Global admin roles at once: one role stays", async () => {
    const [x, y] = [await globalAdmin("x"), await globalAdmin("y")];
    const outcomes = await Promise.all([
      admin.revokeRole(CONSOLE_ACTOR, { userId: x.userId, role: "global_admin" }),
      admin.revokeRole(CONSOLE_ACTOR, { userId: y.userId, role: "global_admin" }),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await enabledGlobalAdmins()).toBe(1);
  });

  it("the last Global admin cannot be disabled or demoted, even from the console", async () => {
    const only = await globalAdmin("only");
    expect(await admin.setUserEnabled(CONSOLE_ACTOR, only.userId, false)).toEqual({
      ok: false,
      reason: "last_global_admin",
    });
    expect(await admin.revokeRole(CONSOLE_ACTOR, { userId: only.userId, role: "global_admin" })).toEqual({
      ok: false,
      reason: "last_global_admin",
    });
    expect(await enabledGlobalAdmins()).toBe(1);
  });
});
