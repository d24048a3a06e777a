/**
 * "Diagnose this user" (SPEC §13.1): the shape of a diagnosis the portal, the API and the CLI share. Each of the 13
 * checks says pass, warn, fail or not_available, with its findings (a reason code where one applies, and plain facts
 * as catalog keys with values) and its fix in plain words (a catalog key), plus the helpdesk action that applies it.
 */
import type { ReasonCode } from "../reasons.js";

/** SPEC §13.1's checks, in its order; a check's number is its index + 1. */
export const CHECK_IDS = [
  "account_resolves",
  "account_usable",
  "organisation_policy",
  "scope",
  "privilege",
  "methods",
  "registration",
  "sspr_counters",
  "locks",
  "directory",
  "password_policy",
  "delivery",
  "recent_flows",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** `not_available`: the check cannot run here (it needs the LDAP directory, or an account that was not found). */
export type CheckStatus = "pass" | "warn" | "fail" | "not_available";

/** A helpdesk action that applies a check's fix (SPEC §10); the pages link it where the action exists. */
export const FIX_ACTIONS = [
  "send_reminder",
  "clear_block",
  "unlock",
  "release_hold",
  "require_reregistration",
] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** Every fact a check states: a catalog key under `diagnose.fact.` in both languages (a test holds them to it). */
export const FACT_KEYS = [
  "no_account",
  "support_code_unknown",
  "support_code_flow",
  "no_match",
  "one_match",
  "disabled",
  "admin_locked",
  "security_hold",
  "usable",
  "policy_never_saved",
  "scope_none",
  "policy_incomplete",
  "builtin_writes",
  "writeback_unknown",
  "scope_value",
  "scope_everyone",
  "excluded_by",
  "excluded_by_nested",
  "not_in_scope_groups",
  "in_scope_group",
  "in_scope_group_nested",
  "not_privileged",
  "privileged",
  "admin_sspr_off",
  "protected_group",
  "method_usable",
  "method_bad_format",
  "method_country_not_allowed",
  "method_bad_extension",
  "method_no_gate",
  "method_not_enabled",
  "questions_too_few",
  "recovery_codes_spent",
  "no_methods",
  "usable_count",
  "registered",
  "not_registered",
  "capable",
  "not_capable",
  "last_confirmed",
  "reconfirm_due",
  "reconfirm_overdue",
  "skip_days_left",
  "reregistration_required",
  "counter",
  "blocked_until",
  "signin_locked",
  "signin_failures",
  "not_locked",
  "directory_no_lock",
  "directory_locked",
  "directory_locked_until",
  "needs_ldap",
  "needs_ldap_builtin",
  "policy_builtin",
  "no_minimum_age",
  "no_expiry",
  "expiry_temporary",
  "password_expires",
  "password_expired",
  "password_changed",
  "must_change",
  "must_change_compromised",
  "no_messages",
  "message",
  "no_flows",
  "flow",
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** Every fix in plain words: a catalog key under `diagnose.fix.`. */
export const FIX_KEYS = [
  "check_support_code",
  "check_user_id",
  "enable_account",
  "unlock",
  "release_hold",
  "set_scope",
  "fix_policy",
  "remove_exclusion",
  "add_to_scope_group",
  "allow_admin_sspr",
  "protected_account",
  "register_methods",
  "check_methods",
  "remind_user",
  "clear_block",
  "watch_counters",
  "explain_must_change",
  "fix_delivery",
  "follow_user_errors",
] as const;
export type FixKey = (typeof FIX_KEYS)[number];

/** Values a fact's words are filled with: never a secret, a code, an answer or a full address or number. */
export type FactValues = Readonly<Record<string, string | number | Date>>;

/** One thing a check found: a catalog key under `diagnose.fact.`, its values, and the reason code it amounts to. */
export interface Finding {
  readonly fact: FactKey;
  readonly values?: FactValues;
  readonly code?: ReasonCode;
}

export interface CheckResult {
  readonly check: CheckId;
  readonly status: CheckStatus;
  readonly findings: readonly Finding[];
  /** Catalog key under `diagnose.fix.` of the fix in plain words; null when nothing needs fixing. */
  readonly fix: FixKey | null;
  readonly fixAction?: FixAction;
}

/** The check's number as SPEC §13.1 counts them (1–13). */
export function checkNumber(check: CheckId): number {
  return CHECK_IDS.indexOf(check) + 1;
}

/** Builds a finding; `code` only when given. */
export function finding(fact: FactKey, values?: FactValues, code?: ReasonCode): Finding {
  return { fact, ...(values === undefined ? {} : { values }), ...(code === undefined ? {} : { code }) };
}

/** Builds a result; a fix and its action only when given. */
export function result(
  check: CheckId,
  status: CheckStatus,
  findings: readonly Finding[],
  fix: FixKey | null = null,
  fixAction?: FixAction,
): CheckResult {
  return { check, status, findings, fix, ...(fixAction === undefined ? {} : { fixAction }) };
}

/** A check that cannot run without the account (check 1 found none). */
export function needsAccount(check: CheckId): CheckResult {
  return result(check, "not_available", [finding("no_account")]);
}

/** The worst of some statuses: fail over warn over pass; not_available counts as nothing. */
export function worstOf(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("warn")) return "warn";
  if (statuses.includes("pass")) return "pass";
  return "not_available";
}
