/**
 * The audit events a user causes about their own account (SPEC §11.1: `signin.*`, sign-out, sessions they end, a
 * password they change): never a password, its HMAC or a token.
 */
import type { AuditActivity, AuditEvent } from "../../audit-events.js";
import type { UserAccount } from "../../ports.js";
import type { SignInCaller } from "./sign-in-deps.js";

/** Whom an attempt was about: the normalised typed ID, and the account when one was found. */
export interface SignInSubject {
  readonly userId: string | null;
  readonly user: UserAccount | null;
}

/** What one sign-in event records. */
export interface SignInEventInput {
  readonly activity: Extract<
    AuditActivity,
    | "signin.succeeded"
    | "signin.failed"
    | "signin.locked"
    | "signout"
    | "sessions.revoked"
    | "password.change.self"
    | "password.compromised"
  >;
  readonly result: AuditEvent["result"];
  /** An SND code or one of FAILURE_REASONS. */
  readonly reason?: string;
  readonly subject: SignInSubject;
  readonly origin: SignInCaller;
  readonly time: Date;
}

/**
 * One user → self event.
 * @example signInEvent({ activity: "signin.failed", result: "failure", reason: "SND-307", subject, origin, time: now })
 */
export function signInEvent(input: SignInEventInput): AuditEvent {
  const ref = input.subject.user?.ref;
  const userId = input.subject.userId ?? undefined;
  return {
    activity: input.activity,
    result: input.result,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    actor: { type: "user", ...(ref === undefined ? {} : { id: ref }), ...(userId === undefined ? {} : { userId }) },
    target: { ...(ref === undefined ? {} : { ref }), ...(userId === undefined ? {} : { userId }) },
    ip: input.origin.ip,
    client: input.origin.client,
    lang: input.origin.lang,
    time: input.time,
  };
}

/** Audit reasons for failures that have no SND code of their own. */
export const FAILURE_REASONS = {
  /** The password did not match. */
  passwordWrong: "password_wrong",
  /** One of the last wrong passwords again: answered, not counted. */
  passwordRepeated: "password_repeated",
} as const;
