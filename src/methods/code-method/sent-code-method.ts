/**
 * A method whose code Sandi sends (email now; SMS and voice later): the user types the full contact value, a code
 * goes out only if it matches a verified one, then the user types the code. The flow runs the counters.
 */
import type {
  CodeDelivery,
  GatePosition,
  MethodStepDescriptor,
  MethodStepId,
  RegistrationNeeds,
  VerificationMethod,
} from "../../domain/methods/method-port.js";
import type { MethodId } from "../../domain/methods.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import type { CodeChallenges } from "./code-challenge.js";
import { normaliseCode } from "./code-challenge.js";

/** What a sent-code method adds to the shared part. */
export interface SentCodeMethodSpec {
  readonly id: MethodId;
  readonly registration: RegistrationNeeds;
  readonly gatePositions: readonly GatePosition[];
  readonly codeLength: (policy: SsprPolicy) => number;
  /** How the contact field reads: an email address now. */
  readonly contactField: { readonly input: "email"; readonly maxLength: number };
  readonly challenges: CodeChallenges;
  readonly channel: CodeDelivery["channel"];
  readonly normaliseContact: CodeDelivery["normaliseContact"];
  readonly draftCodeMessage: CodeDelivery["draftCodeMessage"];
}

const CODE_FIELD_MAX_LENGTH = 16;

/** The sent-code method `spec` describes. */
export function createSentCodeMethod(spec: SentCodeMethodSpec): VerificationMethod {
  const describeStep = (step: MethodStepId, policy: SsprPolicy): MethodStepDescriptor => ({
    method: spec.id,
    step,
    fields:
      step === "enter_contact"
        ? [{ name: "address", input: spec.contactField.input, maxLength: spec.contactField.maxLength }]
        : [{ name: "code", input: "one_time_code", maxLength: CODE_FIELD_MAX_LENGTH }],
    // Gate 1 never shows the target: the user proves it by typing it in full (SPEC §6.6).
    maskedTarget: null,
    codeLength: spec.codeLength(policy),
    codeSource: "sent",
    assets: [],
  });
  return {
    id: spec.id,
    kind: "sent_code",
    registration: spec.registration,
    gatePositions: spec.gatePositions,
    steps: ["enter_contact", "enter_code"],
    codeLength: spec.codeLength,
    describeStep,
    opensWithChallenge: false,
    begin: () => null,
    submit: (step, fields, policy) => {
      if (step === "enter_contact") {
        const contact = spec.normaliseContact(fields.address ?? "");
        return contact === null ? { kind: "invalid", notice: "contact_invalid" } : { kind: "send_code", contact };
      }
      const code = normaliseCode(fields.code ?? "", spec.codeLength(policy));
      return code === null ? { kind: "invalid", notice: "code_invalid" } : { kind: "check_code", code };
    },
    verify: (challenge, code) => spec.challenges.verify(challenge, code),
    targetOf: (challenge) => challenge.targetRef,
    delivery: {
      channel: spec.channel,
      stepAfterSend: "enter_code",
      normaliseContact: spec.normaliseContact,
      issue: (request) => spec.challenges.issueRandom(request, spec.codeLength(request.policy)),
      draftCodeMessage: spec.draftCodeMessage,
    },
  };
}
