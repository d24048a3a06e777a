/**
 * The admin user search and user page (issue 12 item 5): users by ID or name, 25 a page, and one user's identity,
 * account state, masked methods (SPEC §4.2: never a secret, answer or full number), SSPR counters A1–A4 and block,
 * sign-in lock, live sessions, newest flows and audit events, and which helpdesk actions this admin may take.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { StoredAuditEvent } from "../audit-events.js";
import { kindOfMethod, type RegistrableKind } from "../methods.js";
import { readAccountCounters } from "../account-counters.js";
import { ACCOUNT_LIMITS, type AccountCounter } from "../policies/attempt-policy.js";
import type { ActiveBlock, SignInLockout } from "../ports.js";
import { maskedValueOf } from "../registration/method-display.js";
import { type AdminActor, actorMay, actorMayOn, lookUpScopeOf } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import type { AdminFlowSummary, AdminUserView } from "./admin-ports.js";

export const USERS_PER_PAGE = 25;
const RECENT_FLOWS = 5;
const RECENT_AUDIT_EVENTS = 20;

export interface UserSearchPage {
  readonly users: readonly AdminUserView[];
  readonly page: number;
  readonly hasNext: boolean;
}

/** Who may look people up: the roles that view methods (the helpdesk) or manage users. */
function mayLookUp(actor: AdminActor): boolean {
  return LOOK_UP.some((capability) => actorMay(actor, capability));
}

const LOOK_UP = ["methods.view", "users.manage"] as const;

/** True when the actor's look-up reaches `user` (every user, or a member of one of its scoped groups). */
export function isInLookUpScope(actor: AdminActor, user: Pick<AdminUserView, "memberOf">): boolean {
  const scope = lookUpScopeOf(actor, LOOK_UP);
  return scope === null || scope.some((group) => user.memberOf.includes(group));
}

/** One page (from 1) of the users whose ID or name contains `text`. */
export async function searchUsers(
  deps: AdminDeps,
  actor: AdminActor,
  query: { text: string; page: number },
): Promise<Outcome<UserSearchPage, "forbidden">> {
  if (!mayLookUp(actor)) return fail("forbidden");
  const page = Number.isInteger(query.page) && query.page > 0 ? query.page : 1;
  // One more than a page tells whether a next page exists without counting every match.
  const found = await deps.directoryAdmin.searchUsers({
    text: query.text,
    // A role limited to a group finds that group's members only.
    withinGroups: lookUpScopeOf(actor, LOOK_UP),
    limit: USERS_PER_PAGE + 1,
    offset: (page - 1) * USERS_PER_PAGE,
  });
  return succeed({ users: found.slice(0, USERS_PER_PAGE), page, hasNext: found.length > USERS_PER_PAGE });
}

export interface MaskedMethod {
  readonly id: string;
  readonly kind: RegistrableKind;
  /** SPEC §4.2's mask, or the count of answers or codes. */
  readonly shown: string;
  readonly label: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export interface SsprCounterValue {
  readonly counter: AccountCounter;
  readonly count: number;
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The helpdesk actions this admin may take on this user (SPEC §2, §10); the page offers only these. */
export interface PermittedActions {
  readonly reset: boolean;
  readonly unlock: boolean;
  readonly clearBlock: boolean;
  readonly revokeSessions: boolean;
  readonly releaseHold: boolean;
  /** Issue a temporary access pass (SPEC §18). Require re-registration and remove a method go with revokeSessions. */
  readonly accessPass: boolean;
  /** Verify caller (SPEC §10): a code to one of the user's methods, read back on the phone. */
  readonly verifyCaller: boolean;
}

export interface AdminUserDetail {
  readonly user: AdminUserView;
  /** The admin is looking at their own account: no admin action applies (SPEC §2). */
  readonly isSelf: boolean;
  readonly methods: readonly MaskedMethod[];
  readonly counters: readonly SsprCounterValue[];
  readonly ssprBlock: ActiveBlock | null;
  readonly signInLock: SignInLockout | null;
  readonly liveSessions: number;
  readonly flows: readonly AdminFlowSummary[];
  /**
   * This user's newest audit events, newest first. Shown to every role that views methods (the troubleshooter's
   * roles, SPEC §13.1), not only to those that read the whole log: the helpdesk needs the user's recent activity.
   */
  readonly audit: readonly StoredAuditEvent[];
  readonly actions: PermittedActions;
}

function maskedMethod(method: Parameters<typeof maskedValueOf>[0]): MaskedMethod {
  return {
    id: method.id,
    kind: kindOfMethod(method.method),
    shown: maskedValueOf(method),
    label: method.label,
    createdAt: method.createdAt,
    lastUsedAt: method.lastUsedAt,
  };
}

/** What the page lists of a flow: never its step data or secret. */
function flowSummary(flow: AdminFlowSummary): AdminFlowSummary {
  const { id, supportCode, action, state, issuedAt, endedAt, endReason, inertReason } = flow;
  return { id, supportCode, action, state, issuedAt, endedAt, endReason, inertReason };
}

function permittedActions(actor: AdminActor, user: AdminUserView): PermittedActions {
  return {
    reset: actorMayOn(actor, "password.reset", user),
    unlock: actorMayOn(actor, "password.reset", user),
    clearBlock: actorMayOn(actor, "sessions.revoke", user),
    revokeSessions: actorMayOn(actor, "sessions.revoke", user),
    releaseHold: actorMayOn(actor, "hold.release", user) && user.securityHoldAt !== null,
    accessPass: actorMayOn(actor, "access_pass.issue", user),
    verifyCaller: actorMayOn(actor, "caller.verify", user),
  };
}

/** The counters (read as Diagnose this user reads them), block, lock and sessions, in one transaction. */
async function accessState(deps: AdminDeps, user: AdminUserView) {
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    const { counters, block } = await readAccountCounters(stores.throttles, user, now);
    const values = counters.map(({ counter, hits }): SsprCounterValue => {
      const { limit, windowSeconds } = ACCOUNT_LIMITS[counter];
      return { counter, count: hits, limit, windowSeconds };
    });
    const signInLock = await stores.signInLockouts.find(user.userId);
    const liveSessions = (await stores.sessions.listLive(user.ref, now)).length;
    return { counters: values, ssprBlock: block, signInLock, liveSessions };
  });
}

/** Everything the user page shows of the user with account `ref`. */
export async function userDetail(
  deps: AdminDeps,
  actor: AdminActor,
  ref: string,
): Promise<Outcome<AdminUserDetail, "forbidden" | "not_found">> {
  if (!actorMay(actor, "methods.view")) return fail("forbidden");
  const user = await deps.directoryAdmin.findUserByRef(ref);
  if (user === null) return fail("not_found");
  if (!isInLookUpScope(actor, user)) return fail("forbidden");
  const [methods, state, flows, audit] = await Promise.all([
    deps.methods.listForUser(user.ref),
    accessState(deps, user),
    deps.flows.listRecentOfUser(user.ref, RECENT_FLOWS),
    deps.auditReader.recent({ limit: RECENT_AUDIT_EVENTS, userId: user.userId }),
  ]);
  return succeed({
    user,
    isSelf: actor.type === "admin" && actor.ref === user.ref,
    methods: methods.map(maskedMethod),
    ...state,
    flows: flows.map(flowSummary),
    audit: [...audit].reverse(),
    actions: permittedActions(actor, user),
  });
}
