/** Turns the service's notices (reason codes and form hints) into sentences in the user's language. */
import type { Notice } from "../../domain/flows/reset/flow-view.js";
import { isReasonCode, REASONS } from "../../domain/reasons.js";
import type { Translate } from "../../i18n/i18n.js";

const FORM_HINTS = {
  contact_invalid: "reset.email.address_invalid",
  code_invalid: "reset.code.invalid",
  resend_too_soon: "reset.code.resend_too_soon",
  resend_limit: "reset.code.resend_limit",
  code_sent: "reset.email.code_sent",
} as const;

/** One sentence per notice; a wrong-looking code is worded for where the step's code comes from. */
export function noticeMessages(
  t: Translate,
  notices: readonly Notice[],
  values: Record<string, string | number> = {},
  codeSource: "sent" | "device" | null = null,
): string[] {
  return notices.map((notice) => {
    const merged = { ...values, ...(notice.values ?? {}) };
    if (isReasonCode(notice.code)) return t(REASONS[notice.code].userMessage, merged);
    if (notice.code === "code_invalid" && codeSource === "device") return t("reset.code.device_invalid", merged);
    return t(FORM_HINTS[notice.code], merged);
  });
}
