/** Audit events (SPEC §11): what happened, to whom, from where — never a secret, code, answer or password. */
export const AUDIT_ACTIVITIES = [
  "signin.succeeded",
  "signin.failed",
  "signin.locked",
  /** An IP crossed into I3 (failed sign-ins, SPEC §8.2): its sign-ins need the CAPTCHA for an hour. */
  "signin.throttled",
  "signout",
  /** One event per flow step; the reason is a SPEC §11.2 status reason (`user_id_submitted`, `method_failed:email:SND-201`, …). */
  "sspr.flow.progress",
  "sspr.blocked",
  /** Per-IP limits (I1 above 100/h): SND-305. */
  "sspr.throttled",
  "password.reset.self",
  /** "Unlock account (self-service)" (SPEC §11.1): success, or failure with an SND- code (SND-411, SND-401). */
  "account.unlock.self",
  "password.change.self",
  "password.reset.admin",
  "sessions.revoked",
  "message.queued",
  "message.sent",
  "message.failed",
  "message.suppressed",
  "message.abandoned",
  "policy.updated",
  /** Evaluation mode (issue 12 item 4): a draft policy started, stopped or adopted beside the live one. */
  "policy.evaluation",
  "directory.user.created",
  "directory.user.changed",
  "directory.group.changed",
  "directory.role.granted",
  /** `sandi admin recover`: the console restored a locked-out last Global admin (SPEC §2 break-glass). */
  "admin.recovered",
  /** An admin role (or its group scope) taken away. */
  "directory.role.revoked",
  /** An API token created (its role, scope and expiry in `changes`; never the secret) or revoked (ADR 0020). */
  "token.created",
  "token.revoked",
  /** A request with an API token was refused: unknown, expired, revoked, or beyond the token's role or scope. */
  "token.used_denied",
  /** A password that signed in is refused by the global banned list today: must-change set (SPEC §18). */
  "password.compromised",
  /** Security info (SPEC §5): a method added, changed (verified anew) or removed; values only masked. */
  "security_info.added",
  "security_info.changed",
  "security_info.removed",
  /** A step-up passed (or failed) before a security-info change (SPEC §5.1). */
  "security_info.step_up",
  /** "User registered for SSPR" (SPEC §5.3): success the first time; failure when an interrupt is skipped. */
  "sspr.registered",
  /** The user confirmed their security info at a reconfirmation interrupt. */
  "security_info.confirmed",
  /**
   * "This wasn't me" (SPEC §9.3): the account went on security hold. Reason `security_hold_set` (or
   * `security_hold_kept` when it was on hold already) with what the directory did: `held` or `manual_action_needed`.
   */
  "account.security_hold",
  /** A message sent through the helpdesk contact form (SPEC §6.9); the reason holds its length, never its text. */
  "helpdesk.contacted",
  /** "Diagnose this user" ran (SPEC §13.1): who looked at whom; never what the checks found. */
  "ops.user.diagnosed",
  /** Temporary access passes (SPEC §18): issued by an admin (reason `minutes:N`), used to sign in once, expired. */
  "access_pass.issued",
  "access_pass.used",
  "access_pass.expired",
  /** An admin required re-registration: every method removed, the interrupt with no skip (SPEC §10). */
  "security_info.reregistration_required",
  /** A registration reminder to one user (SPEC §10), queued through the outbox; reason `recipients:N`. */
  "registration.reminded",
  /**
   * The daily expiry reminder (SPEC §15.5) queued for one user, actor system; reason `days:N` (the threshold) and
   * `recipients:N`. A recipient R1 dropped has its own `message.suppressed` event.
   */
  "password.expiry_reminded",
  /**
   * "Verify caller" (SPEC §10): a code sent to one of the user's registered methods (method and masked target; reason
   * `caller_code_sent:<way>`), or a check of their authenticator app's code begun (`caller_code_asked:totp`), or why
   * neither; and the result of checking what the caller read back (reason `caller_verified`, `caller_wrong_code`,
   * `caller_code_replayed`, `caller_code_expired` or `caller_too_many_attempts`). Never the code.
   */
  "caller.verification_sent",
  "caller.verified",
] as const;
export type AuditActivity = (typeof AUDIT_ACTIVITIES)[number];

export type ActorType = "user" | "admin" | "token" | "system" | "anonymous";

export interface AuditEvent {
  readonly activity: AuditActivity;
  readonly result: "success" | "failure";
  /** `SND-nnn` code or a SPEC §11.2 status reason such as `method_passed:email`. */
  readonly reason?: string;
  readonly actor: { readonly type: ActorType; readonly id?: string; readonly userId?: string };
  readonly target?: { readonly ref?: string; readonly userId?: string };
  readonly flowId?: string;
  readonly supportCode?: string;
  readonly ip?: string;
  readonly client?: string;
  readonly method?: string;
  readonly maskedTarget?: string;
  readonly lang?: string;
  /** Field changes for settings: `[{ field, old, new }]`, secrets shown only as "changed". */
  readonly changes?: readonly { readonly field: string; readonly old: unknown; readonly new: unknown }[];
  readonly time: Date;
}

/** Where an event came from: one per request or command. */
export interface RequestContext {
  readonly ip: string;
  readonly client: string;
  readonly lang: "en" | "id";
}

export { summariseClient } from "./client-summary.js";

/**
 * An event as the audit log returns it, stamped with its id, order and instance. Activity stays text: events outlive
 * the activities a later build knows.
 */
export interface StoredAuditEvent {
  readonly id: string;
  /** Insertion order, as a decimal string (bigint); `sandi audit tail` resumes after it. */
  readonly seq: string;
  readonly time: Date;
  readonly activity: string;
  readonly category: string;
  readonly result: string;
  readonly reason: string | null;
  readonly actor: { readonly type: string; readonly id: string | null; readonly userId: string | null };
  readonly target: { readonly ref: string | null; readonly userId: string | null };
  readonly flowId: string | null;
  readonly supportCode: string | null;
  readonly ip: string | null;
  readonly client: string | null;
  readonly method: string | null;
  readonly maskedTarget: string | null;
  readonly lang: string | null;
  readonly instance: string;
  readonly changes: unknown;
}
