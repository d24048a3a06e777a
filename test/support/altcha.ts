/** Solves ALTCHA challenges in Node, as the widget would, for API tests and the benchmark. */
import { type Challenge, type DeriveKeyFunction, solveChallenge } from "altcha-lib";
import { deriveKey as pbkdf2 } from "altcha-lib/algorithms/pbkdf2";
import { deriveKey as sha } from "altcha-lib/algorithms/sha";

function deriveKeyFor(algorithm: string): DeriveKeyFunction {
  if (algorithm.startsWith("PBKDF2/")) return pbkdf2;
  if (algorithm.startsWith("SHA-")) return sha;
  throw new Error(`no solver for ${algorithm}`);
}

/**
 * Solves `challengeJson` (what GET /altcha/challenge returned) and returns the form field the widget would post:
 * base64 of `{ challenge: { parameters, signature }, solution }`.
 */
export async function solveAltchaChallenge(challengeJson: Challenge): Promise<string> {
  const { parameters, signature } = challengeJson;
  const solution = await solveChallenge({ challenge: challengeJson, deriveKey: deriveKeyFor(parameters.algorithm) });
  if (solution === null) throw new Error("ALTCHA challenge not solved before the timeout");
  return Buffer.from(JSON.stringify({ challenge: { parameters, signature }, solution })).toString("base64");
}
