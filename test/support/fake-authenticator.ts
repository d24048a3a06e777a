/**
 * A test-only method of another kind than email: no contact step, no message; the gate opens on the code step and
 * accepts one fixed code, once (its challenge is consumed like any other). It proves the flow knows only the method
 * port: registered through the registry in a test build, it runs beside email through the same journeys.
 */
import type { VerificationMethod } from "../../src/domain/methods/method-port.js";
import type { CodeKeys } from "../../src/domain/ports.js";
import type { Random } from "../../src/lib/random.js";
import { createCodeChallenges, normaliseCode } from "../../src/methods/code-method/code-challenge.js";
import { verdictOf } from "../../src/methods/code-method/sent-code-method.js";

/** The one code the fake authenticator accepts, for a user who has it registered. */
export const FAKE_AUTHENTICATOR_CODE = "246810";
const CODE_LENGTH = 6;

/** The fake authenticator under the `totp` id (the policy's `methods.authenticatorApp` switch). */
export function createFakeAuthenticator(deps: { codeKeys: CodeKeys; random: Random }): VerificationMethod {
  const challenges = createCodeChallenges({ method: "totp", ...deps });
  return {
    id: "totp",
    kind: "device_code",
    registration: { proof: "shared_secret", prefillFrom: null, maxPerUser: 5 },
    gatePositions: [1, 2],
    steps: ["enter_code"],
    codeLength: () => CODE_LENGTH,
    describeStep: (step) => ({
      method: "totp",
      step,
      fields: [{ name: "code", input: "one_time_code", maxLength: 16 }],
      maskedTarget: null,
      codeLength: CODE_LENGTH,
      codeSource: "device",
      assets: [],
      ceremony: null,
    }),
    attemptsPerChallenge: 3,
    checkCounter: null,
    // A user without the method (or an inert flow) gets a challenge nobody can meet, on the same page.
    begin: (request) => {
      const target = request.targets[0] ?? null;
      const challenge = challenges.challengeFor(
        { ...request, target },
        target === null ? null : FAKE_AUTHENTICATOR_CODE,
      );
      return Promise.resolve({ firstStep: "enter_code", challenge, stepData: null });
    },
    submit: (_step, fields) => {
      const code = normaliseCode(fields.code ?? "", CODE_LENGTH);
      return code === null ? { kind: "invalid", notice: "code_invalid" } : { kind: "check", proof: { code } };
    },
    verify: (check) => Promise.resolve(verdictOf(challenges.verify(check.challenge, check.proof["code"] ?? ""))),
    targetOf: (challenge) => challenge.targetRef,
  };
}
