/** Method ids and their fixed display order (SPEC §6.4). Which of them this build implements is the registry's say. */
export const METHOD_IDS = ["passkey", "totp", "sms", "voice_mobile", "voice_office", "email", "questions"] as const;
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
} as const satisfies Record<MethodId, string>;

export type MethodSwitch = (typeof POLICY_SWITCH_OF_METHOD)[MethodId];
