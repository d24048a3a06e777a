/** What a signed-in user does with their own account beyond signing in: change the password (SPEC §9.5). */
import type { LiveCheckInput, LiveCheckOutcome } from "../../password-live-check.js";
import { type PasswordPolicy, type PasswordRuleHint, passwordRules } from "../../policies/password-policy.js";
import type { SessionUser } from "../sign-in/session-lifecycle.js";
import {
  type ChangePasswordDeps,
  type ChangePasswordInput,
  type ChangePasswordResult,
  type ChangeRejection,
  changePassword,
} from "./change-password.js";
import { checkNewPasswordLive } from "./password-check.js";
import { passwordExpiresAt } from "../../password-expiry/password-expiry.js";

export type { ChangePasswordDeps, ChangePasswordInput, ChangePasswordResult, ChangeRejection };

export interface AccountService {
  /** The rules the change-password page shows above the fields, from the policy in force. */
  passwordRules(): Promise<PasswordRuleHint[]>;
  /** Checks the current password under smart lockout, then the rules; applies the change and its consequences. */
  changePassword(live: SessionUser, input: ChangePasswordInput): Promise<ChangePasswordResult>;
  /** The password rules in force, for the live checklist beside the rules (SPEC §6.7). */
  passwordPolicy(): Promise<PasswordPolicy>;
  /** The live checklist of a candidate new password (SPEC §6.7): the change's rules, nothing changed. */
  checkNewPassword(live: SessionUser, input: LiveCheckInput): Promise<LiveCheckOutcome>;
  /** When the signed-in user's password expires under the policy in force (built-in directory), or null if never. */
  passwordExpiresAt(live: SessionUser): Promise<Date | null>;
}

export function createAccountService(deps: ChangePasswordDeps): AccountService {
  return {
    passwordRules: async () => passwordRules((await deps.currentPolicy()).password),
    changePassword: (live, input) => changePassword(deps, live, input),
    passwordPolicy: async () => (await deps.currentPolicy()).password,
    checkNewPassword: (live, input) => checkNewPasswordLive(deps, live, input),
    passwordExpiresAt: async (live) =>
      passwordExpiresAt(live.user, (await deps.currentPolicy()).password.maxAgeDays, deps.directory.kind),
  };
}
