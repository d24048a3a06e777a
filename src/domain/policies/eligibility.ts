/** SPEC §6.3 checks 4–9: whether an identified account gets a real flow, and how many gates it needs. */
import type { MethodId } from "../methods.js";
import type { ReasonCode } from "../reasons.js";
import { isPrivileged, type UserAccount } from "../users.js";
import { enabledMethods, type SsprPolicy } from "./sspr-policy.js";

export interface Eligibility {
  /** Why the flow must be inert, or why it stops after gate 1 (SND-107 with ≥ 1 usable method). */
  readonly reason: ReasonCode | null;
  /** True when no gate can ever be passed (SPEC §6.4). */
  readonly inert: boolean;
  readonly gatesRequired: 1 | 2;
  /** Methods the user has verified and the policy (or the admin policy) allows. */
  readonly usableMethods: readonly MethodId[];
}

/** Verified method kinds the policy allows for this user; privileged users never get questions. */
export function usableMethodsOf(user: UserAccount, verifiedKinds: readonly MethodId[], policy: SsprPolicy): MethodId[] {
  const allowed = enabledMethods(policy);
  const kinds = [...new Set(verifiedKinds)];
  return isPrivileged(user) ? kinds.filter((kind) => kind !== "questions") : kinds.filter((k) => allowed.includes(k));
}

function accountReason(user: UserAccount | null, policy: SsprPolicy): ReasonCode | null {
  if (user === null) return "SND-101";
  if (!user.enabled) return "SND-103";
  if (user.adminLocked) return "SND-411";
  if (user.securityHold) return "SND-306";
  if (policy.scope === "none") return "SND-104";
  const inScope = policy.scope === "all" || user.groups.some((group) => policy.scopeGroups.includes(group));
  if (!inScope || user.groups.some((group) => policy.excludedGroups.includes(group))) return "SND-106";
  if (isPrivileged(user) && !policy.admins.ssprAllowed) return "SND-108";
  return null;
}

/** Runs checks 4–9 against the current policy. */
export function checkEligibility(
  user: UserAccount | null,
  verifiedKinds: readonly MethodId[],
  policy: SsprPolicy,
): Eligibility {
  const gatesRequired: 1 | 2 = user !== null && isPrivileged(user) ? 2 : policy.methodsToReset;
  const reason = accountReason(user, policy);
  if (user === null || reason !== null) return { reason, inert: true, gatesRequired, usableMethods: [] };
  const usableMethods = usableMethodsOf(user, verifiedKinds, policy);
  if (usableMethods.length === 0) return { reason: "SND-107", inert: true, gatesRequired, usableMethods };
  const enough = usableMethods.length >= gatesRequired;
  return { reason: enough ? null : "SND-107", inert: false, gatesRequired, usableMethods };
}
