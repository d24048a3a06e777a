/** SPEC §13.2's SND-nnn reason codes: one table for the audit log, the pages and the troubleshooter. */
export interface ReasonEntry {
  readonly name: string;
  /** i18n key of the message a user sees once it may be shown (SPEC §13.3). */
  readonly userMessage: string;
}

export const REASONS = {
  "SND-101": { name: "user_not_found", userMessage: "reason.inert" },
  "SND-102": { name: "user_ambiguous", userMessage: "reason.inert" },
  "SND-103": { name: "account_disabled", userMessage: "reason.inert" },
  "SND-104": { name: "sspr_off", userMessage: "reason.sspr_unavailable" },
  "SND-105": { name: "policy_incomplete", userMessage: "reason.sspr_unavailable" },
  "SND-106": { name: "not_in_scope", userMessage: "reason.inert" },
  "SND-107": { name: "not_enough_methods", userMessage: "reason.not_enough_methods" },
  "SND-108": { name: "admin_sspr_off", userMessage: "reason.inert" },
  "SND-109": { name: "protected_account", userMessage: "reason.inert" },
  "SND-110": { name: "writeback_off", userMessage: "reason.sspr_unavailable" },
  "SND-111": { name: "cookies_or_script_missing", userMessage: "reason.cookies_or_script_missing" },
  "SND-112": { name: "captcha_failed", userMessage: "reason.captcha_failed" },
  "SND-113": { name: "user_id_invalid", userMessage: "reason.user_id_invalid" },
  "SND-201": { name: "code_wrong", userMessage: "reason.code_wrong" },
  "SND-202": { name: "code_expired", userMessage: "reason.code_wrong" },
  "SND-203": { name: "code_void", userMessage: "reason.code_void" },
  "SND-204": { name: "contact_mismatch", userMessage: "reason.code_wrong" },
  "SND-205": { name: "delivery_failed", userMessage: "reason.delivery_failed" },
  "SND-206": { name: "totp_wrong", userMessage: "reason.totp_wrong" },
  "SND-207": { name: "totp_step_replayed", userMessage: "totp.replayed" },
  "SND-208": { name: "answers_wrong", userMessage: "reason.answers_wrong" },
  "SND-209": { name: "passkey_refused", userMessage: "gate_passkey.refused" },
  "SND-210": { name: "method_not_allowed", userMessage: "reason.method_not_allowed" },
  "SND-211": { name: "same_method_twice", userMessage: "reason.method_not_allowed" },
  "SND-212": { name: "flow_expired", userMessage: "reason.flow_expired" },
  "SND-213": { name: "recipient_throttled", userMessage: "reason.inert" },
  "SND-214": { name: "country_not_allowed", userMessage: "phone.error.country_not_allowed" },
  "SND-215": { name: "method_not_registered", userMessage: "reason.code_wrong" },
  "SND-216": { name: "recovery_code_wrong", userMessage: "reason.recovery_code_wrong" },
  "SND-301": { name: "blocked_failed_checks", userMessage: "reason.blocked" },
  "SND-302": { name: "blocked_validations", userMessage: "reason.blocked" },
  "SND-303": { name: "blocked_email_codes", userMessage: "reason.blocked" },
  "SND-304": { name: "blocked_resets", userMessage: "reason.blocked" },
  "SND-305": { name: "ip_rate_limited", userMessage: "reason.ip_rate_limited" },
  "SND-306": { name: "security_hold", userMessage: "reason.security_hold" },
  "SND-307": { name: "signin_locked", userMessage: "reason.signin_failed" },
  "SND-401": { name: "directory_unreachable", userMessage: "reason.directory_unreachable" },
  "SND-410": { name: "directory_timeout", userMessage: "reason.directory_timeout" },
  "SND-411": { name: "admin_locked", userMessage: "reason.inert" },
  "SND-501": { name: "password_too_short", userMessage: "password.rule.too_short" },
  "SND-502": { name: "password_too_long", userMessage: "password.rule.too_long" },
  "SND-503": { name: "password_classes", userMessage: "password.rule.classes" },
  "SND-504": { name: "password_character", userMessage: "password.rule.character" },
  "SND-505": { name: "password_banned", userMessage: "password.rule.banned" },
  "SND-506": { name: "password_in_history", userMessage: "password.rule.history" },
  "SND-507": { name: "password_mismatch", userMessage: "password.rule.mismatch" },
  "SND-508": { name: "password_same_as_current", userMessage: "password.rule.same_as_current" },
  "SND-509": { name: "password_contains_name", userMessage: "password.rule.contains_name" },
  "SND-510": { name: "password_refused_by_directory", userMessage: "password.rule.refused_by_directory" },
  "SND-511": { name: "password_too_young", userMessage: "password.rule.too_young" },
} as const satisfies Record<`SND-${number}`, ReasonEntry>;

export type ReasonCode = keyof typeof REASONS;

/** True when `code` is a known reason code. */
export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASONS, code);
}
