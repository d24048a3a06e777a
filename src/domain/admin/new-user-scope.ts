/**
 * Whether a user the actor creates lands inside the actor's reach. A role limited to a group acts only on that
 * group's members (SPEC §2, like Entra's administrative units), so a branch helpdesk's User admin must not create
 * users elsewhere in the organisation either: the new user's direct groups must include the scope group or a group
 * nested in it at any depth (a subgroup's members are members of every group above it).
 */
import { may } from "./admin-permissions.js";
import { type AdminActor, assignmentsOf } from "./admin-actor.js";
import type { UserManagementOps } from "./user-admin-ports.js";

/** SPEC §3: groups nest to depth 10, so no chain of parents is longer. */
const MAX_NESTING = 10;

/** A check for one actor: `inScope(groups)` for the direct groups of a user about to be created. */
export type NewUserScopeCheck = (groups: readonly string[]) => Promise<boolean>;

/** The check for `actor`; parents are read once per group and kept for the actor's many rows (an import). */
export function newUserScopeCheck(
  directoryAdmin: Pick<UserManagementOps, "findGroup">,
  actor: AdminActor,
): NewUserScopeCheck {
  if (actor.type === "console") return () => Promise.resolve(true);
  const managing = assignmentsOf(actor).filter((assignment) => may([assignment.role], "users.manage"));
  if (managing.some((assignment) => assignment.scopeGroup === null)) return () => Promise.resolve(true);
  const scopes = new Set(
    managing.flatMap((assignment) => (assignment.scopeGroup === null ? [] : [assignment.scopeGroup])),
  );
  const parents = new Map<string, readonly string[]>();
  const parentsOf = async (group: string): Promise<readonly string[]> => {
    const known = parents.get(group);
    if (known !== undefined) return known;
    const found = (await directoryAdmin.findGroup(group, 0))?.parentNames ?? [];
    parents.set(group, found);
    return found;
  };
  return async (groups) => {
    const reached = new Set<string>();
    let level = [...groups];
    for (let depth = 0; depth < MAX_NESTING && level.length > 0; depth++) {
      const next: string[] = [];
      for (const group of level) {
        if (reached.has(group)) continue;
        if (scopes.has(group)) return true;
        reached.add(group);
        next.push(...(await parentsOf(group)));
      }
      level = next;
    }
    return false;
  };
}
