/**
 * The phones at a reset gate (SPEC §4.1, §4.3, §6.4, §6.6): text the mobile (`sms`), call it (`voice_mobile`), call
 * the office phone (`voice_office`). At both gates the user types the full number; a 6-digit code goes out only when
 * it equals a verified number. One mobile row (stored under `sms`) serves texts and calls alike. Texts and calls
 * count in A2 (each typed number and each resend), R2, O1 and O2 (code-issue.ts); their words are registration's
 * (`phone-code` and `phone-call`, built by domain/phone-messages.ts when the worker sends them).
 */
import { phoneGateMask } from "../../domain/flows/reset/gate-two-offer.js";
import type { CodeMessageInput, VerificationMethod } from "../../domain/methods/method-port.js";
import type { OutboxDraft, CodeKeys } from "../../domain/ports.js";
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import type { Random } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import { createCodeChallenges } from "../code-method/code-challenge.js";
import { createSentCodeMethod } from "../code-method/sent-code-method.js";
import { GATE_PHONE_MAX_LENGTH, readGatePhone, readInternationalPhone } from "./phone-gate-number.js";
import { PHONE_CODE_LENGTH, type PhoneChannel } from "./phone-registration.js";

/** The gate ids of the phones. */
export type PhoneGateId = "sms" | "voice_mobile" | "voice_office";

/** How each phone gate reaches its number, and which directory attribute may prefill the number. */
const PHONE_GATES: Readonly<
  Record<PhoneGateId, { readonly channel: PhoneChannel; readonly prefillFrom: "mobile" | "office_phone" }>
> = {
  sms: { channel: "sms", prefillFrom: "mobile" },
  voice_mobile: { channel: "voice", prefillFrom: "mobile" },
  voice_office: { channel: "voice", prefillFrom: "office_phone" },
};

/**
 * The text or call carrying a gate's code, as registration's are: the `phone-code` text with its autofill line, or
 * the `phone-call` script with the office extension dialled after the answer.
 */
export function phoneCodeDraft(channel: PhoneChannel, input: CodeMessageInput): OutboxDraft {
  const { target, code, flow, orgName, now } = input;
  return {
    channel,
    template: channel === "sms" ? "phone-code" : "phone-call",
    recipient: target.value,
    lang: flow.lang,
    data:
      channel === "sms"
        ? { orgName, code, expiresInMinutes: CODE_RULES.ttlSeconds / 60 }
        : { orgName, code, extension: target.method === "voice_office" ? (target.extension ?? "") : "" },
    // A code that arrives after it expires only confuses (STYLE §7).
    notAfter: secondsAfter(now, CODE_RULES.ttlSeconds),
    userRef: flow.userRef,
    flowId: flow.id,
  };
}

/** The phone gate `id` over the server's code keys. */
export function createPhoneGateMethod(
  id: PhoneGateId,
  deps: { codeKeys: CodeKeys; random: Random },
): VerificationMethod {
  const { channel, prefillFrom } = PHONE_GATES[id];
  const base = createSentCodeMethod({
    id,
    registration: { proof: "verified_contact", prefillFrom, maxPerUser: 1 },
    gatePositions: [1, 2],
    codeLength: () => PHONE_CODE_LENGTH,
    contactField: { name: "phone", input: "tel", maxLength: GATE_PHONE_MAX_LENGTH },
    maskAtGate2: phoneGateMask,
    // SPEC §6.6: phones still need the full number at gate 2.
    sendsWithoutTypingAtGate2: false,
    sendCounter: "A2",
    challenges: createCodeChallenges({ method: id, ...deps }),
    channel,
    normaliseContact: readInternationalPhone,
    draftCodeMessage: (input) => phoneCodeDraft(channel, input),
  });
  return {
    ...base,
    // A typed number is read with the policy's home country (phone-gate-number.ts); the rest is the shared part's.
    submit: (step, fields, policy) => {
      if (step !== "enter_contact") return base.submit(step, fields, policy);
      // `/reset/contact` and API v1's `submitContact` name the typed value `address` whatever the method.
      const contact = readGatePhone(fields["phone"] ?? fields["address"] ?? "", policy);
      return contact === null ? { kind: "invalid", notice: "contact_invalid" } : { kind: "send_code", contact };
    },
  };
}

/**
 * The phone gates the configured channels can serve: texts need the SMS channel, calls the voice channel. A gate
 * with no channel would send nothing, ever, so it is not registered (and no gate offers it).
 */
export function phoneGateMethods(
  channels: { readonly sms: boolean; readonly voice: boolean },
  deps: { codeKeys: CodeKeys; random: Random },
): VerificationMethod[] {
  const ids: PhoneGateId[] = [
    ...(channels.sms ? (["sms"] as const) : []),
    ...(channels.voice ? (["voice_mobile", "voice_office"] as const) : []),
  ];
  return ids.map((id) => createPhoneGateMethod(id, deps));
}
