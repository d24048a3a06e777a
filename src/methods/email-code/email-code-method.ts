/** The email method at a reset gate: a keyed-hash code sent only to a verified address the user typed in full. */
import type { VerificationMethod } from "../../domain/methods/method-port.js";
import { normaliseEmailAddress } from "../../domain/email-address.js";
import { maskRecipient } from "../../domain/messages.js";
import type { CodeKeys } from "../../domain/ports.js";
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import type { Random } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import { createCodeChallenges } from "../code-method/code-challenge.js";
import { createSentCodeMethod } from "../code-method/sent-code-method.js";

const MAX_ADDRESS_LENGTH = 254;

/** Creates the email code method over the server's code keys. */
export function createEmailCodeMethod(deps: { codeKeys: CodeKeys; random: Random }): VerificationMethod {
  return createSentCodeMethod({
    id: "email",
    registration: { proof: "verified_contact", prefillFrom: "email", maxPerUser: 1 },
    gatePositions: [1, 2],
    codeLength: (policy) => policy.emailCodeLength,
    contactField: { name: "address", input: "email", maxLength: MAX_ADDRESS_LENGTH },
    maskAtGate2: (value) => maskRecipient("email", value),
    sendsWithoutTypingAtGate2: true,
    sendCounter: "A3",
    challenges: createCodeChallenges({ method: "email", ...deps }),
    channel: "email",
    normaliseContact: (typed) => (typed.length > MAX_ADDRESS_LENGTH ? null : normaliseEmailAddress(typed)),
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
  });
}
