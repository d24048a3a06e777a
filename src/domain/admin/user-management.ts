/**
 * Managing built-in users from the admin portal and the CLI (SPEC §10 "Users and groups"; issue 12 item 5): the
 * filtered user list, create with contact fields and groups, edit, delete. Each checks `users.manage` (the list:
 * anyone who may look people up) and the target's rank (`mayActOn`), refuses a directory Sandi may not manage,
 * audits, and deleting applies SPEC §9.1's "Revoke sessions" row before the account goes.
 */
import { isLastGlobalAdmin } from "./last-global-admin.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { accountKey } from "../policies/attempt-policy.js";
import { applySecurityEffects } from "../security-effects.js";
import { type AdminActor, actorMay, lookUpScopeOf } from "./admin-actor.js";
import { newUserScopeCheck } from "./new-user-scope.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import { eventsFor, noticeSettings } from "./access-actions.js";
import { addUser } from "./directory-actions.js";
import type { UserContact, UserEdit, UserListFilters, UserSort } from "./user-admin-ports.js";
import { refsByCapable } from "./capable-users.js";
import { checkUserFields, checkUserId, type FieldProblem, type TypedUserFields } from "./user-fields.js";

export const USER_LIST_PAGE_SIZE = 50;

export interface UserListPage {
  readonly users: readonly AdminUserView[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
}

/** One page (from 1) of the users the filters match, sorted. */
export async function listUserPage(
  deps: AdminDeps,
  actor: AdminActor,
  query: UserListFilters & { sort: UserSort; descending: boolean; page: number; capable?: boolean | null },
): Promise<Outcome<UserListPage, "forbidden">> {
  if (!actorMay(actor, "methods.view") && !actorMay(actor, "users.manage")) return fail("forbidden");
  const page = Number.isInteger(query.page) && query.page > 0 ? query.page : 1;
  const { capable = null, ...filters } = query;
  const found = await deps.directoryAdmin.listUserPage({
    ...filters,
    onlyRefs: capable === null ? null : await refsByCapable(deps, capable),
    // A group-scoped admin lists the members of their groups only, as the search and the user page allow.
    withinGroups: lookUpScopeOf(actor, ["methods.view", "users.manage"]),
    limit: USER_LIST_PAGE_SIZE,
    offset: (page - 1) * USER_LIST_PAGE_SIZE,
    now: deps.clock.now(),
  });
  const pageCount = Math.max(1, Math.ceil(found.total / USER_LIST_PAGE_SIZE));
  return succeed({ users: found.users, total: found.total, page, pageCount });
}

type Invalid = { ok: false; reason: "invalid"; problems: FieldProblem[] };

function invalid(problems: FieldProblem[]): Invalid {
  return { ok: false, reason: "invalid", problems };
}

/** The user's contact numbers, for the edit form and the user page. */
export async function userContact(deps: AdminDeps, actor: AdminActor, ref: string): Promise<UserContact | null> {
  if (!actorMay(actor, "methods.view") && !actorMay(actor, "users.manage")) return null;
  return deps.directoryAdmin.contactOf(ref);
}

/** Creates a user with a one-time temporary password, their contact fields and groups. */
export async function createUser(
  deps: AdminDeps,
  actor: AdminActor,
  typed: TypedUserFields & { userId?: string; groups?: readonly string[] },
): Promise<
  | Outcome<
      { user: AdminUserView; temporaryPassword: string },
      "forbidden" | "exists" | "read_only" | "no_group" | "out_of_scope"
    >
  | Invalid
> {
  if (!actorMay(actor, "users.manage")) return fail("forbidden");
  if (!deps.directory.capabilities.manageUsers) return fail("read_only");
  const problems: FieldProblem[] = [];
  const userId = checkUserId(typed.userId, problems);
  const checked = checkUserFields(typed, { emailRequired: true });
  problems.push(...checked.problems);
  if (problems.length > 0) return invalid(problems);
  const groups = [...new Set(typed.groups ?? [])];
  const known = new Set((await deps.directoryAdmin.listGroups()).map((group) => group.name));
  if (groups.some((group) => !known.has(group))) return fail("no_group");
  if (!(await newUserScopeCheck(deps.directoryAdmin, actor)(groups))) return fail("out_of_scope");
  const { edit } = checked;
  const created = await addUser(deps, actor, { userId, ...edit, email: edit.email ?? "" });
  if (!created.ok) return created;
  const user = await applyEdit(deps, actor, created.value.user, { edit, groups, quiet: true });
  return succeed({ user, temporaryPassword: created.value.temporaryPassword });
}

/** Edits the user's identity and contact fields and, when `groups` is given, makes those their direct groups. */
export async function editUser(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
  typed: TypedUserFields & { groups?: readonly string[] },
): Promise<Outcome<{ user: AdminUserView }, AdminRefusal | "read_only" | "no_group"> | Invalid> {
  if (!deps.directory.capabilities.manageUsers) return fail("read_only");
  const found = await targetFor(deps, actor, "users.manage", userId);
  if (!found.ok) return found;
  const checked = checkUserFields(typed, { emailRequired: false });
  if (checked.problems.length > 0) return invalid(checked.problems);
  if (typed.groups !== undefined) {
    const known = new Set((await deps.directoryAdmin.listGroups()).map((group) => group.name));
    if (typed.groups.some((group) => !known.has(group))) return fail("no_group");
  }
  const user = await applyEdit(deps, actor, found.value, { edit: checked.edit, groups: typed.groups, quiet: false });
  return succeed({ user });
}

/** The field changes for the audit: contact values are personal data, so only that they changed is kept. */
function changesOf(before: AdminUserView, contact: UserContact | null, edit: UserEdit) {
  const named = [
    ["displayName", before.displayName, edit.displayName],
    ["firstName", before.firstName, edit.firstName],
    ["lastName", before.lastName, edit.lastName],
    ["preferredLanguage", before.preferredLanguage, edit.preferredLanguage],
  ] as const;
  const contacts = [
    ["email", before.email, edit.email],
    ["mobilePhone", contact?.mobilePhone ?? null, edit.mobilePhone],
    ["officePhone", contact?.officePhone ?? null, edit.officePhone],
  ] as const;
  return [
    ...named.filter(([, old, value]) => old !== value).map(([field, old, value]) => ({ field, old, new: value })),
    ...contacts.filter(([, old, value]) => old !== value).map(([field]) => ({ field, old: "…", new: "changed" })),
  ];
}

async function applyEdit(
  deps: AdminDeps,
  actor: AdminActor,
  before: AdminUserView,
  input: { edit: UserEdit; groups: readonly string[] | undefined; quiet: boolean },
): Promise<AdminUserView> {
  const now = deps.clock.now();
  const contact = await deps.directoryAdmin.contactOf(before.ref);
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.directoryAdmin.updateUser(before.ref, input.edit);
    const changes: { field: string; old: unknown; new: unknown }[] = changesOf(before, contact, input.edit);
    if (input.groups !== undefined) {
      const moved = await stores.directoryAdmin.setGroups(before.ref, input.groups);
      if (moved.ok && (moved.value.added.length > 0 || moved.value.removed.length > 0))
        changes.push({ field: "groups", old: moved.value.removed.join(", "), new: moved.value.added.join(", ") });
    }
    // A new user's creation event says enough; an edit says what changed.
    if (changes.length > 0 && !input.quiet) {
      const event = { activity: "directory.user.changed", result: "success", reason: "edited", changes } as const;
      await stores.audit.append(eventsFor(actor, before, now, [event]));
    }
  });
  return (await deps.directoryAdmin.findUserByRef(before.ref)) ?? before;
}

/**
 * Deletes the user. Their sessions end and open flows and codes are cancelled (SPEC §9.1, as "Revoke sessions"),
 * then the entry and account go with their methods, roles and memberships; the audit log keeps their history.
 * Refused for one's own account and for the last enabled Global admin (nobody could administer Sandi then).
 */
export async function deleteUser(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView }, AdminRefusal | "read_only" | "own_account" | "last_global_admin">> {
  if (!deps.directory.capabilities.manageUsers) return fail("read_only");
  if (actor.type === "admin" && (await deps.directoryAdmin.findUser(userId))?.ref === actor.ref)
    return fail("own_account");
  const found = await targetFor(deps, actor, "users.manage", userId);
  if (!found.ok) return found;
  const user = found.value;
  const notify = { ...(await noticeSettings(deps, actor)), enabled: false };
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    if (await isLastGlobalAdmin(stores, user)) return fail("last_global_admin");
    const effects = await applySecurityEffects(stores, { cause: "admin_revoke_sessions", user, now, notify });
    await stores.throttles.clear(["A1", "A2", "A3", "A4"], accountKey(user.ref, user.userId));
    await stores.signInLockouts.clear(user.userId);
    await stores.directoryAdmin.deleteUser(user.ref);
    const revoked = {
      activity: "sessions.revoked",
      result: "success",
      reason: `admin:${String(effects.sessionsEnded)}`,
    } as const;
    const changes = [{ field: "user", old: user.userId, new: null }];
    const deleted = { activity: "directory.user.changed", result: "success", reason: "deleted", changes } as const;
    await stores.audit.append(eventsFor(actor, user, now, [revoked, deleted]));
    return succeed({ user });
  });
}
