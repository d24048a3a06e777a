/**
 * Static groups of the built-in directory from the admin portal and the CLI (SPEC §10): list, one group with its
 * members and nesting, create, rename, delete, remove a member, take a subgroup out. Adding members and nesting are in
 * directory-actions.ts. Creating, renaming, deleting and nesting check `groups.manage`, which no group-scoped role
 * grants (a scoped admin who could nest or rename groups could widen their own scope); a member's change checks
 * `users.manage` on that member, so a scoped admin moves only users inside their scope. Reads: anyone who may look
 * people up, a scoped one seeing only the members inside their scope. Each refuses a directory whose groups Sandi
 * may not manage, and audits as "directory.group.changed".
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { AuditEvent } from "../audit-events.js";
import { type AdminActor, actorMay, auditActorOf } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import { addGroup } from "./directory-actions.js";
import type { GroupDetail, GroupSummary } from "./user-admin-ports.js";
import { isGroupNameValid } from "./user-fields.js";
import { isInLookUpScope } from "./user-overview.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../policies/sspr-policy.js";

/** The members a group page lists at most (the user list filtered by group pages through the rest). */
export const GROUP_PAGE_MEMBERS = 200;
export const GROUP_DESCRIPTION_MAX_LENGTH = 500;

function mayLookUp(actor: AdminActor): boolean {
  return actorMay(actor, "methods.view") || actorMay(actor, "users.manage");
}

type GroupEvent = Omit<AuditEvent, "actor" | "time" | "activity" | "result">;

function groupEvent(actor: AdminActor, now: Date, event: GroupEvent): AuditEvent {
  return { activity: "directory.group.changed", result: "success", ...event, ...auditActorOf(actor), time: now };
}

export async function listGroups(deps: AdminDeps, actor: AdminActor): Promise<Outcome<GroupSummary[], "forbidden">> {
  if (!mayLookUp(actor)) return fail("forbidden");
  return succeed(await deps.directoryAdmin.listGroups());
}

export async function groupDetail(
  deps: AdminDeps,
  actor: AdminActor,
  name: string,
): Promise<Outcome<GroupDetail, AdminRefusal>> {
  if (!mayLookUp(actor)) return fail("forbidden");
  const group = await deps.directoryAdmin.findGroup(name, GROUP_PAGE_MEMBERS);
  if (group === null) return fail("not_found");
  // A group-scoped admin sees only the members inside their scope, as their user search and list do.
  return succeed({ ...group, members: group.members.filter((member) => isInLookUpScope(actor, member)) });
}

/** Creates a group after checking its name and description ("invalid_name", "invalid_description"). */
export async function createGroup(
  deps: AdminDeps,
  actor: AdminActor,
  input: { name: string; description: string },
): Promise<Outcome<void, "forbidden" | "exists" | "read_only" | "invalid_name" | "invalid_description">> {
  const name = input.name.trim();
  const description = input.description.trim();
  if (!isGroupNameValid(name)) return fail("invalid_name");
  if (description.length > GROUP_DESCRIPTION_MAX_LENGTH || /[\p{Cc}]/u.test(description))
    return fail("invalid_description");
  return addGroup(deps, actor, { name, description });
}

/** The policy's settings that name `group`: scope, exclusions, protected accounts and each method's targeting. */
export function policyFieldsNaming(policy: SsprPolicy, group: string): string[] {
  const fields = (["scopeGroups", "excludedGroups", "protectedGroups"] as const).filter((field) =>
    policy[field].includes(group),
  );
  const targets = Object.entries(policy.methodTargets)
    .filter(([, target]) => target.groups.includes(group) || target.excludedGroups.includes(group))
    .map(([method]) => `methodTargets.${method}`);
  return [...fields, ...targets];
}

export type GroupRenameRefusal = "forbidden" | "read_only" | "not_found" | "exists" | "invalid_name" | "in_policy";

/**
 * Renames a group; its members, nesting and group-scoped roles follow. Refused ("in_policy") while the live policy
 * names the group: the policy names groups by name, so a rename would silently take the group's members out of SSPR
 * scope or a method's targeting. The admin changes the policy first (or renames back); `fields` says where.
 */
export async function renameGroup(
  deps: AdminDeps,
  actor: AdminActor,
  input: { from: string; to: string },
): Promise<Outcome<void, GroupRenameRefusal> & { fields?: string[] }> {
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  if (!actorMay(actor, "groups.manage")) return fail("forbidden");
  const to = input.to.trim();
  if (!isGroupNameValid(to)) return fail("invalid_name");
  if (to === input.from) return succeed(undefined);
  const now = deps.clock.now();
  // Read before the transaction: on PGlite a policy read inside it would wait for the one connection.
  const fields = await fieldsNamingGroup(deps, input.from, now);
  if (fields.length > 0) return { ...fail("in_policy"), fields };
  return deps.unitOfWork.inTransaction(async (stores) => {
    const result = await stores.directoryAdmin.renameGroup(input.from, to);
    if (result !== "renamed") return fail(result);
    const changes = [{ field: "group", old: input.from, new: to }];
    await stores.audit.append([groupEvent(actor, now, { reason: "renamed", changes })]);
    return succeed(undefined);
  });
}

/**
 * Where the live policy, or the draft of an evaluation still running, names `group`: the draft's fields are prefixed
 * `evaluation.`, since a rename would quietly change what the evaluation records as well as what the policy enforces.
 */
async function fieldsNamingGroup(deps: AdminDeps, group: string, now: Date): Promise<string[]> {
  const live = policyFieldsNaming((await deps.policy.current())?.policy ?? DEFAULT_POLICY, group);
  const evaluation = await deps.evaluations.open();
  const running = evaluation !== null && evaluation.endsAt.getTime() > now.getTime();
  const drafted = running ? policyFieldsNaming(evaluation.draft, group).map((field) => `evaluation.${field}`) : [];
  return [...live, ...drafted];
}

/** Deletes the group: memberships and nesting links go, the users and other groups stay. */
export async function deleteGroup(
  deps: AdminDeps,
  actor: AdminActor,
  name: string,
): Promise<Outcome<void, AdminRefusal | "read_only">> {
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  if (!actorMay(actor, "groups.manage")) return fail("forbidden");
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.directoryAdmin.deleteGroup(name))) return fail("not_found");
    const changes = [{ field: "group", old: name, new: null }];
    await stores.audit.append([groupEvent(actor, now, { reason: "deleted", changes })]);
    return succeed(undefined);
  });
}

/** Takes the user out of the group; `removed` false when they were not a direct member. */
export async function removeMember(
  deps: AdminDeps,
  actor: AdminActor,
  input: { group: string; userId: string },
): Promise<Outcome<{ user: AdminUserView; removed: boolean }, AdminRefusal | "read_only">> {
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  const found = await targetFor(deps, actor, "users.manage", input.userId);
  if (!found.ok) return found;
  const user = found.value;
  const now = deps.clock.now();
  const removed = await deps.unitOfWork.inTransaction(async (stores) => {
    const gone = await stores.directoryAdmin.removeMember(input.group, user.ref);
    if (gone) {
      const changes = [{ field: "members", old: input.group, new: null }];
      const target = { ref: user.ref, userId: user.userId };
      await stores.audit.append([groupEvent(actor, now, { reason: "member_removed", target, changes })]);
    }
    return gone;
  });
  return succeed({ user, removed });
}

/** Takes `child` out of `parent`; `removed` false when it was not inside. */
export async function removeSubgroup(
  deps: AdminDeps,
  actor: AdminActor,
  input: { parent: string; child: string },
): Promise<Outcome<{ removed: boolean }, "forbidden" | "read_only">> {
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  if (!actorMay(actor, "groups.manage")) return fail("forbidden");
  const now = deps.clock.now();
  const removed = await deps.unitOfWork.inTransaction(async (stores) => {
    const gone = await stores.directoryAdmin.removeSubgroup(input.parent, input.child);
    if (gone) {
      const changes = [{ field: "subgroups", old: input.child, new: null }];
      await stores.audit.append([
        groupEvent(actor, now, { reason: "subgroup_removed", target: { userId: input.parent }, changes }),
      ]);
    }
    return gone;
  });
  return succeed({ removed });
}
