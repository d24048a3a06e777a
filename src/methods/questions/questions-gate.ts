/**
 * Security questions at a reset gate (SPEC §4.6, §6.4 item 5, §6.6): the gate asks `toReset` questions drawn at
 * random from the user's set, every answer must be right, and any wrong set draws a fresh one without saying which
 * answer was wrong. Every check costs one Argon2id verification per question asked, real or dummy, so an unknown ID,
 * a user without questions and a privileged user cost what a real set costs.
 */
import type {
  GateCheck,
  GateOpening,
  GateRequest,
  GateVerdict,
  MethodStepDescriptor,
  MethodSubmission,
  VerificationMethod,
} from "../../domain/methods/method-port.js";
import { isPrivileged } from "../../domain/users.js";
import type { AccountStore, Challenge, CodeKeys } from "../../domain/ports.js";
import { checkAnswers } from "../../domain/questions/answers.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import { FLOW_LIFETIME_SECONDS } from "../../domain/flows/reset/reset-flow.js";
import { admitHashing, type SecretHasher } from "../../lib/crypto/argon2id.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import type { Random } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import {
  drawnQuestionIds,
  drawnStepData,
  type OwnQuestionSet,
  ownQuestionSet,
  questionSetToAsk,
} from "./question-draw.js";
import { answerFields, typedAnswersOf } from "./typed-answers.js";

export interface QuestionsGateDeps {
  /** The process's one Argon2id hasher: a check's verifications are admitted together, refused before the first. */
  readonly hasher: SecretHasher;
  readonly random: Random;
  /** The server's code keys: the current one keys the stand-in draw of an ID without a set. */
  readonly codeKeys: CodeKeys;
  /** Roles, to keep questions from privileged users (SPEC §4.6, §6.6). */
  readonly accounts: Pick<AccountStore, "findByRef">;
}

/** A ref no account has: a request without an account still makes the account lookup a real user's makes. */
const NO_ACCOUNT_REF = "";

/** Creates the security-questions method. */
export function createQuestionsGate(deps: QuestionsGateDeps): VerificationMethod {
  const { random, codeKeys } = deps;

  /**
   * The set this gate may check: the user's own, or null for an inert flow, a user without a usable set, and a
   * privileged user. SPEC §4.6 and §6.6 say privileged users never get questions, but gate 1 lists every enabled
   * method to everyone (§6.4: before a gate is passed the page may not differ), so a privileged user can still pick
   * them. Refusing with a message would tell an attacker the account is privileged; so the gate treats such a user
   * as one without questions: the same page, stand-in questions, the same Argon2id work, and every answer wrong.
   */
  const usableSet = async (request: GateRequest): Promise<OwnQuestionSet | null> => {
    const account = await deps.accounts.findByRef(request.userRef ?? NO_ACCOUNT_REF);
    const own = ownQuestionSet(request.targets, request.policy);
    if (request.userRef === null || account === null || isPrivileged(account)) return null;
    return own;
  };

  const setToAsk = (own: OwnQuestionSet | null, request: GateRequest): readonly string[] =>
    questionSetToAsk(own, {
      // Rotating the code key would change every stand-in set at once; rotation is rare and not built yet.
      serverKey: codeKeys.get(codeKeys.currentId),
      typedUserId: request.typedUserId,
      policy: request.policy,
    });

  const begin = async (request: GateRequest): Promise<GateOpening> => {
    const own = await usableSet(request);
    return {
      firstStep: "answer_questions",
      challenge: questionsChallenge(request, own, codeKeys.currentId, random),
      stepData: drawnStepData(setToAsk(own, request), request.policy, random),
    };
  };

  const verify = async (check: GateCheck): Promise<GateVerdict> => {
    const own = await usableSet(check);
    const typed = Object.entries(check.proof).map(([questionId, answer]) => ({ questionId, answer }));
    // Answers count only against the questions this flow drew, from the set its challenge was opened for.
    const asked = isSameSet(
      typed.map((entry) => entry.questionId),
      drawnQuestionIds(check.stepData),
    );
    const stored = own !== null && asked && check.challenge.targetRef === own.row.id ? own.stored : [];
    // With nothing stored, each answer burns a dummy verification: one Argon2id per answer, whoever asks.
    const right = await admitHashing(deps.hasher, (admitted) => checkAnswers(admitted, stored, typed));
    if (right && own !== null && stored.length > 0) return { passed: true, proved: own.row.id };
    return { passed: false, reason: "SND-208", stepData: drawnStepData(setToAsk(own, check), check.policy, random) };
  };

  return {
    id: "questions",
    kind: "questions",
    registration: { proof: "answers", prefillFrom: null, maxPerUser: 1 },
    gatePositions: [1, 2],
    steps: ["answer_questions"],
    codeLength: () => 0,
    describeStep: (step, { policy, stepData }) => describeAnswers(step, policy, drawnQuestionIds(stepData)),
    attemptsPerChallenge: null,
    checkCounter: "A2",
    begin,
    submit: (step, fields, policy) => submitAnswers(step, fields, policy),
    verify,
    targetOf: (challenge) => challenge.targetRef,
  };
}

/**
 * The gate's challenge: it holds no secret (the answers' hashes stay on the user's row), only the set it was opened
 * for. It lives as long as the flow can (15 min from now covers whatever the flow has left), since SPEC §4.1 gives
 * answers no lifetime of their own: the flow's expiry ends them.
 */
function questionsChallenge(
  request: GateRequest,
  own: OwnQuestionSet | null,
  keyId: string,
  random: Random,
): Challenge {
  return {
    id: toBase64url(random.bytes(16)),
    flowId: request.flowId,
    gate: request.gate,
    method: "questions",
    codeHmac: null,
    targetRef: own?.row.id ?? null,
    keyId,
    attempts: 0,
    expiresAt: secondsAfter(request.now, FLOW_LIFETIME_SECONDS),
    consumedAt: null,
    voidedAt: null,
    createdAt: request.now,
  };
}

function isSameSet(typed: readonly string[], drawn: readonly string[]): boolean {
  return (
    typed.length === drawn.length && new Set(typed).size === typed.length && typed.every((id) => drawn.includes(id))
  );
}

function describeAnswers(
  step: MethodStepDescriptor["step"],
  policy: SsprPolicy,
  drawn: readonly string[],
): MethodStepDescriptor {
  return {
    method: "questions",
    step,
    fields: answerFields(drawn, policy),
    maskedTarget: null,
    codeLength: null,
    codeSource: null,
    assets: [],
    ceremony: null,
  };
}

/**
 * A set with a missing, short or long answer is refused before anything is counted: it is no check (SPEC §8.1
 * counts "a wrong answer set"), no answer of that shape was ever registered, and the refusal depends on the typed
 * text alone, so it is the same for every user.
 */
function submitAnswers(
  step: MethodStepDescriptor["step"],
  fields: Readonly<Record<string, string>>,
  policy: SsprPolicy,
): MethodSubmission {
  const typed = step === "answer_questions" ? typedAnswersOf(fields, policy.questions.toReset) : null;
  if (typed === null) return { kind: "invalid", notice: "answers_invalid" };
  return { kind: "check", proof: Object.fromEntries(typed.map((entry) => [entry.questionId, entry.answer])) };
}
