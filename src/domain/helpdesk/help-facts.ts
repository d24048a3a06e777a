/**
 * The facts the user FAQ (SPEC §13.4, `/help`) states, read from the policy in force and the code's own constants,
 * so every number on the page is the number Sandi applies: change the policy and the answers change with it.
 */
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "../../lib/crypto/totp.js";
import type { MethodId } from "../methods.js";
import { ACCOUNT_LIMITS, CODE_RULES, HOUR_SECONDS } from "../policies/attempt-policy.js";
import { PASSWORD_MAX_LENGTH } from "../policies/password-policy.js";
import { enabledMethods, type SsprPolicy } from "../policies/sspr-policy.js";
import { policyAsSeenBy } from "../policies/method-targeting.js";
import { SECURITY_EFFECTS } from "../security-effects.js";

/** SPEC §2's fixed admin policy: two gates, never questions. Not settable, so not in the policy. */
export const PRIVILEGED_GATES = 2;
/** SPEC §4.3: messages are delivered within a minute (typically 5–20 s); the FAQ asks users to wait that long. */
export const DELIVERY_TARGET_MINUTES = 1;

/** One block rule of SPEC §8.1 as the FAQ words it: how many of what, in how long. */
export interface BlockRule {
  readonly limit: number;
  /** The window in minutes (the page shows whole hours when it is one). */
  readonly windowMinutes: number;
  /** A successful reset clears this counter (SPEC §8.1: A1–A3, never A4). */
  readonly clearedByReset: boolean;
}

export interface HelpFacts {
  /** Scope is not None: self-service reset is on for someone. */
  readonly selfServiceOn: boolean;
  /**
   * The methods the policy enables, in SPEC §6.4's order: for a signed-in reader, those targeted at them (SPEC §18
   * per-method targeting); for anyone else, every method switched on for someone.
   */
  readonly methods: readonly MethodId[];
  readonly methodsToReset: number;
  readonly methodsToRegister: number;
  readonly privilegedGates: number;
  readonly codeLengths: { readonly email: number; readonly phone: number; readonly app: number };
  /** How often an authenticator app shows a new code. */
  readonly appCodeStepSeconds: number;
  readonly code: {
    readonly lifetimeMinutes: number;
    readonly wrongTries: number;
    readonly sendsPerGate: number;
    readonly resendAfterSeconds: number;
    readonly deliveryMinutes: number;
  };
  /** SPEC §8.1's counters A1–A4, and how long a block lasts. */
  readonly blocks: {
    readonly failedChecks: BlockRule;
    readonly validations: BlockRule;
    readonly emailCodes: BlockRule;
    readonly resets: BlockRule;
    readonly pauseHours: number;
  };
  readonly password: {
    readonly minLength: number;
    readonly maxLength: number;
    readonly history: number;
    readonly requireClasses: boolean;
  };
  /** Every change of security info is emailed to the user (`notify.userOnSecurityInfoChange`). */
  readonly securityInfoChangesEmailed: boolean;
  /** A self-service reset also ends Sandi's sign-in lock (SPEC §8.4). */
  readonly resetEndsSignInLock: boolean;
}

function blockRule(counter: keyof typeof ACCOUNT_LIMITS): BlockRule {
  const rule = ACCOUNT_LIMITS[counter];
  return {
    limit: rule.limit,
    windowMinutes: rule.windowSeconds / 60,
    clearedByReset: SECURITY_EFFECTS.self_reset.clearCounters.includes(counter),
  };
}

/** Whom the page is read by: a signed-in user's groups and roles, or null for an anonymous reader. */
export type HelpReader = { readonly groups: readonly string[]; readonly roles: readonly unknown[] } | null;

/**
 * The FAQ's facts. `codeLengths` names the digits of the codes a phone and an authenticator app give, which the
 * methods own (the email code's length is the policy's).
 */
export function helpFacts(
  policy: SsprPolicy,
  codeLengths: { readonly phone: number },
  reader: HelpReader = null,
): HelpFacts {
  return {
    selfServiceOn: policy.scope !== "none",
    methods: enabledMethods(reader === null ? policy : policyAsSeenBy(policy, reader)),
    methodsToReset: policy.methodsToReset,
    methodsToRegister: policy.methodsToRegister,
    privilegedGates: PRIVILEGED_GATES,
    codeLengths: { email: policy.emailCodeLength, phone: codeLengths.phone, app: TOTP_DIGITS },
    appCodeStepSeconds: TOTP_PERIOD_SECONDS,
    code: {
      lifetimeMinutes: CODE_RULES.ttlSeconds / 60,
      wrongTries: CODE_RULES.maxAttempts,
      sendsPerGate: CODE_RULES.sendsPerGate,
      resendAfterSeconds: CODE_RULES.resendAfterSeconds,
      deliveryMinutes: DELIVERY_TARGET_MINUTES,
    },
    blocks: {
      failedChecks: blockRule("A1"),
      validations: blockRule("A2"),
      emailCodes: blockRule("A3"),
      resets: blockRule("A4"),
      pauseHours: ACCOUNT_LIMITS.A1.blockSeconds / HOUR_SECONDS,
    },
    password: {
      minLength: policy.password.minLength,
      maxLength: PASSWORD_MAX_LENGTH,
      history: policy.password.history,
      requireClasses: policy.password.requireClasses,
    },
    securityInfoChangesEmailed: policy.notify.userOnSecurityInfoChange,
    resetEndsSignInLock: SECURITY_EFFECTS.self_reset.clearSignInLockout,
  };
}
