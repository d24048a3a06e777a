/**
 * How a registered method shows (SPEC §4.2): to its owner and to admins the value masked (`b***@g***.com`,
 * `+62 ••• 12`), a passkey or an app by its label, questions as a count, recovery codes as codes left. Pure.
 */
import { maskEmailAddress } from "../email-address.js";
import { maskPhoneNumber } from "../phone-number.js";
import { kindOfMethod, RECOVERY_CODES_PER_SET, type RegistrableKind } from "../methods.js";
import type { VerifiedMethod } from "../ports.js";

/** The value as the owner and admins see it; never the full address or number, never an answer. */
export function maskedValueOf(method: VerifiedMethod): string {
  const kind: RegistrableKind = kindOfMethod(method.method);
  switch (kind) {
    case "email":
      return maskEmailAddress(method.value);
    case "sms":
    case "voice_office":
      return maskPhoneNumber(method.value);
    case "questions": {
      const answers = method.details?.["answers"];
      return String(Array.isArray(answers) ? answers.length : 0);
    }
    case "recovery_code":
      return String(Math.max(0, RECOVERY_CODES_PER_SET - (method.counter ?? 0)));
    case "totp":
    case "passkey":
      return method.label ?? "";
  }
}
