/**
 * The sub-steps a gate may show; a method lists the ones it uses, and new kinds of method add theirs here.
 * `enter_contact`: type the full address or number (gate 1, and phones at gate 2); `confirm_send`: send to the
 * masked target shown (email at gate 2); `enter_code`: a sent or device code; `answer_questions`: the drawn
 * security questions; `use_passkey`: the browser's passkey ceremony.
 */
export const METHOD_STEP_IDS = [
  "enter_contact",
  "confirm_send",
  "enter_code",
  "answer_questions",
  "use_passkey",
] as const;
export type MethodStepId = (typeof METHOD_STEP_IDS)[number];

/**
 * What the current step may show of itself, saved on the flow when the gate opened (or after a wrong answer set):
 * the drawn question ids, a passkey ceremony's request options, gate 2's masked target. Public data only: the flow
 * row is no place for a secret.
 */
export type StepData = Readonly<Record<string, string | number | boolean | readonly string[]>>;
