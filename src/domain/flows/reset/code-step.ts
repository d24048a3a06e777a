/**
 * GATE_CHALLENGE: a proof (a code, answers, a passkey response) is counted, judged by its method with equal work,
 * then its challenge consumed (SPEC §4.3, STYLE §3).
 */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { AuditEvent } from "../../audit-events.js";
import { blockReasonOf } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { StepData, VerificationMethod } from "../../methods/method-port.js";
import type { Challenge, VerifiedMethod } from "../../ports.js";
import type { ReasonCode } from "../../reasons.js";
import { type Notice, type StepResult, stepResult } from "./flow-view.js";
import type { AccountBlock } from "./account-block.js";
import { admitCodeGuess, decideWrongGuess, mustDecideWrongGuess, takeBackGuess } from "./code-guess-admission.js";
import type { FlowFailure, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { savedVersionOf, saveStepConsuming } from "./save-step.js";
import { transition } from "./reset-transition.js";
import { currentEligibility, targetedEligibility } from "./flow-eligibility.js";
import { gateRequestOf, targetsAndAllOf } from "./gate-steps.js";
import { stateAfterGates } from "./unlock-after-gates.js";
import { gateTwoOfferData, keepGateTwoOffer } from "./gate-two-offer.js";
import { refundGuessWhenHasherSheds } from "./shed-guess-refund.js";

type CodeOutcome = Outcome<StepResult, FlowFailure>;

/** Checks a proof (already normalised by the method) against the current gate's challenge. */
export async function checkProof(
  deps: ResetDeps,
  loaded: { flow: ResetFlow; policy: SsprPolicy; method: VerificationMethod },
  proof: Readonly<Record<string, string>>,
): Promise<CodeOutcome> {
  const { flow, policy, method } = loaded;
  // A1 (and A2 for the methods it counts) is decided before the check, so parallel guesses stop at the limit (ADR 0013).
  const admission = await admitCodeGuess(deps, flow, deps.clock.now(), method.checkCounter);
  if ("block" in admission) {
    // A block set before this guess is answered as the flow guard answers it elsewhere (the flow page shows it).
    if (admission.alreadySet) return fail("action_not_allowed");
    return succeed(blockedStep(deps, flow, policy, admission.block));
  }
  const verdict = await refundGuessWhenHasherSheds(deps, { flow, checkCounter: method.checkCounter }, () =>
    judge(deps, { flow, policy, method }, proof),
  );
  if (verdict.passed) return passGate(deps, { flow, policy, method, ...verdict });
  return recordWrongCode(deps, { flow, policy, method, verdict, decide: mustDecideWrongGuess(admission) });
}

type Verdict =
  | {
      readonly passed: true;
      readonly proved: string | null;
      readonly challenge: Challenge;
      /** The account's verified rows as read for the check, for checks 4–9 after it. */
      readonly verified: readonly VerifiedMethod[];
    }
  | {
      readonly passed: false;
      readonly reason: ReasonCode;
      readonly triesLeft: number | null;
      readonly stepData?: StepData | null;
    };

const refused = (reason: ReasonCode): Verdict => ({ passed: false, reason, triesLeft: 0 });

/**
 * The cap for a method only the account counters bound (`attemptsPerChallenge` null): the largest value the
 * challenge's `attempts` column (a 32-bit integer) holds, which A1 and A2 stop long before.
 */
const UNLIMITED_ATTEMPTS = 2 ** 31 - 1;

async function judge(
  deps: ResetDeps,
  loaded: { flow: ResetFlow; policy: SsprPolicy; method: VerificationMethod },
  proof: Readonly<Record<string, string>>,
): Promise<Verdict> {
  const { flow, policy, method } = loaded;
  const now = deps.clock.now();
  const limit = method.attemptsPerChallenge;
  // Counted in its own statement, before the check: inside a transaction a failed
  // guess would roll back with everything else, and guessing would cost nothing.
  const attempt = await deps.challenges.takeAttempt({
    flowId: flow.id,
    gate: currentGate(flow),
    maxAttempts: limit ?? UNLIMITED_ATTEMPTS,
    now,
  });
  if ("refused" in attempt) return refused(attempt.refused === "expired" ? "SND-202" : "SND-203");
  const challenge = attempt.taken;
  const triesLeft = limit === null ? null : limit - challenge.attempts;
  const { targets, all } = await targetsAndAllOf(deps, flow, method.id);
  const request = gateRequestOf(flow, { policy, now, targets });
  const verdict = await method.verify({ ...request, challenge, proof, stepData: flow.stepData ?? null });
  if (!verdict.passed) return { ...verdict, triesLeft };
  // Consumed by passGate, in the transaction that moves the flow on (saveStepConsuming).
  return { ...verdict, challenge, verified: all };
}

async function recordWrongCode(
  deps: ResetDeps,
  input: {
    flow: ResetFlow;
    policy: SsprPolicy;
    method: VerificationMethod;
    verdict: Verdict & { passed: false };
    /** Whether this guess may be the one that reaches A1's limit (`mustDecideWrongGuess`). */
    decide: boolean;
  },
): Promise<CodeOutcome> {
  const { flow, policy, method, verdict } = input;
  const now = deps.clock.now();
  const failed = flowProgressEvent(flow, `method_failed:${method.id}:${verdict.reason}`, "failure", now, {
    method: method.id,
  });
  const blocked = transition(flow, "submit_proof", "blocked", { endedAt: now, endReason: "blocked" });
  // A method may change what the step shows after a failure (SPEC §4.6: a fresh set of questions).
  const redrawn =
    verdict.stepData === undefined
      ? null
      : transition(flow, "submit_proof", "gate_challenge", {
          stepData: keepGateTwoOffer(flow.stepData, verdict.stepData),
        });
  // The guess's provisional A1 failure (admitCodeGuess) stays: here only the block is decided, by the guess whose
  // admission reached the limit. Below it, a wrong guess with nothing to save is one audit insert.
  if (!input.decide && redrawn === null) {
    await deps.audit.append([failed]);
    return succeed(stepResult(deps, flow, policy, { notices: [noticeOf(verdict)] }));
  }
  const outcome = await deps.unitOfWork.inTransaction(async (stores) => {
    const decided = input.decide ? await decideWrongGuess(stores.throttles, flow, now) : null;
    const events: AuditEvent[] = decided ? [failed, ...decided.events] : [failed];
    await stores.audit.append(events);
    if (decided) await stores.flows.saveIfVersion(blocked, flow.version);
    else if (redrawn !== null && !(await stores.flows.saveIfVersion(redrawn, flow.version))) return "changed" as const;
    return decided?.block ?? null;
  });
  if (outcome === "changed") return fail("flow_changed");
  if (outcome !== null) return succeed(blockedStep(deps, flow, policy, outcome));
  const shown = redrawn === null ? flow : savedVersionOf(redrawn);
  return succeed(stepResult(deps, shown, policy, { notices: [noticeOf(verdict)] }));
}

/** What the step says after a wrong proof: the reason, with the tries left where the method counts them. */
function noticeOf(verdict: Verdict & { passed: false }): Notice {
  return verdict.triesLeft === null
    ? { code: verdict.reason }
    : { code: verdict.reason, values: { count: Math.max(0, verdict.triesLeft) } };
}

/** The block page of a flow a block has just ended. */
function blockedStep(deps: ResetDeps, flow: ResetFlow, policy: SsprPolicy, block: AccountBlock): StepResult {
  const blocked = savedVersionOf(transition(flow, "submit_proof", "blocked", {}));
  return stepResult(deps, blocked, policy, { blockedUntil: block.until, shownReason: blockReasonOf(block.counter) });
}

/** The gate is passed: re-run checks 4–9 and go on to the next gate, the password, or the plain reason. */
async function passGate(
  deps: ResetDeps,
  input: {
    flow: ResetFlow;
    policy: SsprPolicy;
    method: VerificationMethod;
    challenge: Challenge;
    proved: string | null;
    verified: readonly VerifiedMethod[];
  },
): Promise<CodeOutcome> {
  const { flow, policy, method, challenge } = input;
  const now = deps.clock.now();
  const current = await currentEligibility(deps, flow, policy, input.verified);
  const { user } = current;
  const eligibility = targetedEligibility(current.eligibility, method.id);
  const methodsPassed = [...flow.methodsPassed, method.id];
  const passedAll = eligibility.reason === null && methodsPassed.length >= eligibility.gatesRequired;
  const toNextGate = eligibility.reason === null && !passedAll;
  const next: ResetFlow = eligibility.reason
    ? transition(flow, "submit_proof", "failed", {
        methodsPassed,
        endedAt: now,
        endReason: `ineligible:${eligibility.reason}`,
      })
    : transition(flow, "submit_proof", passedAll ? stateAfterGates(flow) : "gate_select", {
        methodsPassed,
        currentMethod: null,
        gateStep: null,
        // Gate 2 lists the user's remaining methods of another kind, masked (SPEC §6.6).
        stepData: toNextGate ? await gateTwoOfferData(deps, { flow: { ...flow, methodsPassed }, policy, user }) : null,
      });
  const events = [flowProgressEvent(flow, `method_passed:${method.id}`, "success", now, { method: method.id })];
  if (eligibility.reason) events.push(flowProgressEvent(flow, `ineligible:${eligibility.reason}`, "failure", now));
  const saved = await saveStepConsuming(
    deps,
    { loaded: flow, next, challengeId: challenge.id, now },
    async (stores) => {
      await stores.audit.append(events);
      const target = input.proved ?? method.targetOf(challenge);
      if (target !== null) await stores.methods.markUsed(target, now);
      // The right code's provisional A1 failure (code-guess-admission.ts) is taken back and, for a method that sends
      // its code, the typed address's too (code-issue.ts): it was right after all. The other methods had no typed
      // address, and taking back a second hit would take back an earlier real failure.
      await takeBackGuess(stores.throttles, flow, method.delivery === undefined ? 1 : 2);
    },
  );
  if (!saved) return fail("flow_changed");
  return succeed(stepResult(deps, savedVersionOf(next), policy));
}
