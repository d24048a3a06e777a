/** SPEC §9.1 after the password is written: revoke sessions, cancel other flows and codes, clear counters, notify. */
import type { AuditEvent } from "../../audit-events.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../ports.js";
import { commitCompletion } from "./completion-transaction.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";

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
  const { flow, user } = input;
  const now = deps.clock.now();
  const done = transition(flow, "finish_write", "done", {
    endedAt: now,
    endReason: "succeeded:reset",
    passwordSubmissions: flow.passwordSubmissions + 1,
    writingSince: undefined,
  });
  return commitCompletion(deps, {
    ...input,
    now,
    done,
    cause: "self_reset",
    // The directory has written the password already (outside this transaction); what Sandi keeps follows it.
    passwordChosen: true,
    events: (effects) => completionEvents(flow, user, effects.sessionsEnded, now),
  });
}
