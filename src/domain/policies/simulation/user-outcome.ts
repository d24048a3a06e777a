/**
 * What one policy decides for one person, through the same functions the reset, the readiness panel and the
 * interrupt use (eligibility.ts, enablement.ts, readiness.ts, interrupt.ts): the simulation never restates a rule,
 * so whatever those functions learn (per-method targeting, say) the simulation inherits. Pure.
 */
import type { RegistrableKind } from "../../methods.js";
import type { ReasonCode } from "../../reasons.js";
import { interruptFor } from "../../registration/interrupt.js";
import { readinessOf } from "../../registration/readiness.js";
import { checkEligibility } from "../eligibility.js";
import { notEnabledReason } from "../enablement.js";
import type { SsprPolicy } from "../sspr-policy.js";
import type { PopulationMember } from "./population.js";

export interface UserOutcome {
  /** SPEC §2: privileged users fall under the admin policy and are counted apart. */
  readonly privileged: boolean;
  /** SPEC §3 scope: the policy's scope is not None, the user is in a scope group (nested) and not excluded. */
  readonly inScope: boolean;
  /** SPEC §5.3 Registered. */
  readonly registered: boolean;
  /** SPEC §5.3 Capable (Enabled and enough usable methods). */
  readonly capable: boolean;
  /** SPEC §5.2: the registration interrupt would show at the next sign-in. */
  readonly interrupted: boolean;
  /** The reset's own answer (SPEC §6.3 checks 4–9): null when a reset would go through, else why not. */
  readonly resetReason: ReasonCode | null;
}

/** The kinds of this build: what users may register, and what a reset gate accepts. */
export interface BuildKinds {
  readonly available: readonly RegistrableKind[];
  readonly gateKinds: readonly RegistrableKind[];
}

/**
 * SPEC §6.3 puts "enabled" (check 5) before scope (check 6): asking the same function about the account as if it
 * were enabled tells whether the policy's scope takes the person in, whatever the account's own state.
 */
function inScopeOf(member: PopulationMember, policy: SsprPolicy): boolean {
  const reason = notEnabledReason({ ...member.user, enabled: true }, policy);
  return reason !== "SND-104" && reason !== "SND-106";
}

/** The outcome of `policy` for `member` at `now`. */
export function outcomeOf(member: PopulationMember, policy: SsprPolicy, kinds: BuildKinds, now: Date): UserOutcome {
  const { user, methods } = member;
  const readiness = readinessOf({ user, methods, policy, available: kinds.available, gateKinds: kinds.gateKinds });
  const eligibility = checkEligibility(user, methods, policy, kinds.gateKinds);
  const interrupt = interruptFor({ readiness, account: user, policy, now });
  return {
    privileged: readiness.privileged,
    inScope: inScopeOf(member, policy),
    registered: readiness.registered,
    capable: readiness.capable,
    interrupted: interrupt.show,
    resetReason: eligibility.reason,
  };
}
