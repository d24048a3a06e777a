/**
 * Password maximum age at sign-in (SPEC §3 `password.maxAgeDays`, §9.5 "expired password at sign-in"): a session
 * signed in with an expired built-in password reaches nothing but the change-password page, which says why. Decided
 * on every request from the policy in force, so a lowered maximum age takes effect at once, also for sessions already
 * open; nothing is stored, and the new password's change time ends it. A passkey or access-pass session is not
 * affected: it did not use the password.
 */
import { isExpiredAt, passwordExpiresAt } from "../../password-expiry/password-expiry.js";
import type { Session, UserAccount } from "../../ports.js";
import type { SignInDeps } from "./sign-in-deps.js";

/** The user as the session sees them: marked must-change (and why) when their password has expired. */
export async function withPasswordExpiry(
  deps: Pick<SignInDeps, "clock" | "currentPolicy" | "directory">,
  user: UserAccount,
  signedInWith: Session["signedInWith"],
): Promise<UserAccount> {
  if (signedInWith !== "password" || deps.directory.kind !== "builtin" || user.passwordChangedAt === null) return user;
  // Must-change already (a temporary or a common password): that page comes first, with its own reason.
  if (user.mustChangePassword) return user;
  const { maxAgeDays } = (await deps.currentPolicy()).password;
  const expiresAt = passwordExpiresAt(user, maxAgeDays, deps.directory.kind);
  if (!isExpiredAt(expiresAt, deps.clock.now())) return user;
  return { ...user, mustChangePassword: true, passwordExpired: true };
}
