/** A ResetService decorator that counts each step's outcome and the throttle blocks it answers with. */
import type { StepResult } from "../domain/flows/reset/flow-view.js";
import type { ResetService } from "../domain/flows/reset/reset-service.js";
import type { MethodStepId } from "../domain/methods/method-port.js";
import type { ReasonCode } from "../domain/reasons.js";
import type { Outcome } from "../lib/outcome.js";
import type { Metrics } from "./metrics.js";

type StepMetrics = Pick<Metrics, "observeResetStep" | "countThrottleHit" | "countCaptchaChallenge">;

/** The throttle counter behind each block reason a step can answer with (SPEC §8). */
const COUNTER_OF_REASON: Partial<Record<ReasonCode, string>> = {
  "SND-301": "A1",
  "SND-302": "A2",
  "SND-303": "A3",
  "SND-304": "A4",
  "SND-305": "I1",
};

/** What one call of a step returned, as a bounded label: the failure reason, the first notice, or the state reached. */
interface ObservedOutcome {
  readonly outcome: string;
  readonly blockedBy: ReasonCode | null;
}

/** A method step's label: the same as its own route's, so a dashboard counts both routes together. */
const STEP_LABEL = {
  enter_contact: "submit_contact",
  confirm_send: "submit_send",
  enter_code: "submit_code",
  answer_questions: "submit_answers",
  use_passkey: "submit_passkey",
} as const satisfies Record<MethodStepId, string>;

/** Every step returns this shape (identify adds the handle). */
type AnyStepOutcome = Outcome<StepResult, string>;

function describe(result: AnyStepOutcome): ObservedOutcome {
  if (!result.ok) return { outcome: result.reason, blockedBy: result.reason === "SND-305" ? "SND-305" : null };
  // Read from the result itself: the view is built only where a page or reply renders it.
  const { state, blockReason, notices } = result.value;
  return { outcome: notices[0]?.code ?? state, blockedBy: blockReason };
}

function record(metrics: StepMetrics, step: string, result: AnyStepOutcome): void {
  const { outcome, blockedBy } = describe(result);
  metrics.observeResetStep(step, outcome);
  const counter = blockedBy === null ? undefined : COUNTER_OF_REASON[blockedBy];
  if (counter !== undefined) metrics.countThrottleHit(counter);
}

/** Runs `call`, records its outcome (or "error" when it throws), and returns what it returned. */
async function observed<T extends AnyStepOutcome>(
  metrics: StepMetrics,
  step: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    const result = await call();
    record(metrics, step, result);
    return result;
  } catch (error) {
    metrics.observeResetStep(step, "error");
    throw error;
  }
}

/**
 * Wraps `reset` so every step call is counted by outcome; pages and API share the wrapper, so both are counted.
 * `view` passes through uncounted; `isCaptchaHardFor`, asked once per challenge issued, counts challenges by
 * difficulty, so an identify surge (everyone's challenge ×10) shows on a dashboard.
 */
export function instrumentResetService(reset: ResetService, metrics: StepMetrics): ResetService {
  return {
    start: (input) => observed(metrics, "identify", () => reset.start(input)),
    view: (handle) => reset.view(handle),
    handOff: (caller) => reset.handOff(caller),
    chooseAction: (caller, action) => observed(metrics, "choose_action", () => reset.chooseAction(caller, action)),
    chooseMethod: (caller, method) => observed(metrics, "choose_method", () => reset.chooseMethod(caller, method)),
    submitStep: (caller, input) => observed(metrics, STEP_LABEL[input.step], () => reset.submitStep(caller, input)),
    submitContact: (caller, typed) => observed(metrics, "submit_contact", () => reset.submitContact(caller, typed)),
    resendCode: (caller) => observed(metrics, "resend_code", () => reset.resendCode(caller)),
    submitCode: (caller, code) => observed(metrics, "submit_code", () => reset.submitCode(caller, code)),
    back: (caller) => observed(metrics, "back", () => reset.back(caller)),
    cancel: (caller) => observed(metrics, "cancel", () => reset.cancel(caller)),
    submitPassword: (caller, input) => observed(metrics, "submit_password", () => reset.submitPassword(caller, input)),
    finishUnlock: (caller) => observed(metrics, "finish_unlock", () => reset.finishUnlock(caller)),
    resetInstead: (caller) => observed(metrics, "reset_instead", () => reset.resetInstead(caller)),
    finishNotLocked: (caller) => observed(metrics, "finish_not_locked", () => reset.finishNotLocked(caller)),
    isCaptchaHardFor: async (ip) => {
      const hard = await reset.isCaptchaHardFor(ip);
      metrics.countCaptchaChallenge(hard ? "hard" : "normal");
      return hard;
    },
    // Not a step: the live check moves no state, so it is not counted with the steps.
    checkPassword: (caller, input) => reset.checkPassword(caller, input),
  };
}
