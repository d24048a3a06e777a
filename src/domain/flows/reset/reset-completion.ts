/** SPEC §9.1 after the password is written: revoke sessions, cancel other flows and codes, clear counters, notify. */
import type { AuditEvent } from "../../audit-events.js";
import { draftPasswordNotices } from "../../password-notice.js";
import { accountKey } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount, OutboxDraft, TransactionStores } from "../../ports.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { SUPERSEDED_END_REASON } from "./flow-view.js";
import { flowProgressEvent } from "./reset-events.js";
import { hitAccountCounter } from "./gate-throttles.js";

function completionEvents(flow: ResetFlow, user: UserAccount, revoked: number, now: Date): AuditEvent[] {
  const target = { ref: user.ref, userId: user.userId };
  return [
    flowProgressEvent(flow, "succeeded:reset", "success", now),
    { ...flowProgressEvent(flow, "password_reset", "success", now), activity: "password.reset.self" },
    {
      activity: "sessions.revoked",
      result: "success",
      reason: `reset:${revoked}`,
      actor: { type: "system" },
      target,
      flowId: flow.id,
      time: now,
    },
  ];
}

/** Security notices are exempt from the recipient limits (SPEC §8.2): only a completed reset triggers one. */
function resetNotices(
  stores: TransactionStores,
  input: {
    flow: ResetFlow;
    user: UserAccount;
    caller: FlowCaller;
    now: Date;
    organisation: { name: string; signInUrl: string };
  },
): Promise<OutboxDraft[]> {
  const { flow, caller } = input;
  // The flow's language, not the request's: the notice reads as the journey did.
  return draftPasswordNotices(stores, {
    ...input,
    template: "password-changed",
    caller: { ip: caller.ip, client: caller.client, lang: flow.lang },
    flowId: flow.id,
  });
}

/** WRITING → DONE once the directory took the password: every consequence in one transaction; null when another request won. */
export async function completeReset(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; user: UserAccount; caller: FlowCaller },
): Promise<ResetFlow | null> {
  const { flow, policy, user, caller } = input;
  const now = deps.clock.now();
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const organisation = await deps.organisation();
  const done: ResetFlow = {
    ...flow,
    state: "done",
    endedAt: now,
    endReason: "succeeded:reset",
    passwordSubmissions: flow.passwordSubmissions + 1,
  };
  const saved = await deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.flows.saveIfVersion(done, flow.version))) return false;
    // The directory has written the password already (outside this transaction); what Sandi keeps follows it.
    await stores.accounts.setMustChangePassword(user.ref, false);
    const revoked = await stores.sessions.revokeForUser(user.ref, ["password"], now);
    // The pages of those flows then say why they closed: the user may still have one open in another window.
    await stores.flows.cancelOpenFlowsOfUser(user.ref, flow.id, SUPERSEDED_END_REASON, now);
    await stores.challenges.voidForUser(user.ref, now);
    const key = accountKey(user.ref, user.userId);
    await stores.throttles.clear(["A1", "A2", "A3"], key);
    await hitAccountCounter(stores.throttles, "A4", flow, now);
    await stores.signInLockouts.clear(user.userId);
    if (policy.notify.userOnReset)
      await stores.outbox.enqueue(await resetNotices(stores, { flow, user, caller, now, organisation }), now);
    await stores.audit.append(completionEvents(flow, user, revoked, now));
    return true;
  });
  return saved ? done : null;
}
