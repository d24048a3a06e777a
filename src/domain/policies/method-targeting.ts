/**
 * Per-method targeting (Entra's Authentication methods policy): a method switched on in SPEC §3 `methods.*` is on
 * for everyone or for the members of selected groups, less the members of excluded groups (exclusion wins, as it
 * does for the policy's scope). `methodsOnFor` is the one answer to "is method X on for this user": registration,
 * the reset's gates, the troubleshooter and the policy simulation all ask it. Pure.
 */
import { METHOD_IDS, type MethodId, type MethodSwitch, POLICY_SWITCH_OF_METHOD } from "../methods.js";

export const METHOD_TARGET_KINDS = ["everyone", "groups"] as const;
export type MethodTargetKind = (typeof METHOD_TARGET_KINDS)[number];

/** Who one switched-on method is for. `groups` is read only when `target` is "groups". */
export interface MethodTarget {
  readonly target: MethodTargetKind;
  readonly groups: readonly string[];
  readonly excludedGroups: readonly string[];
}

/** The default, and what a policy saved before targeting existed loads as: everyone, nobody excluded. */
export const EVERYONE: MethodTarget = { target: "everyone", groups: [], excludedGroups: [] };

export const METHOD_SWITCHES: readonly MethodSwitch[] = [
  ...new Set(METHOD_IDS.map((id) => POLICY_SWITCH_OF_METHOD[id])),
];

export const DEFAULT_METHOD_TARGETS: Readonly<Record<MethodSwitch, MethodTarget>> = Object.fromEntries(
  METHOD_SWITCHES.map((name) => [name, EVERYONE]),
) as Record<MethodSwitch, MethodTarget>;

/** SPEC §3's limit for group lists, applied to each method's lists too. */
const MAX_GROUPS = 20;

/** The parts of SsprPolicy targeting reads (declared here: sspr-policy.ts imports this module). */
interface TargetingParts {
  readonly methods: Readonly<Record<MethodSwitch, boolean>>;
  readonly methodTargets: Readonly<Record<MethodSwitch, MethodTarget>>;
}

/**
 * Whether the switch is on for a user in `userGroups` (every group that contains the user, nested ones included,
 * as the directory returns them). Privileged users do not come here: the fixed admin policy decides for them.
 */
export function switchOnFor(policy: TargetingParts, name: MethodSwitch, userGroups: readonly string[]): boolean {
  if (!policy.methods[name]) return false;
  const target = policy.methodTargets[name];
  const inAny = (groups: readonly string[]) => groups.some((group) => userGroups.includes(group));
  if (inAny(target.excludedGroups)) return false;
  return target.target === "everyone" || inAny(target.groups);
}

/** The method ids on for a user in `userGroups`, in SPEC §6.4's order. */
export function methodsOnFor(policy: TargetingParts, userGroups: readonly string[]): MethodId[] {
  return METHOD_IDS.filter((id) => switchOnFor(policy, POLICY_SWITCH_OF_METHOD[id], userGroups));
}

/** The switches as they stand for one user: the shape `policy.methods` has, for code that reads switches. */
export function switchesOnFor(
  policy: TargetingParts,
  userGroups: readonly string[],
): Readonly<Record<MethodSwitch, boolean>> {
  return Object.fromEntries(METHOD_SWITCHES.map((name) => [name, switchOnFor(policy, name, userGroups)])) as Record<
    MethodSwitch,
    boolean
  >;
}

/** Whether a switched-on method is on for everyone without exclusions (the policy pages show the others). */
export function isUntargeted(target: MethodTarget): boolean {
  return target.target === "everyone" && target.excludedGroups.length === 0;
}

interface Violation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** Each switched-on method aimed at groups names 1–20 of them; at most 20 excluded groups each. */
export function checkMethodTargets(policy: TargetingParts): Violation[] {
  const violations: Violation[] = [];
  for (const name of METHOD_SWITCHES) {
    const target = policy.methodTargets[name];
    const path = `methodTargets.${name}`;
    if (policy.methods[name] && target.target === "groups" && target.groups.length === 0)
      violations.push({ rule: "target", path, message: "a method for selected groups needs at least one group" });
    if (target.groups.length > MAX_GROUPS || target.excludedGroups.length > MAX_GROUPS)
      violations.push({ rule: "groups", path, message: "at most 20 groups" });
  }
  return violations;
}

/**
 * `policy set methodTargets.<method> VALUE`: `everyone`, `everyone except A,B`, `A,B` or `A,B except C`. Group
 * names are trimmed; an empty list after `except` is none.
 */
export function parseMethodTarget(value: string): MethodTarget | undefined {
  const [head = "", tail, extra] = value.split(/\s+except\s+/i);
  if (extra !== undefined) return undefined;
  const list = (text: string) =>
    text
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
  const excludedGroups = tail === undefined ? [] : list(tail);
  if (head.trim().toLowerCase() === "everyone") return { target: "everyone", groups: [], excludedGroups };
  const groups = list(head);
  return groups.length === 0 ? undefined : { target: "groups", groups, excludedGroups };
}

/** The value `parseMethodTarget` reads back, for the console and the diff. */
export function formatMethodTarget(target: MethodTarget): string {
  const head = target.target === "everyone" ? "everyone" : target.groups.join(", ");
  return target.excludedGroups.length === 0 ? head : `${head} except ${target.excludedGroups.join(", ")}`;
}

/**
 * The policy with its switches as they stand for one user, for code that reads `policy.methods` (which channels a
 * mobile may use, what a page offers). Privileged users keep the policy's own switches: SPEC §2 decides for them.
 */
export function policyAsSeenBy<P extends TargetingParts>(
  policy: P,
  user: { readonly groups: readonly string[]; readonly roles: readonly unknown[] },
): P {
  return user.roles.length > 0 ? policy : { ...policy, methods: switchesOnFor(policy, user.groups) };
}
