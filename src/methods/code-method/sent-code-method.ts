/**
 * A method whose code Sandi sends (email now; SMS and voice later): the user types the full contact value, a code
 * goes out only if it matches a verified one, then the user types the code. The flow runs the counters.
 */
import type {
  CodeDelivery,
  GateOpening,
  GatePosition,
  GateVerdict,
  MethodStepDescriptor,
  MethodStepId,
  RegistrationNeeds,
  VerificationMethod,
} from "../../domain/methods/method-port.js";
import type { MethodId } from "../../domain/methods.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import { CODE_RULES } from "../../domain/policies/attempt-policy.js";
import type { CodeChallenges } from "./code-challenge.js";
import { normaliseCode } from "./code-challenge.js";

/** What a sent-code method adds to the shared part. */
export interface SentCodeMethodSpec {
  readonly id: MethodId;
  readonly registration: RegistrationNeeds;
  readonly gatePositions: readonly GatePosition[];
  readonly codeLength: (policy: SsprPolicy) => number;
  /** How the contact field reads: an email address or a phone number. */
  readonly contactField: {
    readonly name: "address" | "phone";
    readonly input: "email" | "tel";
    readonly maxLength: number;
  };
  /** The target as gate 2 shows it (SPEC §4.2: `b***@g***.com`, "ending in 12"). */
  readonly maskAtGate2: (value: string) => string;
  /** Gate 2 sends to the shown target without typing (email); phones are typed in full at both gates (SPEC §6.6). */
  readonly sendsWithoutTypingAtGate2: boolean;
  readonly sendCounter: CodeDelivery["sendCounter"];
  readonly challenges: CodeChallenges;
  readonly channel: CodeDelivery["channel"];
  readonly normaliseContact: CodeDelivery["normaliseContact"];
  readonly draftCodeMessage: CodeDelivery["draftCodeMessage"];
}

const CODE_FIELD_MAX_LENGTH = 16;

/** A sent code's comparison as a verdict: a wrong code is SND-201 (the flow finds void and expired codes first). */
export function verdictOf(matched: boolean): GateVerdict {
  return matched ? { passed: true, proved: null } : { passed: false, reason: "SND-201" };
}

/** The sent-code method `spec` describes. */
export function createSentCodeMethod(spec: SentCodeMethodSpec): VerificationMethod {
  const fieldsOf = (step: MethodStepId): MethodStepDescriptor["fields"] => {
    if (step === "enter_contact") return [{ ...spec.contactField }];
    if (step === "confirm_send") return [];
    return [{ name: "code", input: "one_time_code", maxLength: CODE_FIELD_MAX_LENGTH }];
  };
  const describeStep: VerificationMethod["describeStep"] = (step, { policy, stepData }) => ({
    method: spec.id,
    step,
    fields: fieldsOf(step),
    // Gate 1 never shows the target: the user proves it by typing it in full (SPEC §6.6). Gate 2 may.
    maskedTarget: typeof stepData?.["maskedTarget"] === "string" ? stepData["maskedTarget"] : null,
    codeLength: spec.codeLength(policy),
    codeSource: "sent",
    assets: [],
    ceremony: null,
  });
  const begin = (request: Parameters<VerificationMethod["begin"]>[0]): Promise<GateOpening> => {
    const [target] = request.gate >= 2 ? request.targets : [];
    if (target === undefined) return Promise.resolve({ firstStep: "enter_contact", challenge: null, stepData: null });
    return Promise.resolve({
      firstStep: spec.sendsWithoutTypingAtGate2 ? "confirm_send" : "enter_contact",
      challenge: null,
      stepData: { maskedTarget: spec.maskAtGate2(target.value) },
    });
  };
  return {
    id: spec.id,
    kind: "sent_code",
    registration: spec.registration,
    gatePositions: spec.gatePositions,
    steps: ["enter_contact", "confirm_send", "enter_code"],
    codeLength: spec.codeLength,
    describeStep,
    attemptsPerChallenge: CODE_RULES.maxAttempts,
    checkCounter: null,
    begin,
    submit: (step, fields, policy) => {
      if (step === "confirm_send") return { kind: "send_code", contact: null };
      if (step === "enter_contact") {
        // `/reset/contact` and API v1's `submitContact` name the typed value `address` whatever the method.
        const contact = spec.normaliseContact(fields[spec.contactField.name] ?? fields["address"] ?? "");
        return contact === null ? { kind: "invalid", notice: "contact_invalid" } : { kind: "send_code", contact };
      }
      const code = normaliseCode(fields["code"] ?? "", spec.codeLength(policy));
      return code === null ? { kind: "invalid", notice: "code_invalid" } : { kind: "check", proof: { code } };
    },
    verify: (check) => Promise.resolve(verdictOf(spec.challenges.verify(check.challenge, check.proof["code"] ?? ""))),
    targetOf: (challenge) => challenge.targetRef,
    delivery: {
      channel: spec.channel,
      stepAfterSend: "enter_code",
      sendCounter: spec.sendCounter,
      normaliseContact: spec.normaliseContact,
      issue: (request) => spec.challenges.issueRandom(request, spec.codeLength(request.policy)),
      draftCodeMessage: spec.draftCodeMessage,
    },
  };
}
