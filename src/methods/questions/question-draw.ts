/**
 * Which questions a security-questions gate asks (SPEC §4.6, §6.4 item 5): `toReset` drawn at random from the
 * user's own set, or, when there is no set to ask from, from a stand-in set fixed by a keyed hash of the typed ID,
 * so an attacker who comes back sees the same few questions a real user's set would show.
 */
import { canDrawQuestions, drawQuestions, inertQuestionSet } from "../../domain/questions/draw.js";
import type { StoredAnswer } from "../../domain/questions/answers.js";
import { questionPool } from "../../domain/questions/question-pool.js";
import { askableQuestionIds, storedAnswersOf } from "../../domain/questions/question-set.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import type { StepData } from "../../domain/methods/method-port.js";
import type { VerifiedMethod } from "../../domain/ports.js";
import type { Random } from "../../lib/random.js";

/** The step data key under which the drawn question ids are saved on the flow. */
const DRAWN_KEY = "questionIds";

/** A set of answers the gate can check: the user's row, its hashes, and the questions it can still ask. */
export interface OwnQuestionSet {
  readonly row: VerifiedMethod;
  readonly stored: readonly StoredAnswer[];
  readonly askable: readonly string[];
}

/**
 * The user's set when it can serve this gate: a questions row with at least `toReset` askable questions (a set the
 * policy has outgrown, or whose custom questions were deleted, counts as none, as `canDrawQuestions` says).
 */
export function ownQuestionSet(targets: readonly VerifiedMethod[], policy: SsprPolicy): OwnQuestionSet | null {
  const row = targets.find((target) => target.method === "questions");
  if (row === undefined) return null;
  const stored = storedAnswersOf(row.details);
  const askable = askableQuestionIds(stored, policy.questions);
  return canDrawQuestions(askable.length, policy.questions.toReset) ? { row, stored, askable } : null;
}

/**
 * The set a gate draws from: the user's own, or the typed ID's stand-in of `toRegister` questions from the pool the
 * policy offers now. The stand-in is computed either way (one HMAC), so both paths do the same work.
 */
export function questionSetToAsk(
  own: OwnQuestionSet | null,
  input: { serverKey: Uint8Array; typedUserId: string; policy: SsprPolicy },
): readonly string[] {
  const pool = questionPool(input.policy.questions).map((question) => question.id);
  const standIn = inertQuestionSet(input.serverKey, input.typedUserId, pool, input.policy.questions.toRegister);
  return own?.askable ?? standIn;
}

/** A fresh draw of `toReset` questions from `set`, as the step data the flow saves. */
export function drawnStepData(set: readonly string[], policy: SsprPolicy, random: Random): StepData {
  return { [DRAWN_KEY]: drawQuestions(set, policy.questions.toReset, random) };
}

/** The question ids a step's data holds; none when it holds no draw. */
export function drawnQuestionIds(stepData: StepData | null): readonly string[] {
  const drawn = stepData?.[DRAWN_KEY];
  return Array.isArray(drawn) ? drawn.filter((id): id is string => typeof id === "string") : [];
}
