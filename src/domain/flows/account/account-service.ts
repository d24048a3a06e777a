/** What a signed-in user does with their own account beyond signing in: change the password (SPEC §9.5). */
import { type PasswordRuleHint, passwordRules } from "../../policies/password-policy.js";
import type { SessionUser } from "../sign-in/session-lifecycle.js";
import {
  type ChangePasswordDeps,
  type ChangePasswordInput,
  type ChangePasswordResult,
  type ChangeRejection,
  changePassword,
} from "./change-password.js";

export type { ChangePasswordDeps, ChangePasswordInput, ChangePasswordResult, ChangeRejection };

export interface AccountService {
  /** The rules the change-password page shows above the fields, from the policy in force. */
  passwordRules(): Promise<PasswordRuleHint[]>;
  /** Checks the current password under smart lockout, then the rules; applies the change and its consequences. */
  changePassword(live: SessionUser, input: ChangePasswordInput): Promise<ChangePasswordResult>;
}

export function createAccountService(deps: ChangePasswordDeps): AccountService {
  return {
    passwordRules: async () => passwordRules((await deps.currentPolicy()).password),
    changePassword: (live, input) => changePassword(deps, live, input),
  };
}
