/**
 * Admin role assignments (SPEC §2, global admins only): grant a role, unscoped or limited to the members of one
 * group (nested membership counts; Entra's administrative units), revoke one, and list a user's assignments and the
 * groups a role may be limited to. Each change is audited with the scope in its `changes`.
 */
import { isLastGlobalAdmin } from "./last-global-admin.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { AdminRole } from "../users.js";
import { type AdminActor, actorMay, auditActorOf, type RoleAssignment } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import { SCOPABLE_ROLES } from "./admin-permissions.js";
import type { AdminUserView } from "./admin-ports.js";

export interface RoleChange {
  readonly userId: string;
  readonly role: AdminRole;
  /** The group the role is limited to; absent or null: unscoped. */
  readonly group?: string | null;
}

/** Why a scoped grant is refused besides the actor's rights: no such group, or a role that cannot be scoped. */
export type ScopeRefusal = "no_group" | "scope_not_allowed";

async function checkedScope(deps: AdminDeps, change: RoleChange): Promise<Outcome<string | null, ScopeRefusal>> {
  const group = change.group ?? null;
  if (group === null) return succeed(null);
  if (!SCOPABLE_ROLES.includes(change.role)) return fail("scope_not_allowed");
  const groups = await deps.directoryAdmin.listGroups();
  return groups.some((known) => known.name === group) ? succeed(group) : fail("no_group");
}

function roleEvent(
  actor: AdminActor,
  user: AdminUserView,
  now: Date,
  change: { granted: boolean; role: AdminRole; scope: string | null },
) {
  const value = change.scope === null ? change.role : `${change.role} in ${change.scope}`;
  return {
    activity: change.granted ? "directory.role.granted" : "directory.role.revoked",
    result: "success",
    target: { ref: user.ref, userId: user.userId },
    changes: [{ field: "roles", old: change.granted ? null : value, new: change.granted ? value : null }],
    ...auditActorOf(actor),
    time: now,
  } as const;
}

/** Grants a role (global admins only); `granted` false when the user held it with that scope already. */
export async function grantRole(
  deps: AdminDeps,
  actor: AdminActor,
  change: RoleChange,
): Promise<Outcome<{ user: AdminUserView; granted: boolean }, AdminRefusal | ScopeRefusal>> {
  const found = await targetFor(deps, actor, "roles.assign", change.userId);
  if (!found.ok) return found;
  const scope = await checkedScope(deps, change);
  if (!scope.ok) return scope;
  const user = found.value;
  const now = deps.clock.now();
  const granted = await deps.unitOfWork.inTransaction(async (stores) => {
    const isNew = await stores.directoryAdmin.grantRole(user.ref, change.role, now, scope.value);
    if (isNew)
      await stores.audit.append([
        roleEvent(actor, user, now, { granted: true, role: change.role, scope: scope.value }),
      ]);
    return isNew;
  });
  return succeed({ user, granted });
}

/** Takes a role (with that scope) away; `revoked` false when the user did not hold it so. */
export async function revokeRole(
  deps: AdminDeps,
  actor: AdminActor,
  change: RoleChange,
): Promise<Outcome<{ user: AdminUserView; revoked: boolean }, AdminRefusal | "last_global_admin">> {
  const found = await targetFor(deps, actor, "roles.assign", change.userId);
  if (!found.ok) return found;
  const user = found.value;
  const scope = change.group ?? null;
  const now = deps.clock.now();
  const revoked = await deps.unitOfWork.inTransaction(async (stores) => {
    if (change.role === "global_admin" && (await isLastGlobalAdmin(stores, user))) return "last_global_admin" as const;
    const removed = await stores.directoryAdmin.revokeRole(user.ref, change.role, scope);
    if (removed) await stores.audit.append([roleEvent(actor, user, now, { granted: false, role: change.role, scope })]);
    return removed;
  });
  if (revoked === "last_global_admin") return fail(revoked);
  return succeed({ user, revoked });
}

/** A user's role assignments with their scopes (global admins, who assign them). */
export async function roleAssignments(
  deps: AdminDeps,
  actor: AdminActor,
  userRef: string,
): Promise<Outcome<RoleAssignment[], "forbidden">> {
  if (!actorMay(actor, "roles.assign")) return fail("forbidden");
  return succeed(await deps.directoryAdmin.assignmentsOf(userRef));
}

/** The signed-in admin's own assignments, with which the portal builds their actor (no capability needed). */
export function ownAssignments(deps: AdminDeps, ref: string): Promise<RoleAssignment[]> {
  return deps.directoryAdmin.assignmentsOf(ref);
}
