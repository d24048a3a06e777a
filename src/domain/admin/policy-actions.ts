/** The SSPR policy (SPEC §3, §10 "Edit policy") and the organisation's first set-up. */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { applyPolicySetting } from "../policies/policy-setting.js";
import { diffPolicies, type PolicyChange, policyFromSettings } from "../policies/policy-seed.js";
import { DEFAULT_POLICY, type PolicyViolation } from "../policies/sspr-policy.js";
import type { PolicyVersion } from "../ports.js";
import { type AdminActor, actorMay, auditActorOf } from "./admin-actor.js";
import { policyAuthorOf, savePolicy } from "./policy-save.js";
import type { AdminDeps } from "./admin-deps.js";
import type { Organisation } from "./admin-ports.js";

export { policyAuthorOf } from "./policy-save.js";

/** The policy in force, or null before one was saved (the defaults apply). Every admin role may read it. */
export async function currentPolicy(
  deps: AdminDeps,
  actor: AdminActor,
): Promise<Outcome<PolicyVersion | null, "forbidden">> {
  if (!actorMay(actor, "policy.read")) return fail("forbidden");
  return succeed(await deps.policy.current());
}

/** A refusal for a policy that would break the rules, with every rule it breaks. */
export interface PolicyInvalid {
  readonly ok: false;
  readonly reason: "invalid";
  readonly violations: readonly PolicyViolation[];
}

function invalid(violations: readonly PolicyViolation[]): PolicyInvalid {
  return { ok: false, reason: "invalid", violations };
}

export type PolicySetResult =
  | {
      readonly saved: PolicyVersion;
      readonly changes: readonly PolicyChange[];
      readonly warnings: readonly PolicyViolation[];
    }
  | { readonly unchanged: PolicyVersion };

/**
 * `policy set KEY VALUE`: changes one setting and saves the whole policy through `savePolicy`, or lists every rule
 * the result would break. The console confirms warnings by running the command; it prints them after saving.
 */
export async function setPolicySetting(
  deps: AdminDeps,
  actor: AdminActor,
  input: { key: string; value: string },
): Promise<Outcome<PolicySetResult, "forbidden"> | PolicyInvalid> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const current = await deps.policy.current();
  const result = applyPolicySetting(current?.policy ?? DEFAULT_POLICY, input.key, input.value, deps.availableMethods);
  if (!result.ok) return invalid(result.violations ?? []);
  const saved = await savePolicy(deps, actor, result.value, { confirmWarnings: true });
  if (saved.ok) return saved;
  if (saved.reason === "forbidden") return fail("forbidden");
  return invalid(saved.blocks);
}

export interface InitialiseResult {
  /** The organisation that existed before, or null when this created it. */
  readonly existing: Organisation | null;
  /** The policy that existed before, or null when this seeded version 1. */
  readonly existingPolicy: PolicyVersion | null;
}

/** `init`: creates the organisation from the configuration and seeds the policy when absent (global admin). */
export async function initialiseOrganisation(
  deps: AdminDeps,
  actor: AdminActor,
  seed: Readonly<Record<string, string | number | boolean>>,
): Promise<Outcome<InitialiseResult, "forbidden"> | PolicyInvalid> {
  if (!actorMay(actor, "settings.edit")) return fail("forbidden");
  const existing = await deps.directoryAdmin.getOrganisation();
  const existingPolicy = await deps.policy.current();
  const seeded = existingPolicy === null ? policyFromSettings(DEFAULT_POLICY, seed, deps.availableMethods) : null;
  if (seeded && !seeded.ok) return invalid(seeded.violations);
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    if (!existing)
      await stores.directoryAdmin.createOrganisation({ ...deps.configured.organisation, isDemo: false }, now);
    if (!seeded) return;
    await stores.policy.save(seeded.policy, policyAuthorOf(actor), now);
    const changes = diffPolicies(DEFAULT_POLICY, seeded.policy);
    await stores.audit.append([
      { activity: "policy.updated", result: "success", reason: "seeded", changes, ...auditActorOf(actor), time: now },
    ]);
  });
  return succeed({ existing, existingPolicy });
}
