/**
 * "Diagnose this user" (SPEC §13.1) as the one domain service the portal, the API and the CLI call: the actor must
 * hold `troubleshoot.run` (GA, UA, HA, PA); the 13 checks run live on the account found by user ID or by a flow's
 * support code; the diagnosis is audited (who looked at whom, never what was found). Reading acts on nobody, so any
 * account may be diagnosed; each fix says whether this actor may apply it to this user (SPEC §2 note 1).
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { type AdminActor, actorMay, actorMayOn, auditActorOf, lookUpScopeOf } from "../admin/admin-actor.js";
import type { AdminDeps } from "../admin/admin-deps.js";
import type { Capability } from "../admin/admin-permissions.js";
import type { AuditEvent } from "../audit-events.js";
import { currentLockout } from "../flows/sign-in/lockout-policy.js";
import { normaliseSupportCode } from "../helpdesk/helpdesk-request.js";
import { kindsServedBy } from "../methods.js";
import { readAccountCounters } from "../account-counters.js";
import { checkPolicy, DEFAULT_POLICY, type SsprPolicy } from "../policies/sspr-policy.js";
import { normaliseUserId } from "../user-id.js";
import type { UserAccount } from "../users.js";
import { type CheckResult, FIX_ACTIONS, type FixAction } from "./diagnosis.js";
import type { AccountFacts, DiagnosisFacts, DiagnosisSubject } from "./diagnosis-facts.js";
import { FLOWS_SHOWN, MESSAGES_SHOWN } from "./history-checks.js";
import { runChecks } from "./run-checks.js";

/** What the admin typed: a user ID, or a support code (`K7QF-2M9D`, any case, dash optional). */
export type DiagnoseQuery = { readonly userId: string } | { readonly supportCode: string };

export interface Diagnosis {
  readonly subject: DiagnosisSubject;
  /** The account diagnosed, or null when none matched. */
  readonly user: { readonly ref: string; readonly userId: string; readonly displayName: string } | null;
  readonly checks: readonly CheckResult[];
  /** The fixes this actor may apply to this user: the capability and "may act on" (SPEC §2). */
  readonly mayFix: Readonly<Record<FixAction, boolean>>;
  readonly ranAt: Date;
  /** The organisation's time zone (the policy's), every time of the diagnosis is shown in. */
  readonly timeZone: string;
}

/** The capability behind each fix (SPEC §10: a reminder and re-registration are GA, UA, HA, as revoking sessions). */
const FIX_CAPABILITY: Readonly<Record<FixAction, Capability>> = {
  send_reminder: "sessions.revoke",
  clear_block: "sessions.revoke",
  unlock: "password.reset",
  release_hold: "hold.release",
  require_reregistration: "sessions.revoke",
};

/** A support code when `typed` is one, else a user ID (a user ID always has an `@`, a support code never). */
export function parseDiagnoseQuery(typed: string): DiagnoseQuery | null {
  const trimmed = typed.trim();
  if (trimmed === "") return null;
  const supportCode = trimmed.includes("@") ? null : normaliseSupportCode(trimmed);
  return supportCode === null ? { userId: normaliseUserId(trimmed) } : { supportCode };
}

async function accountFacts(deps: AdminDeps, user: UserAccount, policy: SsprPolicy, now: Date): Promise<AccountFacts> {
  const scopeGroups = [...policy.scopeGroups, ...policy.excludedGroups].filter((group) => user.groups.includes(group));
  const [methods, { counters, block }, lockout, directoryLock, messages, flows, groupChains] = await Promise.all([
    deps.methods.listForUser(user.ref),
    readAccountCounters(deps.throttles, user, now),
    deps.signInLockouts.find(user.userId),
    deps.directory.lockState(user),
    deps.deliveries.recentOfUser({ ref: user.ref, userId: user.userId }, MESSAGES_SHOWN),
    deps.flows.listRecentOfUser(user.ref, FLOWS_SHOWN),
    deps.groupChains.chainsOf(user.ref, scopeGroups),
  ]);
  const current = currentLockout(lockout, user.userId, now);
  return { user, methods, counters, block, lockout: current, directoryLock, messages, flows, groupChains };
}

/** The subject and the account behind it (null when nothing matches). */
async function resolve(
  deps: AdminDeps,
  query: DiagnoseQuery,
): Promise<{ subject: DiagnosisSubject; user: UserAccount | null }> {
  if ("userId" in query)
    return { subject: { via: "user_id", userId: query.userId }, user: await deps.users.findUserByUserId(query.userId) };
  const flow = await deps.flows.findBySupportCode(query.supportCode);
  const userRef = flow?.userRef ?? null;
  const user = userRef === null ? null : await deps.users.findUserByRef(userRef);
  return { subject: { via: "support_code", supportCode: query.supportCode, flow }, user };
}

function isInLookUpScope(actor: AdminActor, groups: readonly string[]): boolean {
  const scope = lookUpScopeOf(actor, ["troubleshoot.run"]);
  return scope === null || scope.some((group) => groups.includes(group));
}

function mayFixFor(actor: AdminActor, user: UserAccount | null): Record<FixAction, boolean> {
  const entries = FIX_ACTIONS.map(
    (action) =>
      [action, user !== null && actorMayOn(actor, FIX_CAPABILITY[action], { ...user, memberOf: user.groups })] as const,
  );
  return Object.fromEntries(entries) as Record<FixAction, boolean>;
}

function auditEvent(actor: AdminActor, subject: DiagnosisSubject, user: UserAccount | null, now: Date): AuditEvent {
  const typed = subject.via === "user_id" ? subject.userId : subject.flow?.typedUserId;
  const target =
    user === null ? (typed === undefined ? undefined : { userId: typed }) : { ref: user.ref, userId: user.userId };
  return {
    activity: "ops.user.diagnosed",
    result: user === null ? "failure" : "success",
    ...(user === null ? { reason: "SND-101" } : {}),
    ...auditActorOf(actor),
    ...(target === undefined ? {} : { target }),
    ...(subject.via === "support_code" ? { supportCode: subject.supportCode } : {}),
    ...(subject.via === "support_code" && subject.flow !== null ? { flowId: subject.flow.id } : {}),
    time: now,
  };
}

/** Runs the 13 checks for the account `query` finds; "forbidden" unless the actor may troubleshoot. */
export async function diagnoseUser(
  deps: AdminDeps,
  actor: AdminActor,
  query: DiagnoseQuery,
): Promise<Outcome<Diagnosis, "forbidden">> {
  if (!actorMay(actor, "troubleshoot.run")) return fail("forbidden");
  const now = deps.clock.now();
  const [{ subject, user }, saved] = await Promise.all([resolve(deps, query), deps.policy.current()]);
  // A role limited to a group diagnoses that group's members only (nested membership counts).
  if (user !== null && !isInLookUpScope(actor, user.groups)) return fail("forbidden");
  const policy = saved?.policy ?? DEFAULT_POLICY;
  const facts: DiagnosisFacts = {
    now,
    subject,
    policy,
    policySaved: saved !== null,
    policyViolations: checkPolicy(policy, deps.availableMethods),
    directory: deps.directory,
    gateKinds: kindsServedBy(deps.gateMethods),
    account: user === null ? null : await accountFacts(deps, user, policy, now),
  };
  await deps.unitOfWork.inTransaction((stores) => stores.audit.append([auditEvent(actor, subject, user, now)]));
  return succeed({
    subject,
    user: user === null ? null : { ref: user.ref, userId: user.userId, displayName: user.displayName },
    checks: runChecks(facts),
    mayFix: mayFixFor(actor, user),
    ranAt: now,
    timeZone: policy.organisation.timeZone,
  });
}
