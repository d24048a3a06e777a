/** "Validate" for the policy (SPEC §3): what saving one setting would change, or every rule it would break; saves nothing. */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { applyPolicySetting } from "../policies/policy-setting.js";
import { diffPolicies, type PolicyChange } from "../policies/policy-seed.js";
import { DEFAULT_POLICY } from "../policies/sspr-policy.js";
import { type AdminActor, actorMay } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import type { PolicyInvalid } from "./policy-actions.js";

/** The changes `key = value` would make to the policy in force (empty: none), or why it cannot be saved. */
export async function validatePolicySetting(
  deps: AdminDeps,
  actor: AdminActor,
  input: { key: string; value: string },
): Promise<Outcome<{ changes: readonly PolicyChange[] }, "forbidden"> | PolicyInvalid> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const before = (await deps.policy.current())?.policy ?? DEFAULT_POLICY;
  const result = applyPolicySetting(before, input.key, input.value, deps.availableMethods);
  if (!result.ok) return { ok: false, reason: "invalid", violations: result.violations ?? [] };
  return succeed({ changes: diffPolicies(before, result.value) });
}
