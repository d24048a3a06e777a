/**
 * SPEC §3's validation on save, V1–V10, split by level: a "block" stops the save, a "warn" needs the admin's
 * explicit confirmation. The block rules live in sspr-policy.ts's `checkPolicy` (with the question, banned-term and
 * targeting checks it calls); the warn rules are here and in policy-warnings.ts. Pure: V10's numbers come in.
 */
import { type MethodId, kindsServedBy } from "../methods.js";
import { type PhoneDelivery, policyWarnings } from "./policy-warnings.js";
import { checkPolicy, type PolicyViolation, type SsprPolicy } from "./sspr-policy.js";

/** V10: how many users could reset under the live policy and could not under the draft (admins counted apart). */
export interface ResetLoss {
  readonly users: number;
  readonly admins: number;
}

export interface ValidationFacts {
  /** The methods this build implements: the policy may enable only these. */
  readonly available: readonly MethodId[];
  /** Which phone channels the configuration can send by (V6, V7). */
  readonly phones: PhoneDelivery;
  /** V10's count, or null when nobody counted (the warning then is not given). */
  readonly loss: ResetLoss | null;
}

/** A rule's finding with the numbers its message shows (V10's counts). */
export interface PolicyFinding extends PolicyViolation {
  readonly values?: Readonly<Record<string, number>>;
}

export interface PolicyValidation {
  readonly blocks: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
}

/** Whether a method can reach anyone: a phone method needs its channel configured, the rest need nothing. */
function canDeliver(id: MethodId, phones: PhoneDelivery): boolean {
  if (id === "sms") return phones.sms;
  if (id === "voice_mobile" || id === "voice_office") return phones.voice;
  return true;
}

/**
 * V7: privileged users need two gates of different non-question kinds (SPEC §2), from any method this build can
 * deliver whether or not the user policy has it on; with fewer than two kinds, admins cannot use SSPR.
 */
function adminGateWarning(policy: SsprPolicy, facts: ValidationFacts): PolicyFinding[] {
  if (!policy.admins.ssprAllowed) return [];
  const delivering = facts.available.filter((id) => id !== "questions" && canDeliver(id, facts.phones));
  if (kindsServedBy(delivering).length >= 2) return [];
  return [{ rule: "V7", path: "admins.ssprAllowed", message: "fewer than 2 non-question methods can deliver" }];
}

/** V10, when counted: a loss must be confirmed, with its numbers. */
function lossWarning(loss: ResetLoss | null): PolicyFinding[] {
  if (loss === null || loss.users === 0) return [];
  return [
    {
      rule: "V10",
      path: "methods",
      message: `${String(loss.users)} users who can reset today would lose it (${String(loss.admins)} admins)`,
      values: { count: loss.users, admins: loss.admins },
    },
  ];
}

/** Every block and warning for `draft`. */
export function validatePolicy(draft: SsprPolicy, facts: ValidationFacts): PolicyValidation {
  return {
    blocks: checkPolicy(draft, facts.available),
    warnings: [...policyWarnings(draft, facts.phones), ...adminGateWarning(draft, facts), ...lossWarning(facts.loss)],
  };
}
