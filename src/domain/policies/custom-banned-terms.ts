/** The custom banned list C as the policy holds it (SPEC §3 `password.customBanned`, rule V9). */
import { codePointLength, normaliseForBannedCheck } from "../passwords/normalise.js";

/** SPEC §3: at most this many custom terms. */
export const MAX_CUSTOM_BANNED_TERMS = 1000;
/** V9: a custom term's length after normalisation. */
export const CUSTOM_TERM_LENGTH = { min: 4, max: 16 } as const;

/** A validation failure, shaped as sspr-policy.ts's PolicyViolation (declared there; repeated to avoid a cycle). */
interface Violation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/**
 * V9's "duplicates dropped": terms as typed (comma- or newline-separated) become the list the policy stores,
 * normalised with §7.3 step 1 (the list is case-insensitive) and each kept once, in the order first typed.
 */
export function parseCustomBannedTerms(typed: string): string[] {
  const terms = typed
    .split(/[,\n]/u)
    .map((term) => normaliseForBannedCheck(term.trim()))
    .filter((term) => term !== "");
  return [...new Set(terms)];
}

/** V9 (block): every term is 4–16 characters after normalisation; SPEC §3 allows at most 1,000 terms. */
export function checkCustomBannedTerms(terms: readonly string[]): Violation[] {
  const violations: Violation[] = [];
  const path = "password.customBanned";
  if (terms.length > MAX_CUSTOM_BANNED_TERMS)
    violations.push({ rule: "V9", path, message: `at most ${String(MAX_CUSTOM_BANNED_TERMS)} terms` });
  const wrongLength = terms.filter((term) => {
    const length = codePointLength(normaliseForBannedCheck(term));
    return length < CUSTOM_TERM_LENGTH.min || length > CUSTOM_TERM_LENGTH.max;
  });
  if (wrongLength.length > 0)
    violations.push({
      rule: "V9",
      path,
      message: `each term must be 4–16 characters after normalisation: ${wrongLength.slice(0, 5).join(", ")}`,
    });
  return violations;
}
