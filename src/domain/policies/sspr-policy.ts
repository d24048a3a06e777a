/** The SSPR policy (SPEC §3): its shape, defaults, validation and `policy set KEY VALUE` parsing. */
import { METHOD_IDS, type MethodId, type MethodSwitch, POLICY_SWITCH_OF_METHOD } from "../methods.js";
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from "./time-zone.js";

export type Scope = "none" | "selected" | "all";

export interface SsprPolicy {
  readonly scope: Scope;
  readonly scopeGroups: readonly string[];
  readonly excludedGroups: readonly string[];
  readonly methods: Readonly<Record<MethodSwitch, boolean>>;
  readonly methodsToReset: 1 | 2;
  readonly methodsToRegister: number;
  readonly emailCodeLength: 6 | 8;
  readonly notify: { readonly userOnReset: boolean; readonly adminsOnAdminReset: boolean };
  readonly helpdesk: { readonly mode: "url" | "email"; readonly target: string | null };
  readonly password: {
    readonly minLength: number;
    readonly requireClasses: boolean;
    readonly charset: "unicode" | "ascii";
    readonly history: number;
  };
  readonly admins: { readonly ssprAllowed: boolean };
  /** SPEC §18: the IANA time zone every time on pages and in emails is shown in. */
  readonly organisation: { readonly timeZone: string };
}

/** SPEC §3 defaults, narrowed to this build: only email exists, so one method to register and to reset. */
export const DEFAULT_POLICY: SsprPolicy = {
  scope: "none",
  scopeGroups: [],
  excludedGroups: [],
  methods: {
    email: true,
    mobileSms: false,
    mobileVoice: false,
    officeVoice: false,
    authenticatorApp: false,
    passkey: false,
    securityQuestions: false,
  },
  methodsToReset: 1,
  methodsToRegister: 1,
  emailCodeLength: 8,
  notify: { userOnReset: true, adminsOnAdminReset: true },
  helpdesk: { mode: "url", target: null },
  password: { minLength: 8, requireClasses: false, charset: "unicode", history: 5 },
  admins: { ssprAllowed: true },
  organisation: { timeZone: DEFAULT_TIME_ZONE },
};

export interface PolicyViolation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** Methods the policy enables, in SPEC §6.4's fixed order. */
export function enabledMethods(policy: SsprPolicy): MethodId[] {
  return METHOD_IDS.filter((id) => policy.methods[POLICY_SWITCH_OF_METHOD[id]]);
}

function checkHelpdeskTarget(target: string | null, mode: "url" | "email"): PolicyViolation[] {
  if (target === null) return [];
  const valid =
    mode === "url"
      ? target.length <= 2048 && URL.canParse(target) && new URL(target).protocol === "https:"
      : target.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(target);
  return valid ? [] : [{ rule: "V8", path: "helpdesk.target", message: "must be an https URL or an email address" }];
}

/**
 * SPEC §3's block-level rules that apply to this build (V1–V3, V8, and the build's own limits); `available` are the
 * methods the build implements (the method registry's ids): the policy may enable only these.
 */
export function checkPolicy(policy: SsprPolicy, available: readonly MethodId[]): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const enabled = enabledMethods(policy);
  if (policy.scope === "selected" && policy.scopeGroups.length === 0)
    violations.push({ rule: "V1", path: "scopeGroups", message: "Selected scope needs at least one group" });
  if (policy.scopeGroups.length > 20 || policy.excludedGroups.length > 20)
    violations.push({ rule: "groups", path: "scopeGroups", message: "at most 20 groups" });
  if (enabled.length === 0) violations.push({ rule: "V2", path: "methods", message: "enable at least one method" });
  if (enabled.length < policy.methodsToRegister)
    violations.push({ rule: "V3", path: "methodsToRegister", message: "more methods required than enabled" });
  if (policy.methodsToRegister < policy.methodsToReset || policy.methodsToRegister > 3)
    violations.push({ rule: "range", path: "methodsToRegister", message: "must be between methodsToReset and 3" });
  for (const id of enabled)
    if (!available.includes(id))
      violations.push({ rule: "method", path: `methods.${POLICY_SWITCH_OF_METHOD[id]}`, message: "not available yet" });
  const { minLength, history } = policy.password;
  if (!Number.isInteger(minLength) || minLength < 8 || minLength > 64)
    violations.push({ rule: "range", path: "password.minLength", message: "must be 8–64" });
  if (!Number.isInteger(history) || history < 0 || history > 24)
    violations.push({ rule: "range", path: "password.history", message: "must be 0–24" });
  if (canonicalTimeZone(policy.organisation.timeZone) !== policy.organisation.timeZone)
    violations.push({ rule: "value", path: "organisation.timeZone", message: "must be an IANA time zone name" });
  return [...violations, ...checkHelpdeskTarget(policy.helpdesk.target, policy.helpdesk.mode)];
}
