/**
 * SPEC §10: in the built-in directory an admin's temporary password that was never used expires after 72 h ("Ask
 * your helpdesk for a new temporary password", SND-308). The mark is set by the admin reset, cleared by the first
 * sign-in with that password and by any new password (AccountStore.setMustChangePassword).
 */
import type { UserAccount } from "../../users.js";
import type { SignInDeps } from "./sign-in-deps.js";

export const TEMPORARY_PASSWORD_LIFETIME_HOURS = 72;

/** True when the account's password is an admin's temporary one, unused for more than 72 hours. */
export function isTemporaryPasswordExpired(user: Pick<UserAccount, "temporaryPasswordAt">, now: Date): boolean {
  const setAt = user.temporaryPasswordAt ?? null;
  if (setAt === null) return false;
  return now.getTime() - setAt.getTime() > TEMPORARY_PASSWORD_LIFETIME_HOURS * 3600 * 1000;
}

/** The temporary password just signed someone in: it no longer expires (the user is asked to change it, if set so). */
export async function noteTemporaryPasswordUsed(
  deps: Pick<SignInDeps, "unitOfWork">,
  user: Pick<UserAccount, "ref" | "temporaryPasswordAt">,
): Promise<void> {
  if ((user.temporaryPasswordAt ?? null) === null) return;
  await deps.unitOfWork.inTransaction((stores) => stores.accounts.markTemporaryPassword(user.ref, null));
}
