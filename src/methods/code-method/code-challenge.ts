/**
 * The code part every code method shares (email now; SMS, voice and the authenticator app later): a challenge holds
 * a keyed HMAC of its code, never the code, and a typed code is compared with it in constant time.
 */
import type { ChallengeRequest, IssuedChallenge } from "../../domain/methods/method-port.js";
import type { MethodId } from "../../domain/methods.js";
import type { Challenge, CodeKeys } from "../../domain/ports.js";
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacCode } from "../../lib/crypto/hmac-code.js";
import { type Random, randomDigits } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";

/** Digits only, spaces and hyphens dropped; null when it cannot be a code of this length. */
export function normaliseCode(typed: string, length: number): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  return digits.length === length && /^\d+$/.test(digits) ? digits : null;
}

/** Issues and checks the code challenges of one method. */
export interface CodeChallenges {
  /** A challenge for `code`; with `code` null (no target), one nobody can meet. */
  challengeFor(request: ChallengeRequest, code: string | null): Challenge;
  /** A fresh random code of `length` digits for the request's target, or none without a target. */
  issueRandom(request: ChallengeRequest, length: number): IssuedChallenge;
  /** Constant-time check; a challenge without a code is compared against a dummy and fails. */
  verify(challenge: Challenge, typedCode: string): boolean;
}

/** The code challenges of `method` over the server's code keys. */
export function createCodeChallenges(deps: { method: MethodId; codeKeys: CodeKeys; random: Random }): CodeChallenges {
  const { method, codeKeys, random } = deps;
  const challengeFor = (request: ChallengeRequest, code: string | null): Challenge => {
    const id = toBase64url(random.bytes(16));
    return {
      id,
      flowId: request.flowId,
      gate: request.gate,
      method,
      codeHmac: code === null ? null : hmacCode(codeKeys.get(codeKeys.currentId), id, code),
      targetRef: request.target?.id ?? null,
      keyId: codeKeys.currentId,
      attempts: 0,
      expiresAt: secondsAfter(request.now, CODE_RULES.ttlSeconds),
      consumedAt: null,
      voidedAt: null,
      createdAt: request.now,
    };
  };
  return {
    challengeFor,
    issueRandom: (request, length) => {
      const code = request.target === null ? null : randomDigits(random, length);
      return { challenge: challengeFor(request, code), code };
    },
    verify: (challenge, typedCode) => {
      const submitted = hmacCode(codeKeys.get(challenge.keyId), challenge.id, typedCode);
      // Equal work for a challenge without a code: compare against a digest no code can produce.
      const stored = challenge.codeHmac ?? new Uint8Array(submitted.length).fill(0);
      return constantTimeEqual(submitted, stored) && challenge.codeHmac !== null;
    },
  };
}
