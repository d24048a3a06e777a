/**
 * The verification method port (SPEC §4.1, §6.6): what a method is, what its gate step shows, and what a submission
 * at that step means. The reset flow knows only this port; a method's own data lives in its challenge.
 */
import { METHOD_IDS, type MethodId } from "../methods.js";
import type { MessageChannel } from "../messages.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { Challenge, Language, OutboxDraft, VerifiedMethod } from "../ports.js";
import type { ReasonCode } from "../reasons.js";
import type { MethodStepId, StepData } from "./method-steps.js";

/**
 * How a method proves the user: a code Sandi sends (email, SMS, voice), a code the user's own device makes
 * (authenticator app), a key ceremony (passkey), or answers (security questions).
 */
export type MethodKind = "sent_code" | "device_code" | "passkey" | "questions";

export { METHOD_STEP_IDS, type MethodStepId, type StepData } from "./method-steps.js";

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
  /** `address` (email), `phone`, `code`, `answer-<question id>`, or `credential` (a passkey's response JSON). */
  readonly name: string;
  readonly input: "email" | "tel" | "one_time_code" | "answer" | "passkey";
  readonly maxLength: number;
  /** The question a field answers (`answer` inputs); its text comes from the policy's pool in the page's language. */
  readonly questionId?: string;
  /** A custom question's texts as the policy holds them (built-in ones live in the catalogs); absent otherwise. */
  readonly customQuestion?: { readonly en: string | null; readonly id_: string | null };
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
  /** Extra page assets the step needs (the passkey ceremony's script). */
  readonly assets: readonly string[];
  /** Public data the step's script needs (a passkey ceremony's request options as JSON); null for none. */
  readonly ceremony: string | null;
}

/** What a submission means, decided by the method; the flow carries it out under the shared counters. */
export type MethodSubmission =
  | {
      readonly kind: "invalid";
      readonly notice: "contact_invalid" | "code_invalid" | "answers_invalid" | "credential_invalid";
    }
  /**
   * Send a code to `contact` if it matches a verified value of this method (SPEC §6.4: the page never differs); with
   * `contact` null, to the target the gate already shows (email at gate 2).
   */
  | { readonly kind: "send_code"; readonly contact: string | null }
  /** Judge `proof` (a code, answers, a passkey response): counted first, then checked with equal work. */
  | { readonly kind: "check"; readonly proof: Readonly<Record<string, string>> };

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

/** What opening a gate needs: the flow, and the user's verified rows of the method's kind (none when inert). */
export interface GateRequest {
  readonly flowId: string;
  readonly gate: number;
  /** The user ID as typed, normalised (an inert flow's stand-ins are derived from it). */
  readonly typedUserId: string;
  /** The account, or null for an unknown ID. */
  readonly userRef: string | null;
  /** The user's verified rows this method serves; empty for an inert flow or a user without the method. */
  readonly targets: readonly VerifiedMethod[];
  readonly policy: SsprPolicy;
  readonly lang: Language;
  readonly now: Date;
}

/** How a gate opens: the step it shows first, the challenge to store at once (or none yet), the step's data. */
export interface GateOpening {
  readonly firstStep: MethodStepId;
  readonly challenge: Challenge | null;
  readonly stepData: StepData | null;
}

/** What a method judges: the gate's challenge, what the user sent, and the same context as the opening. */
export interface GateCheck extends GateRequest {
  readonly challenge: Challenge;
  readonly proof: Readonly<Record<string, string>>;
  readonly stepData: StepData | null;
}

/** A method's judgement: passed (and the verified row it proved, to mark used), or why not. */
export type GateVerdict =
  | { readonly passed: true; readonly proved: string | null }
  | {
      readonly passed: false;
      readonly reason: ReasonCode;
      /** The step's new data (a fresh draw of questions, a new ceremony); undefined keeps the current one. */
      readonly stepData?: StepData | null;
    };

/** The message carrying a sent code. */
export interface CodeMessageInput {
  readonly target: VerifiedMethod;
  readonly code: string;
  readonly flow: { readonly id: string; readonly userRef: string | null; readonly lang: Language };
  readonly client: string;
  readonly orgName: string;
  readonly now: Date;
}

/** The part of a method that sends its code: email, SMS, voice. */
export interface CodeDelivery {
  /** The channel its messages travel by. */
  readonly channel: MessageChannel;
  /** The step the gate moves to once a code went out (or seemed to): where the code is typed. */
  readonly stepAfterSend: MethodStepId;
  /** The account counter each send counts in (SPEC §8.1: A3 for email codes, A2 for texts and calls). */
  readonly sendCounter: "A2" | "A3";
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
  /** Every step its gates may show. */
  readonly steps: readonly MethodStepId[];
  /** The digits of its codes under `policy` (0 for a method without codes). */
  codeLength(policy: SsprPolicy): number;
  /** What to show at `step`, from the policy and the step's saved data. */
  describeStep(step: MethodStepId, context: { policy: SsprPolicy; stepData: StepData | null }): MethodStepDescriptor;
  /**
   * Wrong submissions one challenge takes before it is void (SPEC §4.1: 3 for a sent code); null when only the
   * account counters bound them (an app code, answers, a passkey).
   */
  readonly attemptsPerChallenge: number | null;
  /** The account counter every check counts in, passed or not (SPEC §8.1 A2: app, questions, passkey), or null. */
  readonly checkCounter: "A2" | null;
  /**
   * Opens the gate: the first step, a challenge when the gate needs one before any input (a device code, questions,
   * a passkey ceremony), and the step's data. Equal work and an identical opening for an inert flow or a user
   * without the method (`targets` empty).
   */
  begin(request: GateRequest): Promise<GateOpening>;
  /** What the typed `fields` at `step` ask the flow to do. */
  submit(step: MethodStepId, fields: Readonly<Record<string, string>>, policy: SsprPolicy): MethodSubmission;
  /**
   * Judges a check with equal work whether or not it can pass. A method with state of its own (an app's last step,
   * a spent recovery code, a passkey's counter) moves it on atomically here, so a replay cannot pass twice.
   */
  verify(check: GateCheck): Promise<GateVerdict>;
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
