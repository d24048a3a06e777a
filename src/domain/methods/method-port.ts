/**
 * The verification method port (SPEC §4.1, §6.6): what a method is, what its gate step shows, and what a submission
 * at that step means. The reset flow knows only this port; a method's own data lives in its challenge.
 */
import { METHOD_IDS, type MethodId } from "../methods.js";
import type { MessageChannel } from "../messages.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { Challenge, Language, OutboxDraft, VerifiedMethod } from "../ports.js";
import type { MethodStepId } from "./method-steps.js";

/**
 * How a method proves the user: a code Sandi sends (email, SMS, voice), a code the user's own device makes
 * (authenticator app), a key ceremony (passkey), or answers (security questions).
 */
export type MethodKind = "sent_code" | "device_code" | "passkey" | "questions";

export { METHOD_STEP_IDS, type MethodStepId } from "./method-steps.js";

/** Gate 1, or gate 2 of a two-gate reset (SPEC §6.6): the positions a method may take. */
export type GatePosition = 1 | 2;

/** What registering the method will ask of the user (SPEC §4.1's registration column). */
export interface RegistrationNeeds {
  /** A contact value Sandi verifies with a code, a secret shared with a device, a public key, or answers. */
  readonly proof: "verified_contact" | "shared_secret" | "public_key" | "answers";
  /** The directory attribute that may prefill the value, or null. */
  readonly prefillFrom: "email" | "mobile" | "office_phone" | null;
  /** How many of this method one user may register. */
  readonly maxPerUser: number;
}

/** One input of a step's form or API body. */
export interface StepField {
  readonly name: "address" | "code";
  readonly input: "email" | "one_time_code";
  readonly maxLength: number;
}

/** What a page or an API client shows at a method's step. Never contact data a gate has not yet earned. */
export interface MethodStepDescriptor {
  readonly method: MethodId;
  readonly step: MethodStepId;
  readonly fields: readonly StepField[];
  /** The target as the user may see it (gate 2's "ending in 12"); null while the user must type it in full. */
  readonly maskedTarget: string | null;
  /** Digits of the code this step asks for; null when it asks for none. */
  readonly codeLength: number | null;
  /** Where the code comes from: sent by Sandi (it can be sent again), or made by the user's device. */
  readonly codeSource: "sent" | "device" | null;
  /** Extra page assets the step needs (a passkey script, later); none so far. */
  readonly assets: readonly string[];
}

/** What a submission means, decided by the method; the flow carries it out under the shared counters. */
export type MethodSubmission =
  | { readonly kind: "invalid"; readonly notice: "contact_invalid" | "code_invalid" }
  /** Send a code to `contact` if it matches a verified value of this method (SPEC §6.4: the page never differs). */
  | { readonly kind: "send_code"; readonly contact: string }
  /** Compare `code` with the current challenge: counted first, then in constant time. */
  | { readonly kind: "check_code"; readonly code: string };

/** What a new challenge is for: a flow's gate, and the verified value it proves (null: one nobody can meet). */
export interface ChallengeRequest {
  readonly flowId: string;
  readonly gate: number;
  readonly target: VerifiedMethod | null;
  readonly policy: SsprPolicy;
  readonly now: Date;
}

/** A challenge to store, and the code to send when the method sends one (null when nothing may be sent). */
export interface IssuedChallenge {
  readonly challenge: Challenge;
  readonly code: string | null;
}

/** The message carrying a sent code. */
export interface CodeMessageInput {
  readonly target: VerifiedMethod;
  readonly code: string;
  readonly flow: { readonly id: string; readonly userRef: string | null; readonly lang: Language };
  readonly client: string;
  readonly orgName: string;
  readonly now: Date;
}

/** The part of a method that sends its code: email now; SMS and voice share it later. */
export interface CodeDelivery {
  /** The channel its messages travel by. */
  readonly channel: MessageChannel;
  /** The step the gate moves to once a code went out (or seemed to): where the code is typed. */
  readonly stepAfterSend: MethodStepId;
  /** The normalised contact value, or null when what was typed is not one. */
  normaliseContact(typed: string): string | null;
  /** A new challenge for the request's target; with no target, one nobody can meet and no code. */
  issue(request: ChallengeRequest): IssuedChallenge;
  draftCodeMessage(input: CodeMessageInput): OutboxDraft;
}

/** One verification method as the reset flow uses it. */
export interface VerificationMethod {
  readonly id: MethodId;
  readonly kind: MethodKind;
  readonly registration: RegistrationNeeds;
  readonly gatePositions: readonly GatePosition[];
  /** The steps of its gate, in order; the gate opens on the first. */
  readonly steps: readonly MethodStepId[];
  /** The digits of its codes under `policy`. */
  codeLength(policy: SsprPolicy): number;
  /** What to show at `step`. */
  describeStep(step: MethodStepId, policy: SsprPolicy): MethodStepDescriptor;
  /** True when `begin` hands back a challenge, so the flow must look up the user's verified value for it. */
  readonly opensWithChallenge: boolean;
  /**
   * Opens the gate: the challenge to store before any input (a device code's), or null when the first step asks
   * for input first (a sent code's contact value). `target` is null for an inert flow or a user without the method.
   */
  begin(request: ChallengeRequest): IssuedChallenge | null;
  /** What the typed `fields` at `step` ask the flow to do. */
  submit(step: MethodStepId, fields: Readonly<Record<string, string>>, policy: SsprPolicy): MethodSubmission;
  /** True when `code` meets `challenge`; equal work whether or not the challenge can be met. */
  verify(challenge: Challenge, code: string): boolean;
  /** The verified value a challenge proves (to mark it used, to resend to), or null. */
  targetOf(challenge: Challenge): string | null;
  /** Present on methods that send their code. */
  readonly delivery?: CodeDelivery;
}

/** The methods this build offers, chosen in compose.ts; the policy may enable only these. */
export interface MethodRegistry {
  /** Implemented method ids, in SPEC §6.4's display order. */
  readonly ids: readonly MethodId[];
  get(id: MethodId | null): VerificationMethod | undefined;
}

/** The registry over `methods`; throws on a duplicate id (a wiring mistake). */
export function createMethodRegistry(methods: readonly VerificationMethod[]): MethodRegistry {
  const byId = new Map<MethodId, VerificationMethod>();
  for (const method of methods) {
    if (byId.has(method.id)) throw new Error(`method ${method.id} registered twice`);
    byId.set(method.id, method);
  }
  return {
    ids: METHOD_IDS.filter((id) => byId.has(id)),
    get: (id) => (id === null ? undefined : byId.get(id)),
  };
}
