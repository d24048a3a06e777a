/**
 * Evidence of compromise (SPEC §18, NIST SP 800-63B rev 4): a password that signs in but that today's banned check
 * would refuse because of the global list G is one attackers try first. The sign-in goes on, but the account is
 * marked must-change (the change-password page then comes first and says why) and the mark is audited.
 */
import { isRefusedByGlobalList } from "../../passwords/banned-score.js";
import { userTermsOf } from "../../passwords/user-terms.js";
import type { UserAccount } from "../../ports.js";
import type { SignInCaller, SignInDeps } from "./sign-in-deps.js";
import { signInEvent } from "./sign-in-events.js";

/**
 * Whether G decides the refusal of `password` under the policy in force (custom and user terms count in the
 * selection, as at a password change): a long password near a G entry, or a kept occurrence from G.
 */
async function isRefusedByGlobal(deps: SignInDeps, user: UserAccount, password: string): Promise<boolean> {
  const [policy, organisation] = await Promise.all([deps.currentPolicy(), deps.organisation()]);
  const verdict = deps.bannedList.check(password, {
    customTerms: policy.password.customBannedEnabled ? policy.password.customBanned : null,
    userTerms: userTermsOf(user, organisation.name),
  });
  return isRefusedByGlobalList(verdict);
}

/**
 * The signed-in user, marked must-change when the right password they just typed is refused because of G; audited
 * once (`password.compromised`, never the password). Never refuses the sign-in.
 */
export async function markIfPasswordCompromised(
  deps: SignInDeps,
  input: { user: UserAccount; password: string; caller: SignInCaller },
): Promise<UserAccount> {
  const { user, caller } = input;
  if (user.passwordCompromised || !(await isRefusedByGlobal(deps, user, input.password))) return user;
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.accounts.markPasswordCompromised(user.ref, now))) return;
    const subject = { userId: user.userId, user };
    await stores.audit.append([
      signInEvent({
        activity: "password.compromised",
        result: "success",
        reason: "global_list",
        subject,
        origin: caller,
        time: now,
      }),
    ]);
  });
  return { ...user, mustChangePassword: true, passwordCompromised: true };
}
