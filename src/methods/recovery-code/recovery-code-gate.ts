/**
 * A recovery code at a reset gate (SPEC §18; ADR 0019): the user types one code of their set; its lookup id finds
 * the one unspent row, one keyed hash decides, and a match is spent at once, so a code works once however many
 * requests race with it.
 *
 * Equal work: every check computes exactly one HMAC-SHA-256, against the row's hash or against a hash nothing
 * matches (no set, no such lookup id, an inert flow, a code that is not a code's shape), and every check of a
 * well-formed code makes the one lookup, under the flow's account or, for an inert flow, under no account. What a
 * wrong, a spent, an unknown and an inert code cost and answer is the same: SND-216.
 *
 * A typed code that cannot be a recovery code (a letter outside the alphabet, the wrong length) is judged like a
 * wrong one, counted first as every check is (A1, A2), as the step-up in My security info does: the field accepts
 * any case and any separator, so what does not parse was mistyped, and answering it apart would be a free guess.
 */
import type { GateCheck, GateVerdict, VerificationMethod } from "../../domain/methods/method-port.js";
import type { CodeKeys } from "../../domain/ports.js";
import type { RecoveryCodeStore } from "../../domain/registration/registration-ports.js";
import { matchRecoveryCode, parseTypedRecoveryCode, type TypedRecoveryCode } from "../../domain/recovery-codes.js";
import type { Random } from "../../lib/random.js";
import { createDeviceCodeGate } from "../code-method/device-code-gate.js";

/** Room for a code pasted with spaces or dashes (`K7QM-XR4T-9HCW-P2ND-5FGA` is 24 characters). */
export const RECOVERY_CODE_FIELD_MAX_LENGTH = 64;
/** The account ref an inert flow's lookup runs under: no account has it, so the lookup finds nothing. */
const NO_ACCOUNT = "";
/** Compared against when the typed text is no code: a lookup id no code has, so it cannot match. */
const NOT_A_CODE: TypedRecoveryCode = { lookup: "", secret: "" };

export interface RecoveryCodeGateDeps {
  readonly codeKeys: CodeKeys;
  readonly random: Random;
  readonly recoveryCodes: Pick<RecoveryCodeStore, "findUnspent" | "spend">;
}

export function createRecoveryCodeGate(deps: RecoveryCodeGateDeps): VerificationMethod {
  const wrong: GateVerdict = { passed: false, reason: "SND-216" };

  /** The user's set's unspent row with the typed lookup id, or null; one lookup for every well-formed code. */
  const findCandidate = async (check: GateCheck, typed: TypedRecoveryCode | null) => {
    if (typed === null) return null;
    const set = check.targets[0] ?? null;
    const found = await deps.recoveryCodes.findUnspent(check.userRef ?? NO_ACCOUNT, typed.lookup);
    return found !== null && set !== null && found.methodId === set.id ? found : null;
  };

  const verify = async (check: GateCheck): Promise<GateVerdict> => {
    const typed = parseTypedRecoveryCode(check.proof["code"] ?? "");
    const candidate = await findCandidate(check, typed);
    const key = deps.codeKeys.get(candidate?.keyId ?? deps.codeKeys.currentId);
    if (!matchRecoveryCode(candidate, typed ?? NOT_A_CODE, key) || candidate === null) return wrong;
    // Spent here, before the gate passes: of two requests with one code, one sees true.
    if (!(await deps.recoveryCodes.spend(candidate.methodId, candidate.lookup, check.now))) return wrong;
    return { passed: true, proved: candidate.methodId };
  };

  return createDeviceCodeGate(deps, {
    id: "recovery_code",
    fieldMaxLength: RECOVERY_CODE_FIELD_MAX_LENGTH,
    // Letters and digits in groups, not a number of digits: the page gives the field its own label and keyboard.
    codeDigits: null,
    submit: (fields) => ({ kind: "check", proof: { code: fields["code"] ?? "" } }),
    verify,
  });
}
