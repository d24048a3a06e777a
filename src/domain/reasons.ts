/** SPEC §13.2's SND-nnn reason codes: one table for the audit log, the pages and the troubleshooter. */
export interface ReasonEntry {
  readonly name: string;
  /** i18n key of the message a user sees once it may be shown (SPEC §13.3). */
  readonly userMessage: string;
  /** i18n key of the admin hint: what the code means and what to do (the troubleshooter, docs/reason-codes.md). */
  readonly adminHint: string;
}

export const REASONS = {
  "SND-101": { name: "user_not_found", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-101" },
  "SND-102": { name: "user_ambiguous", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-102" },
  "SND-103": { name: "account_disabled", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-103" },
  "SND-104": { name: "sspr_off", userMessage: "reason.sspr_unavailable", adminHint: "diagnose.hint.SND-104" },
  "SND-105": { name: "policy_incomplete", userMessage: "reason.sspr_unavailable", adminHint: "diagnose.hint.SND-105" },
  "SND-106": { name: "not_in_scope", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-106" },
  "SND-107": {
    name: "not_enough_methods",
    userMessage: "reason.not_enough_methods",
    adminHint: "diagnose.hint.SND-107",
  },
  "SND-108": { name: "admin_sspr_off", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-108" },
  "SND-109": { name: "protected_account", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-109" },
  "SND-110": { name: "writeback_off", userMessage: "reason.sspr_unavailable", adminHint: "diagnose.hint.SND-110" },
  "SND-111": {
    name: "cookies_or_script_missing",
    userMessage: "reason.cookies_or_script_missing",
    adminHint: "diagnose.hint.SND-111",
  },
  "SND-112": { name: "captcha_failed", userMessage: "reason.captcha_failed", adminHint: "diagnose.hint.SND-112" },
  "SND-113": { name: "user_id_invalid", userMessage: "reason.user_id_invalid", adminHint: "diagnose.hint.SND-113" },
  "SND-201": { name: "code_wrong", userMessage: "reason.code_wrong", adminHint: "diagnose.hint.SND-201" },
  "SND-202": { name: "code_expired", userMessage: "reason.code_wrong", adminHint: "diagnose.hint.SND-202" },
  "SND-203": { name: "code_void", userMessage: "reason.code_void", adminHint: "diagnose.hint.SND-203" },
  "SND-204": { name: "contact_mismatch", userMessage: "reason.code_wrong", adminHint: "diagnose.hint.SND-204" },
  "SND-205": { name: "delivery_failed", userMessage: "reason.delivery_failed", adminHint: "diagnose.hint.SND-205" },
  "SND-206": { name: "totp_wrong", userMessage: "reason.totp_wrong", adminHint: "diagnose.hint.SND-206" },
  "SND-207": { name: "totp_step_replayed", userMessage: "totp.replayed", adminHint: "diagnose.hint.SND-207" },
  "SND-208": { name: "answers_wrong", userMessage: "reason.answers_wrong", adminHint: "diagnose.hint.SND-208" },
  "SND-209": { name: "passkey_refused", userMessage: "gate_passkey.refused", adminHint: "diagnose.hint.SND-209" },
  "SND-210": {
    name: "method_not_allowed",
    userMessage: "reason.method_not_allowed",
    adminHint: "diagnose.hint.SND-210",
  },
  "SND-211": {
    name: "same_method_twice",
    userMessage: "reason.method_not_allowed",
    adminHint: "diagnose.hint.SND-211",
  },
  "SND-212": { name: "flow_expired", userMessage: "reason.flow_expired", adminHint: "diagnose.hint.SND-212" },
  "SND-213": { name: "recipient_throttled", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-213" },
  "SND-214": {
    name: "country_not_allowed",
    userMessage: "phone.error.country_not_allowed",
    adminHint: "diagnose.hint.SND-214",
  },
  "SND-215": { name: "method_not_registered", userMessage: "reason.code_wrong", adminHint: "diagnose.hint.SND-215" },
  "SND-216": {
    name: "recovery_code_wrong",
    userMessage: "reason.recovery_code_wrong",
    adminHint: "diagnose.hint.SND-216",
  },
  "SND-301": { name: "blocked_failed_checks", userMessage: "reason.blocked", adminHint: "diagnose.hint.SND-301" },
  "SND-302": { name: "blocked_validations", userMessage: "reason.blocked", adminHint: "diagnose.hint.SND-302" },
  "SND-303": { name: "blocked_email_codes", userMessage: "reason.blocked", adminHint: "diagnose.hint.SND-303" },
  "SND-304": { name: "blocked_resets", userMessage: "reason.blocked", adminHint: "diagnose.hint.SND-304" },
  "SND-305": { name: "ip_rate_limited", userMessage: "reason.ip_rate_limited", adminHint: "diagnose.hint.SND-305" },
  "SND-306": { name: "security_hold", userMessage: "reason.security_hold", adminHint: "diagnose.hint.SND-306" },
  "SND-307": { name: "signin_locked", userMessage: "reason.signin_failed", adminHint: "diagnose.hint.SND-307" },
  "SND-308": {
    name: "temporary_password_expired",
    userMessage: "reason.temporary_password_expired",
    adminHint: "diagnose.hint.SND-308",
  },
  "SND-401": {
    name: "directory_unreachable",
    userMessage: "reason.directory_unreachable",
    adminHint: "diagnose.hint.SND-401",
  },
  "SND-402": { name: "directory_tls", userMessage: "reason.directory_error", adminHint: "diagnose.hint.SND-402" },
  "SND-403": { name: "service_bind_failed", userMessage: "reason.directory_error", adminHint: "diagnose.hint.SND-403" },
  "SND-404": { name: "insufficient_rights", userMessage: "reason.directory_error", adminHint: "diagnose.hint.SND-404" },
  "SND-405": {
    name: "user_not_in_directory",
    userMessage: "reason.directory_error",
    adminHint: "diagnose.hint.SND-405",
  },
  "SND-406": { name: "multiple_matches", userMessage: "reason.directory_error", adminHint: "diagnose.hint.SND-406" },
  "SND-407": {
    name: "disabled_in_directory",
    userMessage: "reason.directory_error",
    adminHint: "diagnose.hint.SND-407",
  },
  "SND-408": { name: "directory_policy", userMessage: "reason.directory_policy", adminHint: "diagnose.hint.SND-408" },
  "SND-409": {
    name: "unsupported_operation",
    userMessage: "reason.directory_error",
    adminHint: "diagnose.hint.SND-409",
  },
  "SND-410": { name: "directory_timeout", userMessage: "reason.directory_timeout", adminHint: "diagnose.hint.SND-410" },
  "SND-411": { name: "admin_locked", userMessage: "reason.inert", adminHint: "diagnose.hint.SND-411" },
  "SND-412": { name: "partial_success", userMessage: "reason.partial_success", adminHint: "diagnose.hint.SND-412" },
  "SND-413": { name: "directory_unknown", userMessage: "reason.directory_error", adminHint: "diagnose.hint.SND-413" },
  "SND-501": { name: "password_too_short", userMessage: "password.rule.too_short", adminHint: "diagnose.hint.SND-501" },
  "SND-502": { name: "password_too_long", userMessage: "password.rule.too_long", adminHint: "diagnose.hint.SND-502" },
  "SND-503": { name: "password_classes", userMessage: "password.rule.classes", adminHint: "diagnose.hint.SND-503" },
  "SND-504": { name: "password_character", userMessage: "password.rule.character", adminHint: "diagnose.hint.SND-504" },
  "SND-505": { name: "password_banned", userMessage: "password.rule.banned", adminHint: "diagnose.hint.SND-505" },
  "SND-506": { name: "password_in_history", userMessage: "password.rule.history", adminHint: "diagnose.hint.SND-506" },
  "SND-507": { name: "password_mismatch", userMessage: "password.rule.mismatch", adminHint: "diagnose.hint.SND-507" },
  "SND-508": {
    name: "password_same_as_current",
    userMessage: "password.rule.same_as_current",
    adminHint: "diagnose.hint.SND-508",
  },
  "SND-509": {
    name: "password_contains_name",
    userMessage: "password.rule.contains_name",
    adminHint: "diagnose.hint.SND-509",
  },
  "SND-510": {
    name: "password_refused_by_directory",
    userMessage: "password.rule.refused_by_directory",
    adminHint: "diagnose.hint.SND-510",
  },
  "SND-511": { name: "password_too_young", userMessage: "password.rule.too_young", adminHint: "diagnose.hint.SND-511" },
  "SND-512": {
    name: "current_password_wrong",
    userMessage: "reason.current_password_wrong",
    adminHint: "diagnose.hint.SND-512",
  },
} as const satisfies Record<`SND-${number}`, ReasonEntry>;

export type ReasonCode = keyof typeof REASONS;

/** True when `code` is a known reason code. */
export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASONS, code);
}
