/**
 * Change password (SPEC §9.5): a signed-in user who knows the current password sets a new one under the rules of
 * §7. After success SPEC §9.1's row for a change applies (security-effects.ts: the user's other password sessions
 * end, open reset flows and their codes are cancelled, the user is notified), and it is audited as
 * `password.change.self`. The current session stays: the person who just
 * proved the password is using it.
 */
import type { AuditEvent } from "../../audit-events.js";
import { checkNewPassword, type PasswordViolation } from "../../policies/password-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import { type PasswordWriteRejection, rejectionOf } from "../../password-write.js";
import type { UserAccount } from "../../ports.js";
import { applySecurityEffects } from "../../security-effects.js";
import { checkCurrentPassword } from "../sign-in/password-sign-in.js";
import type { SessionUser } from "../sign-in/session-lifecycle.js";
import type { SignInCaller, SignInDeps } from "../sign-in/sign-in-deps.js";
import { signInEvent } from "../sign-in/sign-in-events.js";

/** A rule the new password broke: §7's checks, or the directory's refusal (history, same as current, too young…). */
export type ChangeRejection = PasswordViolation | PasswordWriteRejection;

export type ChangePasswordResult =
  | { readonly ok: true; readonly otherSessionsEnded: number }
  | { readonly ok: false; readonly reason: "current_wrong"; readonly lockedMinutes: number }
  | { readonly ok: false; readonly reason: "rules_broken"; readonly violations: readonly ChangeRejection[] };

export interface ChangePasswordInput {
  readonly current: string;
  readonly password: string;
  readonly confirmation: string;
  readonly caller: SignInCaller;
}

/** The sign-in's deps (which already hold the policy, the organisation and the banned list) suffice. */
export type ChangePasswordDeps = SignInDeps;

function changedEvents(user: UserAccount, caller: SignInCaller, ended: number, now: Date): AuditEvent[] {
  const about = { subject: { userId: user.userId, user }, origin: caller, time: now };
  return [
    signInEvent({ activity: "password.change.self", result: "success", ...about }),
    signInEvent({ activity: "sessions.revoked", result: "success", reason: `change:${String(ended)}`, ...about }),
  ];
}

async function applyChange(
  deps: ChangePasswordDeps,
  input: { live: SessionUser; policy: SsprPolicy; caller: SignInCaller },
): Promise<number> {
  const { live, policy, caller } = input;
  const user = live.user;
  const now = deps.clock.now();
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const organisation = await deps.organisation();
  return deps.unitOfWork.inTransaction(async (stores) => {
    // The password the user chose replaces any temporary one.
    await stores.accounts.setMustChangePassword(user.ref, false);
    const effects = await applySecurityEffects(stores, {
      cause: "change_password",
      user,
      now,
      actingSessionId: live.session.id,
      notify: { enabled: policy.notify.userOnReset, caller, organisation },
    });
    await stores.audit.append(changedEvents(user, caller, effects.sessionsEnded, now));
    return effects.sessionsEnded;
  });
}

/**
 * A session of a temporary access pass (SPEC §18) while must-change stands: the helpdesk never gave this user a
 * password, so there is no current one to type; the pass was the proof, and it is spent. Once the password is
 * chosen must-change is off, and any later change asks for the current password as usual.
 */
export function choosesFirstPassword(live: Pick<SessionUser, "session" | "user">): boolean {
  return live.session.signedInWith === "access_pass" && live.user.mustChangePassword;
}

/** Changes the signed-in user's password when the current one is right and the new one passes the rules. */
export async function changePassword(
  deps: ChangePasswordDeps,
  live: SessionUser,
  input: ChangePasswordInput,
): Promise<ChangePasswordResult> {
  const { user } = live;
  const checked = choosesFirstPassword(live)
    ? ({ right: true } as const)
    : await checkCurrentPassword(deps, { user, password: input.current, caller: input.caller });
  if (!checked.right) return { ok: false, reason: "current_wrong", lockedMinutes: checked.lockedMinutes };
  const policy = await deps.currentPolicy();
  const violations = checkNewPassword(input.password, {
    policy: policy.password,
    userTerms: user,
    organisationName: (await deps.organisation()).name,
    bannedList: deps.bannedList,
    confirmation: input.confirmation,
  });
  if (violations.length > 0) return rejected(deps, user, input.caller, violations);
  // Outside any transaction: the directory may hash, or send the password over the network.
  const written = await deps.directory.setPassword(user, input.password, {
    historyDepth: policy.password.history,
    cause: "self_change",
    now: deps.clock.now(),
  });
  if (!written.ok) return rejected(deps, user, input.caller, [rejectionOf(written)]);
  const ended = await applyChange(deps, { live, policy, caller: input.caller });
  return { ok: true, otherSessionsEnded: ended };
}

/** Audits the refusal (the rules broken, never the password) and returns it. */
async function rejected(
  deps: ChangePasswordDeps,
  user: UserAccount,
  caller: SignInCaller,
  violations: readonly ChangeRejection[],
): Promise<ChangePasswordResult> {
  const about = { subject: { userId: user.userId, user }, origin: caller, time: deps.clock.now() };
  await deps.audit.append(
    violations.map((violation) =>
      signInEvent({ activity: "password.change.self", result: "failure", reason: violation.code, ...about }),
    ),
  );
  return { ok: false, reason: "rules_broken", violations };
}
