/**
 * `sandi admin recover <userId>` (SPEC §2 break-glass, §13.1 case 12): the host's console gives a Global admin who is
 * locked out their way back when no other Global admin can sign in to help. Everything that keeps them out goes in
 * one go — disabled, the admin lock and the sign-in lockout, an SSPR block, a security hold — and a temporary
 * password is set that must be changed at the next sign-in, shown once to the console only. Each step is the
 * helpdesk's own action (audited with "system (console)", SPEC §9.1's effects), then one `admin.recovered` event; the
 * admin reset of a privileged user tells every other admin (SPEC §9.4).
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { PasswordWriteRefusal } from "../ports.js";
import { eventsFor } from "./access-actions.js";
import * as access from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import type { AdminDeps, AdminRefusal } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import { setTemporaryPassword, type TypedPasswordRefused } from "./admin-reset.js";
import { releaseSecurityHold } from "./hold-actions.js";

export interface RecoveredAdmin {
  readonly user: AdminUserView;
  /** Shown once on the console; never stored, logged, audited or emailed. */
  readonly temporaryPassword: string;
  /** What stood in the way, in the order it was lifted (for the console's report). */
  readonly lifted: readonly ("disabled" | "admin_lock" | "security_hold")[];
}

/** Why nothing was done: not from the console, no such user, not a GA, or another GA can sign in and help. */
export type RecoverRefusal =
  | { readonly ok: false; readonly reason: AdminRefusal | "not_global_admin" | PasswordWriteRefusal["reason"] }
  | { readonly ok: false; readonly reason: "other_global_admin"; readonly others: readonly string[] };

/** The other Global admins who could sign in and help (enabled, not locked by an admin, not on hold). */
async function usableOtherGlobalAdmins(deps: AdminDeps, user: AdminUserView): Promise<string[]> {
  const holders = await deps.roleHolders.holdersOf({ roles: ["global_admin"], exceptRefs: [user.ref], limit: 20 });
  const views = await Promise.all(holders.map((holder) => deps.directoryAdmin.findUserByRef(holder.ref)));
  return views
    .filter((view) => view !== null && view.enabled && view.adminLockedAt === null && view.securityHoldAt === null)
    .map((view) => view?.userId ?? "");
}

/** Lifts what keeps the Global admin out, step by step through the helpdesk's own actions. */
async function liftEverything(deps: AdminDeps, actor: AdminActor, user: AdminUserView) {
  const lifted: RecoveredAdmin["lifted"][number][] = [];
  if (!user.enabled && (await access.setUserEnabled(deps, actor, user.userId, true)).ok) lifted.push("disabled");
  const unlocked = await access.unlockUser(deps, actor, user.userId);
  if (unlocked.ok && unlocked.value.wasAdminLocked) lifted.push("admin_lock");
  await access.clearSsprBlock(deps, actor, user.userId);
  if (user.securityHoldAt !== null) {
    const note = "Released by `sandi admin recover` (break-glass on the host).";
    if ((await releaseSecurityHold(deps, actor, user.userId, note)).ok) lifted.push("security_hold");
  }
  return lifted;
}

export async function recoverLastGlobalAdmin(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<RecoveredAdmin, never> | RecoverRefusal | TypedPasswordRefused> {
  if (actor.type !== "console") return fail("forbidden");
  const user = await deps.directoryAdmin.findUser(userId);
  if (user === null) return fail("not_found");
  if (!user.roles.includes("global_admin")) return fail("not_global_admin");
  const others = await usableOtherGlobalAdmins(deps, user);
  if (others.length > 0) return { ok: false, reason: "other_global_admin", others };
  const lifted = await liftEverything(deps, actor, user);
  const reset = await setTemporaryPassword(deps, actor, user.userId, {
    choice: { kind: "generate" },
    mustChange: true,
  });
  if (!reset.ok) return reset;
  const now = deps.clock.now();
  const changes = lifted.map((field) => ({ field, old: true, new: false }));
  await deps.unitOfWork.inTransaction((stores) =>
    stores.audit.append(eventsFor(actor, user, now, [{ activity: "admin.recovered", result: "success", changes }])),
  );
  return succeed({ user, temporaryPassword: reset.value.temporaryPassword, lifted });
}
