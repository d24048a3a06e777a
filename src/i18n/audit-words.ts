/**
 * Audit events in plain words (SPEC §11), for the admin overview and `sandi audit tail`: the activity, the actor and
 * the reason in the reader's language. The codes stay beside the words wherever they are shown; an activity or a
 * reason a later build writes and this one does not know is shown as its code.
 */
import { AUDIT_ACTIVITIES, type StoredAuditEvent } from "../domain/audit-events.js";
import { isReasonCode } from "../domain/reasons.js";
import type { Translate } from "./i18n.js";

const KNOWN_ACTIVITIES: ReadonlySet<string> = new Set(AUDIT_ACTIVITIES);

/** The catalog key of an activity: `signin.succeeded` → `audit.activity.signin_succeeded`. */
export function activityKey(activity: string): string {
  return `audit.activity.${activity.replaceAll(".", "_")}`;
}

/** The catalog key of a reason code: `SND-505` → `audit.reason.SND-505`. */
export function reasonCodeKey(code: string): string {
  return `audit.reason.${code}`;
}

/** Status reasons (SPEC §11.2) and the other reasons Sandi writes, by their first part (before any `:`). */
export const STATUS_HEADS = [
  "user_id_submitted",
  "action_chosen",
  "options_presented",
  "method_started",
  "method_passed",
  "method_failed",
  "method_not_registered",
  "password_submitted",
  "password_rejected",
  "password_reset",
  "cancelled_before_gates",
  "cancelled_before_password",
  "abandoned",
  "abandoned_in",
  "contacted_helpdesk",
  "blocked",
  "stopped_by_block",
  "ineligible",
  "succeeded",
  "write_timed_out",
  "not_locked",
  "reset_instead",
  "finished_not_locked",
  "code",
  "no_channel",
  "expired",
  "render_failed",
  "max_attempts",
  "seeded",
  "demo",
  "unlock",
  "enable",
  "disable",
  "sspr_block_cleared",
  "created",
  "member_added",
  "security_hold_set",
  "security_hold_kept",
  "hold_released",
  "evaluation_started",
  "evaluation_stopped",
  "evaluation_adopted",
  "caller_code_sent",
  "caller_code_asked",
  "caller_limit",
  "caller_verified",
  "caller_wrong_code",
  "caller_code_replayed",
  "caller_code_expired",
  "caller_too_many_attempts",
  "password_expired",
] as const;
const KNOWN_HEADS: ReadonlySet<string> = new Set(STATUS_HEADS);

/** Reasons that count ended sessions: `reset:2` is "ended after a reset: 2 sessions". */
export const SESSION_HEADS = ["reset", "change", "admin_reset", "admin", "wasnt_me"] as const;
const KNOWN_SESSION_HEADS: ReadonlySet<string> = new Set(SESSION_HEADS);

/** Parts after the head that have words of their own: methods, actions and message templates. */
export const DETAIL_WORDS = [
  "email",
  "sms",
  "voice_mobile",
  "voice_office",
  "totp",
  "passkey",
  "questions",
  "reset",
  "unlock",
  "reset-code",
  "password-changed",
  "password-changed-self",
  "password-reset-by-admin",
  "security-info-changed",
  "not-me-alert",
  "privileged-password-reset",
  "held",
  "manual_action_needed",
] as const;
const KNOWN_DETAILS: ReadonlySet<string> = new Set(DETAIL_WORDS);

/** The activity in words, or its code when this build does not know it. */
export function describeActivity(t: Translate, activity: string): string {
  return KNOWN_ACTIVITIES.has(activity) ? t(activityKey(activity)) : activity;
}

function describeDetail(t: Translate, part: string): string {
  if (isReasonCode(part)) return t(reasonCodeKey(part));
  if (KNOWN_DETAILS.has(part)) return t(`audit.detail.${part}`);
  return part;
}

/** The reason in words (`method_failed:email:SND-201` → "Verification failed (Email, Wrong code)"), or as written. */
export function describeReason(t: Translate, reason: string | null): string {
  if (reason === null || reason === "") return "";
  if (isReasonCode(reason)) return t(reasonCodeKey(reason));
  const [head = "", ...rest] = reason.split(":");
  if (KNOWN_SESSION_HEADS.has(head) && rest.length === 1 && /^\d+$/.test(rest[0] ?? ""))
    return t(`audit.sessions.${head}`, { count: Number(rest[0]) });
  if (!KNOWN_HEADS.has(head)) return reason;
  const words = t(`audit.status.${head}`);
  return rest.length === 0 ? words : `${words} (${rest.map((part) => describeDetail(t, part)).join(", ")})`;
}

/** Who acted, in words: "Administrator ayu@contoh.example", "System (outbox-worker)". */
export function describeActor(t: Translate, actor: StoredAuditEvent["actor"]): string {
  const known = ["user", "admin", "system", "anonymous"].includes(actor.type);
  const type = known ? t(`audit.actor.${actor.type}`) : actor.type;
  const who = actor.userId ?? actor.id;
  if (who === null) return type;
  return actor.userId === null ? `${type} (${who})` : `${type} ${who}`;
}

/** The event's activity, actor and reason in words. */
export function describeAuditEvent(
  t: Translate,
  event: StoredAuditEvent,
): { activity: string; actor: string; reason: string } {
  return {
    activity: describeActivity(t, event.activity),
    actor: describeActor(t, event.actor),
    reason: describeReason(t, event.reason),
  };
}
