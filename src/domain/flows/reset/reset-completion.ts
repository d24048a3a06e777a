/** SPEC §9.1 after the password is written: revoke sessions, cancel other flows and codes, clear counters, notify. */
import type { AuditEvent } from "../../audit-events.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../ports.js";
import { applySecurityEffects } from "../../security-effects.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { hitAccountCounter } from "./gate-throttles.js";
import { transition } from "./reset-transition.js";
import { accountKey } from "../../policies/attempt-policy.js";

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

/**
 * WRITING → DONE once the directory took the password: SPEC §9.1's consequences in one transaction; null when
 * another request won. The password is written by then, so nothing here may stop the consequences: a block is
 * checked before the write (password-step.ts), and A4 is only counted here, under its lock.
 */
export async function completeReset(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; user: UserAccount; caller: FlowCaller },
): Promise<ResetFlow | null> {
  const { flow, policy, user, caller } = input;
  const now = deps.clock.now();
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const organisation = await deps.organisation();
  const done = transition(flow, "finish_write", "done", {
    endedAt: now,
    endReason: "succeeded:reset",
    passwordSubmissions: flow.passwordSubmissions + 1,
    writingSince: undefined,
  });
  const saved = await deps.unitOfWork.inTransaction(async (stores): Promise<ResetFlow | null> => {
    // Under A4's lock, so parallel completions of one account count A4 one after another and see its block.
    await stores.throttles.serialise("A4", accountKey(flow.userRef, flow.typedUserId));
    if (!(await stores.flows.saveIfVersion(done, flow.version))) return null;
    // The directory has written the password already (outside this transaction); what Sandi keeps follows it.
    await stores.accounts.setMustChangePassword(user.ref, false);
    // SPEC §16: the stored language follows each sign-in and flow, for mail that no browser causes later.
    await stores.accounts.setPreferredLanguage(user.ref, flow.lang);
    // Security notices are exempt from the recipient limits (SPEC §8.2): only a completed reset triggers one. The
    // notice reads in the flow's language, not the request's, as the journey did.
    const effects = await applySecurityEffects(stores, {
      cause: "self_reset",
      user,
      now,
      causingFlowId: flow.id,
      notify: {
        enabled: policy.notify.userOnReset,
        caller: { ip: caller.ip, client: caller.client, lang: flow.lang },
        organisation,
      },
    });
    const a4Blocked = await hitAccountCounter(stores.throttles, "A4", flow, now);
    const events = completionEvents(flow, user, effects.sessionsEnded, now);
    // The reset itself is done; further ones within the hour are refused (SPEC §8.1 A4, SND-304).
    if (a4Blocked !== null) events.push(...a4Blocked.events);
    await stores.audit.append(events);
    return done;
  });
  return saved;
}
