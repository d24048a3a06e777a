/**
 * The helpdesk's account actions (SPEC §10): unlock, clear an SSPR block, enable or disable, revoke sessions (the
 * admin reset is `admin-reset.ts`, releasing a security hold `hold-actions.ts`). Each checks the actor's capability and the target's rank, writes its audit event and
 * applies SPEC §9.1's row (security-effects.ts) in one transaction.
 */
import { isLastGlobalAdmin } from "./last-global-admin.js";
import { helpdeskContactOf } from "../helpdesk/helpdesk-contact.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { AuditEvent } from "../audit-events.js";
import { accountKey } from "../policies/attempt-policy.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../policies/sspr-policy.js";
import type { CounterId, TransactionStores } from "../ports.js";
import { applySecurityEffects, type SecurityEffectsInput } from "../security-effects.js";
import { type AdminActor, auditActorOf, noticeOriginOf } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";

/** "Clear SSPR block" resets every SSPR counter of the account (SPEC §8.1, §10). */
const SSPR_COUNTERS: readonly CounterId[] = ["A1", "A2", "A3", "A4"];

type Event = Omit<AuditEvent, "actor" | "time" | "target">;

/** The events stamped with the actor, the target and the time. */
export function eventsFor(actor: AdminActor, user: AdminUserView, now: Date, events: readonly Event[]): AuditEvent[] {
  const target = { ref: user.ref, userId: user.userId };
  return events.map((event) => ({ ...event, ...auditActorOf(actor), target, time: now }));
}

/** The policy in force, or the defaults before any was saved. */
export async function policyInForce(deps: AdminDeps): Promise<SsprPolicy> {
  return (await deps.policy.current())?.policy ?? DEFAULT_POLICY;
}

/** Whether and how the user is told; `policy` when the caller has read it already. */
export async function noticeSettings(
  deps: AdminDeps,
  actor: AdminActor,
  policy?: SsprPolicy,
): Promise<SecurityEffectsInput["notify"]> {
  const [inForce, organisation] = await Promise.all([
    policy ?? policyInForce(deps),
    deps.directoryAdmin.getOrganisation(),
  ]);
  const configured = deps.configured.organisation;
  return {
    enabled: inForce.notify.userOnReset,
    caller: { ...noticeOriginOf(actor, deps.host), lang: organisation?.defaultLanguage ?? configured.defaultLanguage },
    organisation: {
      name: organisation?.name ?? configured.name,
      signInUrl: new URL("/signin", deps.configured.publicUrl).href,
      helpdesk: helpdeskContactOf(inForce.helpdesk, deps.configured.publicUrl),
    },
  };
}

/** Admin unlock (SPEC §8.4): the admin lock and Sandi's sign-in lockout go; A1–A3 stay ("Clear SSPR block"). */
export async function unlockUser(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView; wasAdminLocked: boolean }, AdminRefusal>> {
  const found = await targetFor(deps, actor, "password.reset", userId);
  if (!found.ok) return found;
  const user = found.value;
  const now = deps.clock.now();
  const wasAdminLocked = await deps.unitOfWork.inTransaction(async (stores) => {
    const cleared = await stores.directoryAdmin.clearAdminLock(user.ref);
    await stores.signInLockouts.clear(user.userId);
    const changes = [{ field: "adminLocked", old: cleared.wasAdminLocked, new: false }];
    const unlocked = { activity: "directory.user.changed", result: "success", reason: "unlock", changes } as const;
    await stores.audit.append(eventsFor(actor, user, now, [unlocked]));
    return cleared.wasAdminLocked;
  });
  return succeed({ user, wasAdminLocked });
}

/** "Clear SSPR block" (SPEC §10): forgets A1–A4 hits and blocks of the account; locks are untouched. */
export async function clearSsprBlock(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView }, AdminRefusal>> {
  const found = await targetFor(deps, actor, "sessions.revoke", userId);
  if (!found.ok) return found;
  const user = found.value;
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.throttles.clear(SSPR_COUNTERS, accountKey(user.ref, user.userId));
    const cleared = { activity: "directory.user.changed", result: "success", reason: "sspr_block_cleared" } as const;
    await stores.audit.append(eventsFor(actor, user, now, [cleared]));
  });
  return succeed({ user });
}

/** "Revoke sessions" (SPEC §10): every Sandi session ends and open flows are cancelled, per §9.1. */
export async function revokeSessions(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView; sessionsEnded: number }, AdminRefusal>> {
  const found = await targetFor(deps, actor, "sessions.revoke", userId);
  if (!found.ok) return found;
  const user = found.value;
  const notify = await noticeSettings(deps, actor);
  const now = deps.clock.now();
  const sessionsEnded = await deps.unitOfWork.inTransaction((stores) =>
    endEverything(stores, { actor, user, now, notify }),
  );
  return succeed({ user, sessionsEnded });
}

/** Disables the account (ending every session, as "Revoke sessions" does) or enables it; `changed` false if it was so. */
export async function setUserEnabled(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
  enabled: boolean,
): Promise<Outcome<{ user: AdminUserView; changed: boolean }, AdminRefusal | "read_only" | "last_global_admin">> {
  if (!deps.directory.capabilities.manageUsers) return fail("read_only");
  const found = await targetFor(deps, actor, "users.manage", userId);
  if (!found.ok) return found;
  const user = found.value;
  const notify = await noticeSettings(deps, actor);
  const now = deps.clock.now();
  const verb = enabled ? "enable" : "disable";
  const changed = await deps.unitOfWork.inTransaction(async (stores) => {
    if (!enabled && (await isLastGlobalAdmin(stores, user))) return "last_global_admin" as const;
    const switched = await stores.directoryAdmin.setEnabled(user.ref, enabled);
    if (switched) {
      const changes = [{ field: "enabled", old: !enabled, new: enabled }];
      const event = { activity: "directory.user.changed", result: "success", reason: verb, changes } as const;
      await stores.audit.append(eventsFor(actor, user, now, [event]));
    }
    if (!enabled) await endEverything(stores, { actor, user, now, notify });
    return switched;
  });
  if (changed === "last_global_admin") return fail(changed);
  return succeed({ user, changed });
}

async function endEverything(
  stores: TransactionStores,
  input: { actor: AdminActor; user: AdminUserView; now: Date; notify: SecurityEffectsInput["notify"] },
): Promise<number> {
  const { actor, user, now, notify } = input;
  const effects = await applySecurityEffects(stores, { cause: "admin_revoke_sessions", user, now, notify });
  const reason = `admin:${String(effects.sessionsEnded)}`;
  await stores.audit.append(eventsFor(actor, user, now, [{ activity: "sessions.revoked", result: "success", reason }]));
  return effects.sessionsEnded;
}
