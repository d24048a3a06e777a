/** Checks 3 (organisation policy) and 4 (scope) of SPEC §13.1. Pure. */
import type { ReasonCode } from "../reasons.js";
import { type CheckResult, type Finding, finding, needsAccount, result } from "./diagnosis.js";
import type { DiagnosisFacts } from "./diagnosis-facts.js";

/** Check 3: scope not None (104), the policy valid with a method that delivers (105), writeback on in LDAP (110). */
export function organisationPolicy(facts: DiagnosisFacts): CheckResult {
  const { policy, policyViolations } = facts;
  const findings: Finding[] = facts.policySaved ? [] : [finding("policy_never_saved")];
  if (policy.scope === "none")
    return result("organisation_policy", "fail", [...findings, finding("scope_none", {}, "SND-104")], "set_scope");
  if (policyViolations.length > 0) {
    const rules = policyViolations.map((violation) => `${violation.rule} (${violation.path})`).join(", ");
    return result(
      "organisation_policy",
      "fail",
      [...findings, finding("policy_incomplete", { rules }, "SND-105")],
      "fix_policy",
    );
  }
  // The built-in directory is written by Sandi itself: writeback (SPEC §15) is an LDAP setting.
  const writeback = facts.directory.kind === "builtin" ? finding("builtin_writes") : finding("writeback_unknown");
  return result("organisation_policy", "pass", [
    ...findings,
    finding("scope_value", { scope: policy.scope }),
    writeback,
  ]);
}

/** Membership of `group`, with the nesting chain when it comes through subgroups ("Staf → Semua karyawan"). */
function membership(
  facts: DiagnosisFacts,
  kind: "in_scope_group" | "excluded_by",
  group: string,
  code?: ReasonCode,
): Finding {
  const chain = facts.account?.groupChains[group] ?? [];
  if (chain.length <= 1) return finding(kind, { group }, code);
  const nested = kind === "in_scope_group" ? "in_scope_group_nested" : "excluded_by_nested";
  return finding(nested, { group, chain: chain.join(" → ") }, code);
}

/**
 * Check 4: in a scope group and in no excluded group (106). The directory returns every group containing the user,
 * nested ones included (to depth 10), so a scope group reached through a subgroup counts and is named here.
 */
export function scope(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("scope");
  const { user } = facts.account;
  const { policy } = facts;
  if (policy.scope === "none") return result("scope", "fail", [finding("scope_none", {}, "SND-104")], "set_scope");
  const excludedBy = user.groups.filter((group) => policy.excludedGroups.includes(group));
  if (excludedBy.length > 0)
    return result(
      "scope",
      "fail",
      excludedBy.map((group) => membership(facts, "excluded_by", group, "SND-106")),
      "remove_exclusion",
    );
  if (policy.scope === "all") return result("scope", "pass", [finding("scope_everyone")]);
  const inScopeBy = user.groups.filter((group) => policy.scopeGroups.includes(group));
  if (inScopeBy.length === 0)
    return result(
      "scope",
      "fail",
      [finding("not_in_scope_groups", { groups: policy.scopeGroups.join(", ") }, "SND-106")],
      "add_to_scope_group",
    );
  return result(
    "scope",
    "pass",
    inScopeBy.map((group) => membership(facts, "in_scope_group", group)),
  );
}
