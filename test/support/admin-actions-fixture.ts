/**
 * The admin actions on a real in-memory store through the composition the console uses, and people to act with: the
 * set-up the domain tests of admin actions share.
 */
import { composeAdminActions } from "../../src/compose-admin.js";
import type { AdminActions } from "../../src/domain/admin/admin-actions.js";
import { type AdminActor, CONSOLE_ACTOR } from "../../src/domain/admin/admin-actor.js";
import type { Clock, Directory } from "../../src/domain/ports.js";
import type { AdminRole } from "../../src/domain/users.js";
import { createSystemClock } from "../../src/lib/clock.js";
import { createSecureRandom } from "../../src/lib/random.js";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { defaultConfig, hasher, openMemoryDatabase } from "../cli/cli-harness.js";

export type TestAdmin = AdminActor & { type: "admin" };

export interface AdminActionsFixture {
  readonly handle: DatabaseHandle;
  /** The actions over the built-in directory. */
  readonly admin: AdminActions;
  /** The same actions over another directory. */
  actionsOn(directory: Directory): AdminActions;
  /** A built-in user `<local>@contoh.example` (or `<local>.<n>@…` with `uniqueIds`), with `role` when given. */
  person(local: string, role: AdminRole | null): Promise<TestAdmin>;
  close(): Promise<void>;
}

export async function openAdminActionsFixture(
  options: { clock?: Clock; uniqueIds?: boolean } = {},
): Promise<AdminActionsFixture> {
  const handle = await openMemoryDatabase();
  const clock = options.clock ?? createSystemClock();
  const compose = (directory?: Directory) =>
    composeAdminActions({
      db: handle.db,
      config: defaultConfig(),
      clock,
      random: createSecureRandom(),
      hasher,
      instance: "test-host",
      ...(directory === undefined ? {} : { directory }),
    });
  const admin = compose();
  let serial = 0;
  return {
    handle,
    admin,
    actionsOn: compose,
    async person(local, role) {
      serial += 1;
      const userId =
        options.uniqueIds === true ? `${local}.${String(serial)}@contoh.example` : `${local}@contoh.example`;
      const added = await admin.addUser(CONSOLE_ACTOR, {
        userId,
        email: `${local}@mail.example`,
        firstName: local,
        lastName: "Test",
        displayName: local,
      });
      if (!added.ok) throw new Error(added.reason);
      if (role !== null) await admin.grantRole(CONSOLE_ACTOR, { userId, role });
      const roles = role === null ? [] : [role];
      return {
        type: "admin",
        ref: added.value.user.ref,
        userId,
        roles,
        ip: "192.0.2.9",
        client: "Firefox 140 on Linux",
      };
    },
    close: () => handle.close(),
  };
}
