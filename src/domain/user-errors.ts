/**
 * SPEC §13.3 as data: for every failure a page may show, what happened and what the user can do next, as catalog
 * keys (`user_error.json`). One view part renders an entry with the helpdesk link and the code, small, for the
 * helpdesk (`http/views/user-error.ts`). Codes the user must never see (SPEC §6.4's inert reasons: 101, 102, 204,
 * 205, 213, 215, and 307, which sign-in words as a wrong password) have no entry, so no page can show them.
 */
import type { ReasonCode } from "./reasons.js";

export interface UserError {
  /** What happened, in plain words. */
  readonly happened: string;
  /** What the user can do next. */
  readonly next: string;
  /** The anchor of the FAQ answer that explains it (`/help#blocked`), if one does. */
  readonly helpAnchor: string | null;
}

/** Anchors of the FAQ's answers that failure pages link to (the FAQ renders its questions under them). */
export const HELP_ANCHORS = { blocked: "blocked", noCode: "no-code", changeMethods: "change-methods" } as const;

function entry(name: string, helpAnchor: string | null = null): UserError {
  return { happened: `user_error.${name}.happened`, next: `user_error.${name}.next`, helpAnchor };
}

/** Failures with a reason code: the page shows the code for the helpdesk. */
export const USER_ERRORS_BY_CODE = {
  "SND-103": entry("account_disabled"),
  "SND-104": entry("sspr_unavailable"),
  "SND-105": entry("sspr_unavailable"),
  "SND-106": entry("not_in_scope"),
  "SND-107": entry("not_enough_methods", HELP_ANCHORS.changeMethods),
  "SND-108": entry("admin_sspr_off"),
  "SND-109": entry("protected_account"),
  "SND-110": entry("sspr_unavailable"),
  "SND-111": entry("cookies_or_script_missing"),
  "SND-112": entry("captcha_failed"),
  "SND-113": entry("user_id_invalid"),
  "SND-212": entry("flow_expired"),
  "SND-301": entry("blocked", HELP_ANCHORS.blocked),
  "SND-302": entry("blocked", HELP_ANCHORS.blocked),
  "SND-303": entry("blocked", HELP_ANCHORS.blocked),
  "SND-304": entry("blocked", HELP_ANCHORS.blocked),
  "SND-305": entry("ip_rate_limited"),
  "SND-306": entry("security_hold"),
  "SND-308": entry("temporary_password_expired"),
  "SND-401": entry("directory_unreachable"),
  "SND-410": entry("directory_timeout"),
  "SND-411": entry("admin_locked"),
} as const satisfies Partial<Record<ReasonCode, UserError>>;

/** Failures without a reason code of their own (the page may show a request ID instead). */
export const USER_ERRORS_WITHOUT_CODE = {
  internal: entry("internal"),
  security_info_blocked: entry("security_info_blocked", HELP_ANCHORS.blocked),
  helpdesk_limit: entry("helpdesk_limit"),
  helpdesk_unreachable: entry("helpdesk_unreachable"),
} as const satisfies Record<string, UserError>;

export type UserErrorCode = keyof typeof USER_ERRORS_BY_CODE;
export type UserErrorId = UserErrorCode | keyof typeof USER_ERRORS_WITHOUT_CODE;

/** True for a reason code a failure page may show. */
export function isUserErrorCode(code: string): code is UserErrorCode {
  return Object.hasOwn(USER_ERRORS_BY_CODE, code);
}

/** The entry of `id`, and the reason code to show beside it (null for the entries without one). */
export function userErrorOf(id: UserErrorId): { readonly error: UserError; readonly code: UserErrorCode | null } {
  if (isUserErrorCode(id)) return { error: USER_ERRORS_BY_CODE[id], code: id };
  return { error: USER_ERRORS_WITHOUT_CODE[id], code: null };
}
