/**
 * Method ids and their fixed display order (SPEC §6.4; recovery codes, beyond SPEC, last). Which of them this build
 * implements is the registries' say. A mobile phone is one registered method that serves `sms` and `voice_mobile`;
 * its row is stored under `sms`.
 */
export const METHOD_IDS = [
  "passkey",
  "totp",
  "sms",
  "voice_mobile",
  "voice_office",
  "email",
  "questions",
  "recovery_code",
] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/** The policy switch (SPEC §3 `methods.*`) behind each method id. */
export const POLICY_SWITCH_OF_METHOD = {
  passkey: "passkey",
  totp: "authenticatorApp",
  sms: "mobileSms",
  voice_mobile: "mobileVoice",
  voice_office: "officeVoice",
  email: "email",
  questions: "securityQuestions",
  recovery_code: "recoveryCodes",
} as const satisfies Record<MethodId, string>;

export type MethodSwitch = (typeof POLICY_SWITCH_OF_METHOD)[MethodId];

/**
 * What a user registers: one row kind each. The mobile phone row (`sms`) serves SMS and voice; the rest are one id
 * each. Strongest first (SPEC §5.2's order for the interrupt; recovery codes before questions).
 */
export const REGISTRABLE_KINDS = [
  "passkey",
  "totp",
  "sms",
  "voice_office",
  "email",
  "recovery_code",
  "questions",
] as const;
export type RegistrableKind = (typeof REGISTRABLE_KINDS)[number];

/** The method ids a registered row of `kind` serves at a gate. */
export const GATE_IDS_OF_KIND: Readonly<Record<RegistrableKind, readonly MethodId[]>> = {
  passkey: ["passkey"],
  totp: ["totp"],
  sms: ["sms", "voice_mobile"],
  voice_office: ["voice_office"],
  email: ["email"],
  recovery_code: ["recovery_code"],
  questions: ["questions"],
};

/** The registrable kind a stored method id belongs to (`voice_mobile` rows do not exist: mobiles are `sms`). */
export function kindOfMethod(method: MethodId): RegistrableKind {
  return method === "voice_mobile" ? "sms" : method;
}

/** How many of each kind one user may register (SPEC §4.1; recovery codes: one set). */
export const MAX_PER_USER: Readonly<Record<RegistrableKind, number>> = {
  passkey: 10,
  totp: 5,
  sms: 1,
  voice_office: 1,
  email: 1,
  recovery_code: 1,
  questions: 1,
};

/** Codes in one recovery-code set; a recovery-code row's `counter` counts the ones spent. */
export const RECOVERY_CODES_PER_SET = 10;

/** The registrable kinds at least one of `ids` serves at a gate (a registry's ids → the kinds its gates accept). */
export function kindsServedBy(ids: readonly MethodId[]): RegistrableKind[] {
  return REGISTRABLE_KINDS.filter((kind) => GATE_IDS_OF_KIND[kind].some((id) => ids.includes(id)));
}
