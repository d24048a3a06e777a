/**
 * SPEC §3's "warn" rules that this build can judge: V2 (fewer than 2 methods enabled), V6 (texts or calls enabled
 * without a provider that can send them), and the NIST note when security questions are on. A warning never stops a
 * save; the console prints it after saving (the admin portal will ask for a confirmation, issue 12). Pure.
 */
import { enabledMethods, type PolicyViolation, type SsprPolicy } from "./sspr-policy.js";

/** Which phone channels the configuration can send by (a provider URL with that channel's body template). */
export interface PhoneDelivery {
  readonly sms: boolean;
  readonly voice: boolean;
}

export function policyWarnings(policy: SsprPolicy, phones: PhoneDelivery): PolicyViolation[] {
  const warnings: PolicyViolation[] = [];
  if (enabledMethods(policy).length < 2)
    warnings.push({ rule: "V2", path: "methods", message: "fewer than 2 methods enabled: users have no spare" });
  const { mobileSms, mobileVoice, officeVoice, securityQuestions } = policy.methods;
  if (mobileSms && !phones.sms)
    warnings.push({ rule: "V6", path: "methods.mobileSms", message: "no SMS provider is configured (phone.url)" });
  if ((mobileVoice || officeVoice) && !phones.voice)
    warnings.push({ rule: "V6", path: "methods", message: "no voice provider is configured (phone.url)" });
  if (securityQuestions)
    warnings.push({
      rule: "NIST",
      path: "methods.securityQuestions",
      message:
        "NIST SP 800-63B does not accept knowledge-based answers; turn questions on only for users with no better method",
    });
  return warnings;
}
