/** The email method at registration and step-up: the same code email as a reset gate's, sent to the typed address. */
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import type { ContactCodeSender } from "../../domain/registration/contact-codes.js";
import { secondsAfter } from "../../lib/time.js";

/** Registration codes are 8 digits, as a gate's by default; the policy's 6 applies to gates only. */
const REGISTRATION_CODE_LENGTH = 8;

export const emailCodeSender: ContactCodeSender = {
  method: "email",
  channel: "email",
  codeLength: REGISTRATION_CODE_LENGTH,
  draft: ({ target, code, caller, orgName, now }) => ({
    channel: "email",
    template: "reset-code",
    recipient: target,
    lang: caller.lang,
    data: {
      orgName,
      code,
      expiresInMinutes: CODE_RULES.ttlSeconds / 60,
      requestedAt: now.toISOString(),
      client: caller.client,
    },
    notAfter: secondsAfter(now, CODE_RULES.ttlSeconds),
    userRef: caller.user.ref,
    flowId: null,
  }),
};
