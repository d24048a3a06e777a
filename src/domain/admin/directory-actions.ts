/**
 * Users, groups and roles of the built-in directory (SPEC §10): add a user with a one-time temporary password, add
 * a group, add a member, grant a role, and the reads behind them. Each checks the actor's capability and audits; a
 * directory Sandi may not manage (its `capabilities`, LDAP in read-only mode) refuses the writes as `read_only`.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { hashPassword } from "../../lib/crypto/password-hash.js";
import type { AuditEvent } from "../audit-events.js";
import type { VerifiedMethod } from "../ports.js";
import { normaliseUserId } from "../user-id.js";
import { type AdminActor, actorMay, auditActorOf } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import { DEFAULT_POLICY } from "../policies/sspr-policy.js";
import { generateAcceptedTemporaryPassword } from "./temporary-password.js";
import { isInLookUpScope } from "./user-overview.js";

type Event = Omit<AuditEvent, "actor" | "time">;

/** SPEC §3: nested group membership counts to depth 10 (a top group is depth 1). */
export const MAX_GROUP_DEPTH = 10;

function stamped(actor: AdminActor, now: Date, events: readonly Event[]): AuditEvent[] {
  return events.map((event) => ({ ...event, ...auditActorOf(actor), time: now }));
}

export interface NewUserInput {
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly displayName: string;
}

/** Creates a built-in user with a temporary password that must be changed at the first sign-in. */
export async function addUser(
  deps: AdminDeps,
  actor: AdminActor,
  input: NewUserInput,
): Promise<Outcome<{ user: AdminUserView; temporaryPassword: string }, "forbidden" | "exists" | "read_only">> {
  if (!actorMay(actor, "users.manage")) return fail("forbidden");
  if (!deps.directory.capabilities.manageUsers) return fail("read_only");
  const [policy, organisation] = await Promise.all([deps.policy.current(), deps.directoryAdmin.getOrganisation()]);
  const temporaryPassword = generateAcceptedTemporaryPassword(deps.random, {
    policy: (policy?.policy ?? DEFAULT_POLICY).password,
    person: input,
    organisationName: organisation?.name ?? deps.configured.organisation.name,
    bannedList: deps.bannedList(),
  });
  const passwordHash = await hashPassword(deps.hasher, temporaryPassword);
  const now = deps.clock.now();
  const user = {
    ...input,
    userId: normaliseUserId(input.userId),
    passwordHash,
    mustChangePassword: true,
    isDemo: false,
  };
  const created = await deps.unitOfWork.inTransaction(async (stores) => {
    const outcome = await stores.directoryAdmin.createUser(user, now);
    if (outcome.ok) {
      const target = { ref: outcome.value.ref, userId: outcome.value.userId };
      await stores.audit.append(
        stamped(actor, now, [{ activity: "directory.user.created", result: "success", target }]),
      );
    }
    return outcome;
  });
  return created.ok ? succeed({ user: created.value, temporaryPassword }) : created;
}

/** Creates a static group; "exists" when the name is taken. Organisation-wide: `groups.manage`, never scoped. */
export async function addGroup(
  deps: AdminDeps,
  actor: AdminActor,
  input: { name: string; description: string },
): Promise<Outcome<void, "forbidden" | "exists" | "read_only">> {
  if (!actorMay(actor, "groups.manage")) return fail("forbidden");
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    const outcome = await stores.directoryAdmin.addGroup(input.name, input.description, now);
    if (outcome.ok) {
      const changes = [{ field: "group", old: null, new: input.name }];
      const event = { activity: "directory.group.changed", result: "success", reason: "created", changes } as const;
      await stores.audit.append(stamped(actor, now, [event]));
    }
    return outcome;
  });
}

/**
 * Puts one group inside another (nested membership counts for scope and exclusion, to depth 10). `groups.manage`:
 * nesting a group into a scope group would bring all its members into that scope.
 */
export async function addSubgroup(
  deps: AdminDeps,
  actor: AdminActor,
  input: { parent: string; child: string },
): Promise<Outcome<{ added: boolean }, AdminRefusal | "no_group" | "cycle" | "too_deep" | "read_only">> {
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  if (!actorMay(actor, "groups.manage")) return fail("forbidden");
  const now = deps.clock.now();
  const outcome = await deps.unitOfWork.inTransaction(async (stores) => {
    const added = await nestWithinDepth(stores.directoryAdmin, input.parent, input.child);
    if (added.ok) {
      const changes = [{ field: "subgroups", old: null, new: input.child }];
      const event = {
        activity: "directory.group.changed",
        result: "success",
        reason: "subgroup_added",
        changes,
      } as const;
      await stores.audit.append(stamped(actor, now, [{ ...event, target: { userId: input.parent } }]));
    }
    return added;
  });
  if (!outcome.ok && outcome.reason !== "already") return fail(outcome.reason);
  return succeed({ added: outcome.ok });
}

/** SPEC §3: nesting counts to depth 10, so a link that would make a longer chain is refused (before a cycle check). */
async function nestWithinDepth(
  store: AdminDeps["directoryAdmin"],
  parent: string,
  child: string,
): Promise<Outcome<void, "no_group" | "already" | "cycle" | "too_deep">> {
  if (parent !== child && (await store.depthIfNested(parent, child)) > MAX_GROUP_DEPTH) return fail("too_deep");
  return store.addSubgroup(parent, child);
}

/**
 * Adds the user to a group; `added` false when they were in it already. The user must be one the actor may manage:
 * a group-scoped admin cannot pull an outsider into their scope group (and so into their reach).
 */
export async function addMember(
  deps: AdminDeps,
  actor: AdminActor,
  input: { group: string; userId: string },
): Promise<Outcome<{ user: AdminUserView; added: boolean }, AdminRefusal | "no_group" | "read_only">> {
  if (!deps.directory.capabilities.manageGroups) return fail("read_only");
  const found = await targetFor(deps, actor, "users.manage", input.userId);
  if (!found.ok) return found;
  const user = found.value;
  const now = deps.clock.now();
  const outcome = await deps.unitOfWork.inTransaction(async (stores) => {
    const added = await stores.directoryAdmin.addMember(input.group, user.ref);
    if (added.ok) {
      const event = {
        activity: "directory.group.changed",
        result: "success",
        reason: "member_added",
        target: { ref: user.ref, userId: user.userId },
        changes: [{ field: "members", old: null, new: input.group }],
      } as const;
      await stores.audit.append(stamped(actor, now, [event]));
    }
    return added;
  });
  if (!outcome.ok && outcome.reason === "no_group") return fail("no_group");
  return succeed({ user, added: outcome.ok });
}

/** Users ordered by user ID (everyone who may view methods or manage users may list them). */
export async function listUsers(deps: AdminDeps, actor: AdminActor): Promise<Outcome<AdminUserView[], "forbidden">> {
  if (!actorMay(actor, "methods.view") && !actorMay(actor, "users.manage")) return fail("forbidden");
  // A role limited to a group lists that group's members only.
  const users = await deps.directoryAdmin.listUsers({ limit: 100_000 });
  return succeed(users.filter((user) => isInLookUpScope(actor, user)));
}

/** One user and their verified methods (the caller masks them, SPEC §4.2). */
export async function showUser(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView; methods: VerifiedMethod[] }, AdminRefusal>> {
  if (!actorMay(actor, "methods.view")) return fail("forbidden");
  const user = await deps.directoryAdmin.findUser(userId);
  if (user === null) return fail("not_found");
  if (!isInLookUpScope(actor, user)) return fail("forbidden");
  return succeed({ user, methods: await deps.methods.listForUser(user.ref) });
}
