/**
 * SPEC §5.3's "Enabled" and SPEC §6.3's checks 5–8 about the account itself, in one place: the reset's eligibility
 * and the readiness panel, the interrupt and (later) the troubleshooter must never disagree about who may reset.
 * Group checks see nested membership: the directory returns every group containing the user, to depth 10.
 */
import type { ReasonCode } from "../reasons.js";
import { isPrivileged, type UserAccount } from "../users.js";
import type { SsprPolicy } from "./sspr-policy.js";

/** Why an account is not Enabled, in SPEC §6.3's order. */
export type NotEnabledReason = Extract<ReasonCode, "SND-103" | "SND-104" | "SND-106" | "SND-108" | "SND-109">;

/** The first of SPEC §6.3's checks 5 (enabled), 0a (scope None), 6, 7 and 8 the account fails, or null. */
export function notEnabledReason(
  user: Pick<UserAccount, "enabled" | "groups" | "roles">,
  policy: SsprPolicy,
): NotEnabledReason | null {
  if (!user.enabled) return "SND-103";
  if (policy.scope === "none") return "SND-104";
  const inAny = (groups: readonly string[]) => user.groups.some((group) => groups.includes(group));
  if ((policy.scope === "selected" && !inAny(policy.scopeGroups)) || inAny(policy.excludedGroups)) return "SND-106";
  if (isPrivileged(user) && !policy.admins.ssprAllowed) return "SND-108";
  if (inAny(policy.protectedGroups)) return "SND-109";
  return null;
}
