/** Checks 4–9 for the account behind a flow, as they stand now: re-run at each gate and before the password. */
import { checkEligibility, type Eligibility } from "../../policies/eligibility.js";
import { kindOfMethod, kindsServedBy, type MethodId } from "../../methods.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../users.js";
import type { VerifiedMethod } from "../../ports.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

/**
 * The flow's account (null for an inert flow) and its eligibility under `policy`. `verified`: the account's verified
 * rows when the caller read them in this request already (a gate's check), so they are not read twice.
 */
export async function currentEligibility(
  deps: ResetDeps,
  flow: ResetFlow,
  policy: SsprPolicy,
  alreadyRead?: readonly VerifiedMethod[],
): Promise<{ user: UserAccount | null; eligibility: Eligibility }> {
  const user = flow.userRef === null ? null : await deps.users.findUserByRef(flow.userRef);
  const verified = user === null ? [] : (alreadyRead ?? (await deps.methods.listForUser(user.ref)));
  const gateKinds = kindsServedBy(deps.registry.ids);
  const eligibility = checkEligibility(user, verified, policy, gateKinds);
  await deps.evaluation?.recordCheck({
    flowId: flow.id,
    step: "recheck",
    user,
    verified,
    live: eligibility,
    gateKinds,
  });
  return { user, eligibility };
}

/**
 * A gate counts only with a method usable for this user (`usableKinds`: on for the user's groups under per-method
 * targeting). Gate 1 lists every method the policy switches on for anyone, so an unknown ID's page looks like a
 * real one (SPEC §6.4); a user who proves a method not aimed at them passes no gate, and the flow ends as SND-107.
 */
export function targetedEligibility(eligibility: Eligibility, method: MethodId): Eligibility {
  if (eligibility.reason !== null || eligibility.usableKinds.includes(kindOfMethod(method))) return eligibility;
  return { ...eligibility, reason: "SND-107" };
}
