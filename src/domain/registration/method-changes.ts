/**
 * Saving and removing a user's own methods (SPEC §5.1): every save follows a verification the method module ran;
 * each change is kept in the method history, audited, told to every address (old ones included) and recomputes
 * the registration state, all in one transaction.
 */
import { uuidv7 } from "../../lib/uuidv7.js";
import type { AuditEvent } from "../audit-events.js";
import { kindOfMethod, MAX_PER_USER } from "../methods.js";
import type { TransactionStores, VerifiedMethod } from "../ports.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import { maskedValueOf } from "./method-display.js";
import { enabledKinds } from "./readiness.js";
import { isPrivileged } from "../users.js";
import type { MethodAction, MethodEvent } from "./registration-ports.js";
import { refreshRegistrationState } from "./registration-state.js";
import type { SecurityInfoCaller, SecurityInfoDeps } from "./security-info-deps.js";
import { draftSecurityNotices, type SecurityInfoChange } from "./security-notice.js";

/** A verified method to store; the service gives it its id, owner and dates. */
export type NewMethod = Omit<VerifiedMethod, "id" | "userRef" | "createdAt" | "lastUsedAt" | "verifiedAt">;

export type SaveRefusal = "limit_reached" | "not_found" | "duplicate" | "not_enabled";

/** One history entry for `method`. */
export function methodEvent(
  deps: Pick<SecurityInfoDeps, "random">,
  caller: Pick<SecurityInfoCaller, "user" | "ip" | "client">,
  method: VerifiedMethod,
  action: MethodAction,
  now: Date,
): MethodEvent {
  return {
    id: uuidv7(now, deps.random),
    userRef: caller.user.ref,
    methodRef: method.id,
    method: method.method,
    action,
    masked: maskedValueOf(method),
    actor: "user",
    ip: caller.ip,
    client: caller.client,
    at: now,
  };
}

function securityInfoEvent(
  caller: SecurityInfoCaller,
  change: SecurityInfoChange,
  method: VerifiedMethod,
  now: Date,
): AuditEvent {
  return {
    activity: `security_info.${change}`,
    result: "success",
    actor: { type: "user", id: caller.user.ref, userId: caller.user.userId },
    target: { ref: caller.user.ref, userId: caller.user.userId },
    ip: caller.ip,
    client: caller.client,
    lang: caller.lang,
    method: method.method,
    maskedTarget: maskedValueOf(method),
    time: now,
  };
}

interface ChangeContext {
  readonly deps: SecurityInfoDeps;
  readonly caller: SecurityInfoCaller;
  readonly policy: SsprPolicy;
  /** Read before the transaction (on PGlite a read outside it would wait for its one connection). */
  readonly organisation: { name: string; signInUrl: string; helpdesk?: string };
  readonly now: Date;
}

/** History, audit, notices and the registration state of one change, written with the change. */
async function recordChange(
  stores: TransactionStores,
  context: ChangeContext,
  change: {
    kind: SecurityInfoChange;
    method: VerifiedMethod;
    before: readonly VerifiedMethod[];
    history: MethodEvent[];
  },
): Promise<void> {
  const { deps, caller, policy, now, organisation } = context;
  const after = await stores.methods.listForUser(caller.user.ref);
  await stores.methodHistory.append(change.history);
  const events = [securityInfoEvent(caller, change.kind, change.method, now)];
  events.push(...(await refreshRegistrationState(stores, { caller, policy, available: deps.available, now })));
  await stores.audit.append(events);
  if (!policy.notify.userOnSecurityInfoChange) return;
  const drafts = await draftSecurityNotices(stores, {
    user: caller.user,
    before: change.before,
    after,
    change: change.kind,
    method: change.method.method,
    masked: maskedValueOf(change.method),
    caller,
    organisation: { ...organisation, helpdesk: organisation.helpdesk ?? "" },
    now,
  });
  await stores.outbox.enqueue(drafts, now);
}

/** Stores a verified method, replacing `replacesId` (a change) when given; refuses past SPEC §4.1's maximum. */
export async function saveVerifiedMethod(
  deps: SecurityInfoDeps,
  caller: SecurityInfoCaller,
  input: {
    method: NewMethod;
    replacesId: string | null;
    afterSave?: (stores: TransactionStores, saved: VerifiedMethod) => Promise<void>;
  },
): Promise<{ ok: true; method: VerifiedMethod } | { ok: false; reason: SaveRefusal }> {
  const now = deps.clock.now();
  const policy = await deps.currentPolicy();
  const organisation = await deps.organisation();
  const kind = kindOfMethod(input.method.method);
  // Only a kind the policy has on for this user (per-method targeting): a hand-made form gets nothing else.
  const user = { privileged: isPrivileged(caller.user), groups: caller.user.groups };
  if (!enabledKinds(policy, deps.available, user).includes(kind)) return { ok: false, reason: "not_enabled" };
  const saved: VerifiedMethod = {
    ...input.method,
    id: uuidv7(now, deps.random),
    userRef: caller.user.ref,
    createdAt: now,
    lastUsedAt: null,
    verifiedAt: now,
  };
  return deps.unitOfWork.inTransaction(async (stores) => {
    const before = await stores.methods.listForUser(caller.user.ref);
    const replaced = input.replacesId === null ? null : (before.find((m) => m.id === input.replacesId) ?? null);
    if (input.replacesId !== null && replaced === null) return { ok: false, reason: "not_found" } as const;
    const sameKind = before.filter((m) => kindOfMethod(m.method) === kind && m.id !== replaced?.id);
    if (sameKind.length >= MAX_PER_USER[kind]) return { ok: false, reason: "limit_reached" } as const;
    if (saved.value !== "" && sameKind.some((m) => m.value === saved.value))
      return { ok: false, reason: "duplicate" } as const;
    if (replaced !== null) await stores.methods.remove(caller.user.ref, replaced.id);
    await stores.methods.add(saved);
    await input.afterSave?.(stores, saved);
    // The user just proved a method they hold: that is a step-up for this session (the next change needs no other).
    await stores.sessions.markSteppedUp(caller.session.id, now);
    // A new recovery-code set replaces the old one whole: the history says so ("created anew").
    const action = replaced === null ? "added" : kind === "recovery_code" ? "regenerated" : "changed";
    const history = [methodEvent(deps, caller, saved, action, now)];
    if (replaced !== null) history.unshift(methodEvent(deps, caller, replaced, "removed", now));
    const kindOfChange = replaced === null ? "added" : "changed";
    await recordChange(
      stores,
      { deps, caller, policy, organisation, now },
      { kind: kindOfChange, method: saved, before, history },
    );
    return { ok: true, method: saved } as const;
  });
}

/** Removes the user's own method `id` (another user's id finds nothing). The floor is checked by the caller. */
export async function removeOwnMethod(
  deps: SecurityInfoDeps,
  caller: SecurityInfoCaller,
  id: string,
): Promise<{ ok: true; method: VerifiedMethod } | { ok: false; reason: "not_found" }> {
  const now = deps.clock.now();
  const policy = await deps.currentPolicy();
  const organisation = await deps.organisation();
  return deps.unitOfWork.inTransaction(async (stores) => {
    const before = await stores.methods.listForUser(caller.user.ref);
    const method = before.find((m) => m.id === id);
    if (method === undefined || !(await stores.methods.remove(caller.user.ref, id)))
      return { ok: false, reason: "not_found" } as const;
    const history = [methodEvent(deps, caller, method, "removed", now)];
    await recordChange(
      stores,
      { deps, caller, policy, organisation, now },
      { kind: "removed", method, before, history },
    );
    return { ok: true, method } as const;
  });
}
