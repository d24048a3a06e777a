/** SPEC §6.3 checks 4–9: whether an identified account gets a real flow, and how many gates it needs. */
import type { RegistrableKind } from "../methods.js";
import type { VerifiedMethod } from "../ports.js";
import type { ReasonCode } from "../reasons.js";
import { readinessOf } from "../registration/readiness.js";
import type { UserAccount } from "../users.js";
import { notEnabledReason } from "./enablement.js";
import type { SsprPolicy } from "./sspr-policy.js";

export interface Eligibility {
  /** Why the flow must be inert, or why it stops after gate 1 (SND-107 with ≥ 1 usable method). */
  readonly reason: ReasonCode | null;
  /** True when no gate can ever be passed (SPEC §6.4). */
  readonly inert: boolean;
  readonly gatesRequired: 1 | 2;
  /** Kinds of method the user has verified that a gate of this build accepts under the policy (SPEC §5.3 Capable). */
  readonly usableKinds: readonly RegistrableKind[];
}

/** Check 4 and the part of check 5 that is Sandi's own state: an admin lock or a security hold. */
function accountStateReason(user: UserAccount | null): ReasonCode | null {
  if (user === null) return "SND-101";
  if (!user.enabled) return "SND-103";
  if (user.adminLocked) return "SND-411";
  if (user.securityHold) return "SND-306";
  return null;
}

/**
 * Runs checks 4–9 against the current policy. `gateKinds` are the kinds this build's gates accept (the method
 * registry's): usable methods are counted exactly as the readiness panel counts Capable, so a user told "you can
 * reset your password" can.
 */
export function checkEligibility(
  user: UserAccount | null,
  verified: readonly VerifiedMethod[],
  policy: SsprPolicy,
  gateKinds: readonly RegistrableKind[],
): Eligibility {
  const readiness =
    user === null ? null : readinessOf({ user, methods: verified, policy, available: gateKinds, gateKinds });
  const gatesRequired: 1 | 2 = readiness?.privileged === true ? 2 : policy.methodsToReset;
  const reason = accountStateReason(user) ?? (user === null ? null : notEnabledReason(user, policy));
  if (readiness === null || reason !== null) return { reason, inert: true, gatesRequired, usableKinds: [] };
  const usableKinds = readiness.usableKinds;
  if (usableKinds.length === 0) return { reason: "SND-107", inert: true, gatesRequired, usableKinds };
  const enough = usableKinds.length >= gatesRequired;
  return { reason: enough ? null : "SND-107", inert: false, gatesRequired, usableKinds };
}
