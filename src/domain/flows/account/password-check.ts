/**
 * Change password's live check (SPEC §6.7, §9.5): the signed-in user's candidate against the rules the change applies,
 * limited per session. The current password is not asked for or verified here: that stays with the change itself,
 * under the sign-in lockout, so this check cannot become a way to guess it.
 */
import {
  admitLiveCheck,
  checkCandidatePassword,
  type LiveCheckInput,
  type LiveCheckOutcome,
} from "../../password-live-check.js";
import type { SessionUser } from "../sign-in/session-lifecycle.js";
import type { ChangePasswordDeps } from "./change-password.js";

/** Checks a candidate new password for the session's user, as `changePassword` would, without changing anything. */
export async function checkNewPasswordLive(
  deps: ChangePasswordDeps,
  live: SessionUser,
  input: LiveCheckInput,
): Promise<LiveCheckOutcome> {
  const admission = await admitLiveCheck(deps, `session:${live.session.id}`, deps.clock.now());
  if (!admission.admitted) return { ok: false, reason: "limited", retryAfterSeconds: admission.retryAfterSeconds };
  const policy = await deps.currentPolicy();
  const { user } = live;
  const organisation = await deps.organisation();
  const report = await checkCandidatePassword(input, {
    policy: policy.password,
    person: user,
    organisationName: organisation.name,
    bannedList: deps.bannedList,
  });
  return { ok: true, report };
}
