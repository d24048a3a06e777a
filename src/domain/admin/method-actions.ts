/**
 * The helpdesk's method actions (SPEC §10, GA, UA, HA): remove one method (a lost phone) and require re-registration,
 * which deletes every method (TOTP secrets, passkeys, answers, phones, email, recovery codes with their set) and sets
 * the interrupt with no skip. Each writes the method history with the admin as actor, the audit events, and tells the
 * user as a removal of their own would (SPEC §5.1's notice, when the policy sends it), in one transaction.
 */
import { uuidv7 } from "../../lib/uuidv7.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { TransactionStores, VerifiedMethod } from "../ports.js";
import { maskedValueOf } from "../registration/method-display.js";
import type { MethodEvent } from "../registration/registration-ports.js";
import { draftSecurityNotices } from "../registration/security-notice.js";
import { eventsFor, noticeSettings, policyInForce } from "./access-actions.js";
import { type AdminActor, actorLabelOf } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";

interface Removal {
  readonly deps: AdminDeps;
  readonly actor: AdminActor;
  readonly user: AdminUserView;
  readonly now: Date;
  readonly notify: { enabled: boolean; caller: Awaited<ReturnType<typeof noticeSettings>>["caller"] } & {
    organisation: { name: string; signInUrl: string; helpdesk: string };
  };
}

function historyEvent(removal: Removal, method: VerifiedMethod): MethodEvent {
  const { deps, actor, user, now } = removal;
  return {
    id: uuidv7(now, deps.random),
    userRef: user.ref,
    methodRef: method.id,
    method: method.method,
    action: "removed",
    masked: maskedValueOf(method),
    actor: actorLabelOf(actor),
    ip: actor.type === "console" ? deps.host : actor.ip,
    client: actor.type === "console" ? "Sandi console (system)" : actor.client,
    at: now,
  };
}

/** Removes `methods` (already listed in `before`) with their history, audit events and notices. */
async function removeAll(
  stores: TransactionStores,
  removal: Removal,
  input: { before: readonly VerifiedMethod[]; methods: readonly VerifiedMethod[] },
): Promise<number> {
  const { user, now, actor } = removal;
  const removed: VerifiedMethod[] = [];
  for (const method of input.methods) if (await stores.methods.remove(user.ref, method.id)) removed.push(method);
  if (removed.length === 0) return 0;
  await stores.methodHistory.append(removed.map((method) => historyEvent(removal, method)));
  const events = removed.map(
    (method) =>
      ({
        activity: "security_info.removed",
        result: "success",
        method: method.method,
        maskedTarget: maskedValueOf(method),
      }) as const,
  );
  await stores.audit.append(eventsFor(actor, user, now, events));
  if (!removal.notify.enabled) return removed.length;
  const after = await stores.methods.listForUser(user.ref);
  for (const method of removed) {
    const drafts = await draftSecurityNotices(stores, {
      user,
      before: input.before,
      after,
      change: "removed",
      method: method.method,
      masked: maskedValueOf(method),
      caller: removal.notify.caller,
      organisation: removal.notify.organisation,
      now,
    });
    await stores.outbox.enqueue(drafts, now);
  }
  return removed.length;
}

async function removalFor(deps: AdminDeps, actor: AdminActor, user: AdminUserView): Promise<Removal> {
  const policy = await policyInForce(deps);
  const settings = await noticeSettings(deps, actor, policy);
  const organisation = { ...settings.organisation, helpdesk: settings.organisation.helpdesk ?? "" };
  const notify = { enabled: policy.notify.userOnSecurityInfoChange, caller: settings.caller, organisation };
  return { deps, actor, user, now: deps.clock.now(), notify };
}

/** "Remove one method" (SPEC §10): the method `methodId` of the user goes; "not_found" when they have no such one. */
export async function removeUserMethod(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
  methodId: string,
): Promise<Outcome<{ user: AdminUserView; method: string }, AdminRefusal>> {
  const found = await targetFor(deps, actor, "sessions.revoke", userId);
  if (!found.ok) return found;
  const removal = await removalFor(deps, actor, found.value);
  const removed = await deps.unitOfWork.inTransaction(async (stores) => {
    const before = await stores.methods.listForUser(found.value.ref);
    const method = before.find((candidate) => candidate.id === methodId);
    if (method === undefined) return null;
    return (await removeAll(stores, removal, { before, methods: [method] })) === 1 ? method : null;
  });
  if (removed === null) return fail("not_found");
  return succeed({ user: found.value, method: removed.method });
}

/**
 * "Require re-registration" (SPEC §10): every method is deleted (SPEC: "Deletes all methods"), the account is no
 * longer Registered, and the interrupt shows at the next sign-in with no skip (SPEC §5.2 item 4).
 */
export async function requireReregistration(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView; methodsRemoved: number }, AdminRefusal>> {
  const found = await targetFor(deps, actor, "sessions.revoke", userId);
  if (!found.ok) return found;
  const user = found.value;
  const removal = await removalFor(deps, actor, user);
  const methodsRemoved = await deps.unitOfWork.inTransaction(async (stores) => {
    const before = await stores.methods.listForUser(user.ref);
    const count = await removeAll(stores, removal, { before, methods: before });
    await stores.accounts.setRegistrationForced(user.ref, removal.now);
    await stores.accounts.setRegistrationState(user.ref, "none", removal.now);
    const required = {
      activity: "security_info.reregistration_required",
      result: "success",
      reason: `methods:${String(count)}`,
    } as const;
    await stores.audit.append(eventsFor(actor, user, removal.now, [required]));
    return count;
  });
  return succeed({ user, methodsRemoved });
}
