/**
 * V10's count (SPEC §3): users who can reset under the live policy and could not under a draft. This is the seam
 * the policy simulation plugs into (it counts 50,000 users within 10 s); until then `directLossCounter` asks the
 * reset's own eligibility check user by user, which is fine for small organisations and gives up (null: "not
 * counted") above DIRECT_COUNT_LIMIT rather than hold a save for minutes.
 */
import { kindsServedBy } from "../methods.js";
import { checkEligibility } from "../policies/eligibility.js";
import type { ResetLoss } from "../policies/policy-validation.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import { isPrivileged } from "../users.js";
import type { AdminDeps } from "./admin-deps.js";

/** Counts the loss of a change from `live` to `draft`, or null when it was not counted. */
export type LossCounter = (live: SsprPolicy, draft: SsprPolicy) => Promise<ResetLoss | null>;

export const DIRECT_COUNT_LIMIT = 2000;

/** The direct count: every user's eligibility (SPEC §6.3 checks 4–9) under both policies. */
export function directLossCounter(
  deps: Pick<AdminDeps, "directoryAdmin" | "users" | "methods" | "gateMethods">,
): LossCounter {
  const gateKinds = kindsServedBy(deps.gateMethods);
  return async (live, draft) => {
    const views = await deps.directoryAdmin.listUsers({ limit: DIRECT_COUNT_LIMIT + 1 });
    if (views.length > DIRECT_COUNT_LIMIT) return null;
    let users = 0;
    let admins = 0;
    for (const view of views) {
      // The combined read: groups with nested membership, as the reset sees them.
      const user = await deps.users.findUserByRef(view.ref);
      if (user === null) continue;
      const methods = await deps.methods.listForUser(user.ref);
      const canReset = (policy: SsprPolicy) => checkEligibility(user, methods, policy, gateKinds).reason === null;
      if (!canReset(live) || canReset(draft)) continue;
      users++;
      if (isPrivileged(user)) admins++;
    }
    return { users, admins };
  };
}
