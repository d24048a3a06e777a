/** Checks 4–9 for the account behind a flow, as they stand now: re-run at each gate and before the password. */
import { checkEligibility, type Eligibility } from "../../policies/eligibility.js";
import { kindsServedBy } from "../../methods.js";
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
