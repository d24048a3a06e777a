/** Audit events of a reset flow (SPEC §11.2 status reasons); none carries a code, address or password. */
import type { AuditEvent } from "../../audit-events.js";
import type { ResetFlow } from "./reset-flow.js";

/** One `sspr.flow.progress` event for a step of `flow`. */
export function flowProgressEvent(
  flow: ResetFlow,
  reason: string,
  result: "success" | "failure",
  time: Date,
  extra: Partial<Pick<AuditEvent, "method" | "maskedTarget" | "client">> = {},
): AuditEvent {
  return {
    activity: "sspr.flow.progress",
    result,
    reason,
    actor: flow.userRef === null ? { type: "anonymous" } : { type: "user", id: flow.userRef, userId: flow.typedUserId },
    target: { ...(flow.userRef === null ? {} : { ref: flow.userRef }), userId: flow.typedUserId },
    flowId: flow.id,
    supportCode: flow.supportCode,
    ip: flow.ip,
    lang: flow.lang,
    time,
    ...extra,
  };
}
