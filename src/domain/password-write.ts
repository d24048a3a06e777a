/** A directory's refusal of a new password, as the notice the user reads. */
import type { PasswordWriteRefusal } from "./ports.js";

/** The refusal's reason code, with the values its message needs. */
export interface PasswordWriteRejection {
  readonly code: PasswordWriteRefusal["reason"];
  readonly values?: Readonly<Record<string, string>>;
}

/** The notice for a refusal: the rule the directory named, or when the password may change again. */
export function rejectionOf(refusal: PasswordWriteRefusal): PasswordWriteRejection {
  if (refusal.reason === "SND-510") return { code: refusal.reason, values: { rule: refusal.rule ?? "policy" } };
  if (refusal.reason === "SND-511") return { code: refusal.reason, values: { time: refusal.notBefore.toISOString() } };
  return { code: refusal.reason };
}
