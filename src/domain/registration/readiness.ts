/**
 * Registered, Enabled, Capable (SPEC §5.3) as one function: the readiness panel, the registration interrupt and the
 * reset flow share it, and later the reports and the troubleshooter. Pure.
 */
import {
  RECOVERY_CODES_PER_SET,
  GATE_IDS_OF_KIND,
  kindOfMethod,
  REGISTRABLE_KINDS,
  type RegistrableKind,
} from "../methods.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import { methodsOnFor } from "../policies/method-targeting.js";
import type { VerifiedMethod } from "../ports.js";
import { type NotEnabledReason, notEnabledReason } from "../policies/enablement.js";
import { isPrivileged, type UserAccount } from "../users.js";

export type { NotEnabledReason } from "../policies/enablement.js";

export interface Readiness {
  readonly enabled: boolean;
  readonly notEnabledReason: NotEnabledReason | null;
  readonly privileged: boolean;
  /** Kinds that count toward Registered. */
  readonly registeredKinds: readonly RegistrableKind[];
  /** Kinds usable at a gate under the current policy (toward Capable). */
  readonly usableKinds: readonly RegistrableKind[];
  /** How many methods Registered needs, and how many more the user must add. */
  readonly toRegister: number;
  readonly missing: number;
  readonly registered: boolean;
  readonly partiallyRegistered: boolean;
  /** Gates a reset needs: `methodsToReset`, or 2 for privileged users. */
  readonly gatesRequired: number;
  readonly capable: boolean;
  /** Kinds the user may still add, strongest first (SPEC §5.2's order). */
  readonly addable: readonly RegistrableKind[];
}

export interface ReadinessInput {
  readonly user: Pick<UserAccount, "enabled" | "groups" | "roles">;
  readonly methods: readonly VerifiedMethod[];
  readonly policy: SsprPolicy;
  /** Kinds this build implements with their channel configured (privileged users may use these even when off). */
  readonly available: readonly RegistrableKind[];
  /**
   * Kinds a reset gate of this build accepts (toward Capable). Registering may come before a kind works as a gate:
   * "You can reset your password" must stay true. Defaults to `available`.
   */
  readonly gateKinds?: readonly RegistrableKind[];
}

/**
 * Kinds the policy enables for this user: any of its gate ids on for the user's groups (method-targeting.ts);
 * privileged users, any available but questions (SPEC §2's fixed admin policy).
 */
export function enabledKinds(
  policy: SsprPolicy,
  available: readonly RegistrableKind[],
  user: { readonly privileged: boolean; readonly groups: readonly string[] },
): RegistrableKind[] {
  if (user.privileged) return available.filter((kind) => kind !== "questions");
  const on = methodsOnFor(policy, user.groups);
  return available.filter((kind) => GATE_IDS_OF_KIND[kind].some((id) => on.includes(id)));
}

function answersOf(method: VerifiedMethod): number {
  const answers = method.details?.["answers"];
  return Array.isArray(answers) ? answers.length : 0;
}

/** Kinds of verified methods that count, given a question-set threshold (toRegister or toReset). */
function countedKinds(methods: readonly VerifiedMethod[], allowed: readonly RegistrableKind[], questions: number) {
  const kinds = new Set<RegistrableKind>();
  for (const method of methods) {
    const kind = kindOfMethod(method.method);
    if (!allowed.includes(kind)) continue;
    if (kind === "questions" && answersOf(method) < questions) continue;
    if (kind === "recovery_code" && (method.counter ?? 0) >= RECOVERY_CODES_PER_SET) continue;
    kinds.add(kind);
  }
  return REGISTRABLE_KINDS.filter((kind) => kinds.has(kind));
}

/** SPEC §5.3 for one user under one policy. */
export function readinessOf(input: ReadinessInput): Readiness {
  const { policy, methods } = input;
  const privileged = isPrivileged(input.user);
  const reason = notEnabledReason(input.user, policy);
  const allowed = enabledKinds(policy, input.available, { privileged, groups: input.user.groups });
  const registeredKinds = countedKinds(methods, allowed, policy.questions.toRegister);
  const gateKinds = input.gateKinds ?? input.available;
  const usableKinds = countedKinds(
    methods,
    allowed.filter((kind) => gateKinds.includes(kind)),
    policy.questions.toReset,
  );
  const toRegister = privileged ? Math.max(2, policy.methodsToRegister) : policy.methodsToRegister;
  const gatesRequired = privileged ? 2 : policy.methodsToReset;
  const registered = registeredKinds.length >= toRegister;
  const owned = new Set(methods.map((method) => kindOfMethod(method.method)));
  return {
    enabled: reason === null,
    notEnabledReason: reason,
    privileged,
    registeredKinds,
    usableKinds,
    toRegister,
    missing: Math.max(0, toRegister - registeredKinds.length),
    registered,
    partiallyRegistered: !registered && methods.length > 0,
    gatesRequired,
    capable: reason === null && usableKinds.length >= gatesRequired,
    addable: allowed.filter((kind) => !owned.has(kind) || kind === "passkey" || kind === "totp"),
  };
}
