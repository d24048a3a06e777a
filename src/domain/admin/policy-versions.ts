/**
 * The policy's versions (SPEC §3: the last 50, any of them restorable): the list with who and when, one version's
 * changes against the one before it, and a restore, which saves the old document as a new version through
 * `savePolicy` (so it is checked, confirmed and audited as any save is). Every admin role may read; GA restores.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { diffPolicies, type PolicyChange } from "../policies/policy-seed.js";
import { DEFAULT_POLICY } from "../policies/sspr-policy.js";
import type { PolicyVersion } from "../ports.js";
import { type AdminActor, actorMay } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import { savePolicy, type SavePolicyOptions, type SavePolicyResult } from "./policy-save.js";

/** The kept versions, newest first. */
export async function listPolicyVersions(
  deps: AdminDeps,
  actor: AdminActor,
): Promise<Outcome<PolicyVersion[], "forbidden">> {
  if (!actorMay(actor, "policy.view")) return fail("forbidden");
  return succeed(await deps.policy.list());
}

export interface PolicyVersionDiff {
  readonly version: PolicyVersion;
  /** The version before it, or null: version 1 is compared with the defaults, a dropped one cannot be. */
  readonly previous: PolicyVersion | null;
  /** What `changes` compares with: the previous version, the defaults (version 1), or nothing kept. */
  readonly against: "previous" | "defaults" | "not_kept";
  readonly changes: readonly PolicyChange[];
}

/** Version `number` against the version before it: only the fields that changed, old → new. */
export async function policyVersionDiff(
  deps: AdminDeps,
  actor: AdminActor,
  number: number,
): Promise<Outcome<PolicyVersionDiff, "forbidden" | "not_found">> {
  if (!actorMay(actor, "policy.view")) return fail("forbidden");
  const version = await deps.policy.get(number);
  if (version === null) return fail("not_found");
  const previous = number > 1 ? await deps.policy.get(number - 1) : null;
  if (previous === null && number > 1) return succeed({ version, previous, against: "not_kept", changes: [] });
  const changes = diffPolicies(previous?.policy ?? DEFAULT_POLICY, version.policy);
  return succeed({ version, previous, against: previous === null ? "defaults" : "previous", changes });
}

/** Saves version `number`'s document as the newest version, audited as `policy.updated` with `restored:<n>`. */
export async function restorePolicyVersion(
  deps: AdminDeps,
  actor: AdminActor,
  number: number,
  options: Omit<SavePolicyOptions, "reason">,
): Promise<SavePolicyResult | { ok: false; reason: "not_found" }> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const version = await deps.policy.get(number);
  if (version === null) return fail("not_found");
  return savePolicy(deps, actor, version.policy, { ...options, reason: `restored:${String(number)}` });
}
