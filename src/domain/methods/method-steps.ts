/** The sub-steps a gate may show; a method lists the ones it uses, and new kinds of method add theirs here. */
export const METHOD_STEP_IDS = ["enter_contact", "enter_code"] as const;
export type MethodStepId = (typeof METHOD_STEP_IDS)[number];
