/** Turns the service's notices (reason codes and form hints) into sentences in the user's language. */
import type { Notice } from "../../domain/flows/reset/flow-view.js";
import { isReasonCode, REASONS } from "../../domain/reasons.js";
import type { FlowView } from "../../domain/flows/reset/reset-deps.js";
import type { MethodId } from "../../domain/methods.js";
import type { Translate } from "../../i18n/i18n.js";
import type { FormError } from "../views/layout.js";

const FORM_HINTS = {
  contact_invalid: "reset.email.address_invalid",
  code_invalid: "reset.code.invalid",
  answers_invalid: "reset.answers.invalid",
  credential_invalid: "gate_passkey.invalid",
  resend_too_soon: "reset.code.resend_too_soon",
  resend_limit: "reset.code.resend_limit",
  code_sent: "reset.email.code_sent",
} as const;

/** A phone's number and its code are worded as a phone's, not an email's (texts apart from calls). */
const PHONE_HINTS: Readonly<Partial<Record<MethodId, Partial<Record<Notice["code"], string>>>>> = {
  sms: { contact_invalid: "gate_phone.contact.invalid", code_invalid: "gate_phone.code.invalid_sms" },
  voice_mobile: { contact_invalid: "gate_phone.contact.invalid", code_invalid: "gate_phone.code.invalid_voice" },
  voice_office: { contact_invalid: "gate_phone.contact.invalid", code_invalid: "gate_phone.code.invalid_voice" },
};

/**
 * One sentence per notice; a wrong-looking code is worded for where the step's code comes from, and a form hint
 * for the method (`method`: the flow's current one) when it words its own.
 */
export function noticeMessages(
  t: Translate,
  notices: readonly Notice[],
  values: Record<string, string | number> = {},
  codeSource: "sent" | "device" | null = null,
  method: MethodId | null = null,
): string[] {
  return notices.map((notice) => {
    const merged = { ...values, ...(notice.values ?? {}) };
    if (isReasonCode(notice.code)) return t(REASONS[notice.code].userMessage, merged);
    if (notice.code === "code_invalid" && codeSource === "device") return t("reset.code.device_invalid", merged);
    const own = method === null ? undefined : PHONE_HINTS[method]?.[notice.code];
    return t(own ?? FORM_HINTS[notice.code], merged);
  });
}

/** Which field of the page a notice is about; null for one about the form as a whole (a resend, a block). */
function fieldOf(view: FlowView, notice: Notice): string | null {
  if (notice.code === "resend_too_soon" || notice.code === "resend_limit") return null;
  if (view.state === "password") return notice.code === "SND-507" ? "confirmation" : "password";
  if (view.state !== "gate_challenge") return null;
  // The contact field as the step names it: `address` for email, `phone` for the phones.
  return view.step?.step === "enter_contact" ? (view.step.fields[0]?.name ?? "address") : "code";
}

/** The notices as the page shows them: each sentence tied to its field, and the wait a refused resend leaves. */
export function noticeErrors(
  t: Translate,
  view: FlowView,
  notices: readonly Notice[],
): { errors: FormError[]; resendWaitSeconds: number | null } {
  const texts = noticeMessages(t, notices, { digits: view.codeLength }, view.step?.codeSource, view.currentMethod);
  const errors = notices.map((notice, index): FormError => {
    const message = texts[index] ?? "";
    const field = fieldOf(view, notice);
    return field === null ? message : { message, field };
  });
  const refused = notices.find((notice) => notice.code === "resend_too_soon")?.values?.seconds;
  return { errors, resendWaitSeconds: typeof refused === "number" ? refused : null };
}
