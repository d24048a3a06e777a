/** Builds a policy from KEY = VALUE settings (the config's `policy` seed, the demo's), and diffs two policies. */
import { applyPolicySetting, POLICY_KEYS } from "./policy-setting.js";
import { checkPolicy, type PolicyViolation, type SsprPolicy } from "./sspr-policy.js";
import type { MethodId } from "../methods.js";

/** A field change for the audit log: `[{ field, old, new }]`. */
export interface PolicyChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

type SeedResult = { ok: true; policy: SsprPolicy } | { ok: false; violations: PolicyViolation[] };

/** The `policy set` key a seed key names, matched case-insensitively (environment keys arrive lower-cased). */
export function canonicalPolicyKey(key: string): string | null {
  return POLICY_KEYS.find((known) => known.toLowerCase() === key.toLowerCase()) ?? null;
}

/**
 * Applies every setting to `base`. Each save is validated whole, so a setting that only makes sense after another
 * (scope "selected" needs its groups) is retried until nothing more applies; what is left is reported.
 */
export function policyFromSettings(
  base: SsprPolicy,
  settings: Readonly<Record<string, string | number | boolean>>,
  available: readonly MethodId[],
): SeedResult {
  const violations: PolicyViolation[] = [];
  let pending: [string, string][] = [];
  for (const [key, value] of Object.entries(settings)) {
    const known = canonicalPolicyKey(key);
    if (known === null) violations.push({ rule: "key", path: key, message: "unknown policy key" });
    else pending.push([known, String(value)]);
  }
  let policy = base;
  for (let progress = true; progress && pending.length > 0; ) {
    const before = pending.length;
    pending = pending.filter(([key, value]) => {
      const result = applyPolicySetting(policy, key, value, available);
      if (result.ok) policy = result.value;
      return !result.ok;
    });
    progress = pending.length < before;
  }
  for (const [key, value] of pending)
    violations.push(...(applyPolicySetting(policy, key, value, available).violations ?? []));
  const final = checkPolicy(policy, available);
  const all = [...violations, ...final];
  return all.length > 0 ? { ok: false, violations: dedupe(all) } : { ok: true, policy };
}

function dedupe(violations: readonly PolicyViolation[]): PolicyViolation[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.rule}|${violation.path}|${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix === "" ? key : `${prefix}.${key}`, into);
  } else into.set(prefix, value);
  return into;
}

/** The fields that differ between two policies, in dotted form. */
export function diffPolicies(before: SsprPolicy, after: SsprPolicy): PolicyChange[] {
  const old = flatten(before, "", new Map());
  const next = flatten(after, "", new Map());
  const fields = [...new Set([...old.keys(), ...next.keys()])];
  return fields
    .filter((field) => JSON.stringify(old.get(field)) !== JSON.stringify(next.get(field)))
    .map((field) => ({ field, old: old.get(field) ?? null, new: next.get(field) ?? null }));
}
