/** The email method at a reset gate: a keyed-hash code sent only to a verified address the user typed in full. */
import type { CodeMethod } from "../../domain/flows/reset/reset-deps.js";
import { normaliseEmailAddress } from "../../domain/email-address.js";
import type { CodeKeys } from "../../domain/ports.js";
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacCode } from "../../lib/crypto/hmac-code.js";
import { type Random, randomDigits } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";

/** Creates the email code method over the server's code keys. */
export function createEmailCodeMethod(deps: { codeKeys: CodeKeys; random: Random }): CodeMethod {
  const { codeKeys, random } = deps;
  return {
    id: "email",
    normaliseContact: (typed) => (typed.length > 254 ? null : normaliseEmailAddress(typed)),
    codeLength: (policy) => policy.emailCodeLength,
    issueChallenge: ({ flowId, gate, target, codeLength, now }) => {
      const id = toBase64url(random.bytes(16));
      const code = target === null ? null : randomDigits(random, codeLength);
      const key = codeKeys.get(codeKeys.currentId);
      const challenge = {
        id,
        flowId,
        gate,
        method: "email" as const,
        codeHmac: code === null ? null : hmacCode(key, id, code),
        targetRef: target?.id ?? null,
        keyId: codeKeys.currentId,
        attempts: 0,
        expiresAt: secondsAfter(now, CODE_RULES.ttlSeconds),
        consumedAt: null,
        voidedAt: null,
        createdAt: now,
      };
      return { challenge, code };
    },
    isCodeRight: (challenge, typedCode) => {
      const submitted = hmacCode(codeKeys.get(challenge.keyId), challenge.id, typedCode);
      // Equal work for a challenge without a code: compare against a digest no code can produce.
      const stored = challenge.codeHmac ?? new Uint8Array(submitted.length).fill(0);
      return constantTimeEqual(submitted, stored) && challenge.codeHmac !== null;
    },
    draftCodeMessage: ({ target, code, flow, client, orgName, now }) => ({
      channel: "email",
      template: "reset-code",
      recipient: target.value,
      lang: flow.lang,
      data: {
        orgName,
        code,
        expiresInMinutes: CODE_RULES.ttlSeconds / 60,
        requestedAt: now.toISOString(),
        client,
      },
      // A code that arrives after it expires only confuses (STYLE §7).
      notAfter: secondsAfter(now, CODE_RULES.ttlSeconds),
      userRef: flow.userRef,
      flowId: flow.id,
    }),
  };
}
