/** Checks 1 (account resolves), 2 (account usable) and 5 (privilege) of SPEC §13.1. Pure. */
import { highestRole } from "../admin/admin-permissions.js";
import { isPrivileged } from "../users.js";
import { type CheckResult, type Finding, finding, needsAccount, result } from "./diagnosis.js";
import type { DiagnosisFacts } from "./diagnosis-facts.js";

/** Check 1: exactly one account matches (the built-in directory keeps user IDs unique, so never SND-102). */
export function accountResolves(facts: DiagnosisFacts): CheckResult {
  const { subject, account } = facts;
  const lookedUp: Finding[] = [];
  if (subject.via === "support_code") {
    const flow = subject.flow;
    if (flow === null)
      return result(
        "account_resolves",
        "fail",
        [finding("support_code_unknown", { code: subject.supportCode })],
        "check_support_code",
      );
    lookedUp.push(
      finding("support_code_flow", { code: subject.supportCode, time: flow.issuedAt, typed: flow.typedUserId }),
    );
  }
  if (account === null) {
    const typed = subject.via === "user_id" ? subject.userId : (subject.flow?.typedUserId ?? "");
    return result(
      "account_resolves",
      "fail",
      [...lookedUp, finding("no_match", { userId: typed }, "SND-101")],
      "check_user_id",
    );
  }
  const { user } = account;
  return result("account_resolves", "pass", [
    ...lookedUp,
    finding("one_match", { userId: user.userId, name: user.displayName }),
  ]);
}

/** Check 2: enabled, not admin-locked, not on security hold (SPEC §6.3 check 5). */
export function accountUsable(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("account_usable");
  const { user } = facts.account;
  if (!user.enabled) return result("account_usable", "fail", [finding("disabled", {}, "SND-103")], "enable_account");
  if (user.adminLocked)
    return result("account_usable", "fail", [finding("admin_locked", {}, "SND-411")], "unlock", "unlock");
  if (user.securityHold)
    return result("account_usable", "fail", [finding("security_hold", {}, "SND-306")], "release_hold", "release_hold");
  return result("account_usable", "pass", [finding("usable")]);
}

/** Check 5: a privileged user needs 2 gates and no questions; admin SSPR may be off (108); protected groups (109). */
export function privilege(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("privilege");
  const { user } = facts.account;
  const { policy } = facts;
  const protectedBy = user.groups.filter((group) => policy.protectedGroups.includes(group));
  const protectedFindings = protectedBy.map((group) => finding("protected_group", { group }, "SND-109"));
  if (!isPrivileged(user)) {
    if (protectedFindings.length > 0) return result("privilege", "fail", protectedFindings, "protected_account");
    return result("privilege", "pass", [finding("not_privileged", { gates: policy.methodsToReset })]);
  }
  const findings = [finding("privileged", { role: highestRole(user.roles) })];
  if (!policy.admins.ssprAllowed)
    return result("privilege", "fail", [...findings, finding("admin_sspr_off", {}, "SND-108")], "allow_admin_sspr");
  if (protectedFindings.length > 0)
    return result("privilege", "fail", [...findings, ...protectedFindings], "protected_account");
  return result("privilege", "pass", findings);
}
