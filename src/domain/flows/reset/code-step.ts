/** GATE_CHALLENGE: a typed code is counted, compared in constant time, then consumed (SPEC §4.3, STYLE §3). */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { AuditEvent } from "../../audit-events.js";
import { accountKey, blockReasonOf, CODE_RULES } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { VerificationMethod } from "../../methods/method-port.js";
import type { Challenge } from "../../ports.js";
import type { ReasonCode } from "../../reasons.js";
import { type Notice, type StepResult, stepResult } from "./flow-view.js";
import type { AccountBlock } from "./account-block.js";
import { admitCodeGuess, decideWrongGuess, takeBackGuess } from "./code-guess-admission.js";
import type { FlowFailure, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { savedVersionOf, saveStep } from "./save-step.js";
import { transition } from "./reset-transition.js";
import { currentEligibility } from "./flow-eligibility.js";

type CodeOutcome = Outcome<StepResult, FlowFailure>;

/** Checks a typed code (already normalised by the method) against the current gate's challenge. */
export async function checkCode(
  deps: ResetDeps,
  loaded: { flow: ResetFlow; policy: SsprPolicy; method: VerificationMethod },
  code: string,
): Promise<CodeOutcome> {
  const { flow, policy, method } = loaded;
  // A1 is decided before the comparison, so parallel guesses stop at the limit (ADR 0013).
  const block = await admitCodeGuess(deps, flow, deps.clock.now());
  if (block !== null) return succeed(blockedStep(deps, flow, policy, block));
  const challenge = await deps.challenges.findCurrent(flow.id, currentGate(flow));
  const verdict = await judgeCode(deps, method, challenge, code);
  if (verdict.passed && challenge !== null) return passGate(deps, { flow, policy, method, challenge });
  return recordWrongCode(deps, { flow, policy, method, reason: verdict.reason, triesLeft: verdict.triesLeft });
}

interface Verdict {
  readonly passed: boolean;
  readonly reason: ReasonCode;
  readonly triesLeft: number;
}

async function judgeCode(
  deps: ResetDeps,
  method: VerificationMethod,
  challenge: Challenge | null,
  code: string,
): Promise<Verdict> {
  if (challenge === null || challenge.consumedAt !== null) return { passed: false, reason: "SND-203", triesLeft: 0 };
  if (deps.clock.now().getTime() >= challenge.expiresAt.getTime())
    return { passed: false, reason: "SND-202", triesLeft: 0 };
  // Counted in its own statement, before the comparison: inside a transaction a failed
  // guess would roll back with everything else, and guessing would cost nothing.
  if (!(await deps.challenges.countAttempt(challenge.id, CODE_RULES.maxAttempts)))
    return { passed: false, reason: "SND-203", triesLeft: 0 };
  const triesLeft = CODE_RULES.maxAttempts - (challenge.attempts + 1);
  if (!method.verify(challenge, code)) return { passed: false, reason: "SND-201", triesLeft };
  if (!(await deps.challenges.consume(challenge.id, deps.clock.now())))
    return { passed: false, reason: "SND-203", triesLeft: 0 };
  return { passed: true, reason: "SND-201", triesLeft };
}

async function recordWrongCode(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; method: VerificationMethod; reason: ReasonCode; triesLeft: number },
): Promise<CodeOutcome> {
  const { flow, policy, method } = input;
  const now = deps.clock.now();
  const failed = flowProgressEvent(flow, `method_failed:${method.id}:${input.reason}`, "failure", now, {
    method: method.id,
  });
  const blocked = transition(flow, "submit_proof", "blocked", { endedAt: now, endReason: "blocked" });
  const block = await deps.unitOfWork.inTransaction(async (stores) => {
    // The guess's provisional A1 failure (admitCodeGuess) stays: here only the block is decided.
    const decided = await decideWrongGuess(stores.throttles, flow, now);
    const events: AuditEvent[] = decided ? [failed, ...decided.events] : [failed];
    await stores.audit.append(events);
    if (decided) await stores.flows.saveIfVersion(blocked, flow.version);
    return decided?.block ?? null;
  });
  if (block !== null) return succeed(blockedStep(deps, flow, policy, block));
  const notice: Notice = { code: input.reason, values: { count: Math.max(0, input.triesLeft) } };
  return succeed(stepResult(deps, flow, policy, { notices: [notice] }));
}

/** The block page of a flow a block has just ended. */
function blockedStep(deps: ResetDeps, flow: ResetFlow, policy: SsprPolicy, block: AccountBlock): StepResult {
  const blocked = savedVersionOf(transition(flow, "submit_proof", "blocked", {}));
  return stepResult(deps, blocked, policy, { blockedUntil: block.until, shownReason: blockReasonOf(block.counter) });
}

/** The gate is passed: re-run checks 4–9 and go on to the next gate, the password, or the plain reason. */
async function passGate(
  deps: ResetDeps,
  input: { flow: ResetFlow; policy: SsprPolicy; method: VerificationMethod; challenge: Challenge },
): Promise<CodeOutcome> {
  const { flow, policy, method, challenge } = input;
  const now = deps.clock.now();
  const { eligibility } = await currentEligibility(deps, flow, policy);
  const methodsPassed = [...flow.methodsPassed, method.id];
  const passedAll = eligibility.reason === null && methodsPassed.length >= eligibility.gatesRequired;
  const next: ResetFlow = eligibility.reason
    ? transition(flow, "submit_proof", "failed", {
        methodsPassed,
        endedAt: now,
        endReason: `ineligible:${eligibility.reason}`,
      })
    : transition(flow, "submit_proof", passedAll ? "password" : "gate_select", {
        methodsPassed,
        currentMethod: null,
        gateStep: null,
      });
  const events = [flowProgressEvent(flow, `method_passed:${method.id}`, "success", now, { method: method.id })];
  if (eligibility.reason) events.push(flowProgressEvent(flow, `ineligible:${eligibility.reason}`, "failure", now));
  const saved = await saveStep(deps, flow, next, async (stores) => {
    await stores.audit.append(events);
    const target = method.targetOf(challenge);
    if (target !== null) await stores.methods.markUsed(target, now);
    // The typed address was right after all: take back its provisional A1 failure (see code-issue.ts).
    await stores.throttles.removeNewestHit("A1", accountKey(flow.userRef, flow.typedUserId));
    await takeBackGuess(stores.throttles, flow);
  });
  if (!saved) return fail("flow_changed");
  return succeed(stepResult(deps, savedVersionOf(next), policy));
}
