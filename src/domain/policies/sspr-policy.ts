/** The SSPR policy (SPEC §3): its shape, defaults, validation and `policy set KEY VALUE` parsing. */
import { METHOD_IDS, type MethodId, type MethodSwitch, POLICY_SWITCH_OF_METHOD } from "../methods.js";
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from "./time-zone.js";
import { checkCustomBannedTerms } from "./custom-banned-terms.js";
import { checkMethodTargets, DEFAULT_METHOD_TARGETS, type MethodTarget } from "./method-targeting.js";
import { checkFloodSettings, DEFAULT_FLOOD_SETTINGS, type FloodSettings } from "./flood-limits.js";
import { checkLifecycleSettings } from "./lifecycle-settings.js";
import {
  checkRegistrationSettings,
  DEFAULT_QUESTION_SETTINGS,
  DEFAULT_REGISTRATION_SETTINGS,
  type QuestionSettings,
  type RegistrationSettings,
} from "./registration-policy.js";

export type Scope = "none" | "selected" | "all";

/** SPEC §3 `helpdesk.mode`: Sandi's contact form, a web page, or an email address. */
export const HELPDESK_MODES = ["form", "url", "email"] as const;
export type HelpdeskMode = (typeof HELPDESK_MODES)[number];

export interface SsprPolicy {
  readonly scope: Scope;
  readonly scopeGroups: readonly string[];
  readonly excludedGroups: readonly string[];
  /** Sandi's protected-accounts groups (SPEC §6.3 check 8, nested): their members never reset by self-service. */
  readonly protectedGroups: readonly string[];
  readonly methods: Readonly<Record<MethodSwitch, boolean>>;
  /** Who each switched-on method is for (method-targeting.ts); a policy saved before this loads as everyone. */
  readonly methodTargets: Readonly<Record<MethodSwitch, MethodTarget>>;
  readonly methodsToReset: 1 | 2;
  readonly methodsToRegister: number;
  readonly emailCodeLength: 6 | 8;
  readonly notify: {
    readonly userOnReset: boolean;
    readonly adminsOnAdminReset: boolean;
    readonly userOnSecurityInfoChange: boolean;
    /** SPEC §15.5: expiry reminders, daily at 09:00 (built-in directory only until LDAP; password-expiry/). */
    readonly expiryReminders: boolean;
    /** Days before expiry a reminder goes out: up to 5 values, each 1–60, largest first. */
    readonly expiryReminderDays: readonly number[];
  };
  /** Calling codes (digits, no "+") a phone may be registered in (SPEC §3, §8.2 O2). */
  readonly allowedPhoneCountries: readonly string[];
  /** Directory contact data counts as usable without verification (never for privileged users). */
  readonly useDirectoryContactData: boolean;
  readonly questions: QuestionSettings;
  readonly registration: RegistrationSettings;
  /** SPEC §8.2's flood-control limits (flood-limits.ts): every throttle reads its count here. */
  readonly flood: FloodSettings;
  /**
   * SPEC §6.9: how users reach the helpdesk. `form` (the default) is Sandi's own contact form, which emails the
   * helpdesk admins; its `target`, when set, is a fallback address shown nowhere. `url` and `email` link to `target`.
   */
  readonly helpdesk: { readonly mode: HelpdeskMode; readonly target: string | null };
  readonly password: {
    readonly minLength: number;
    readonly requireClasses: boolean;
    readonly charset: "unicode" | "ascii";
    readonly history: number;
    /** Whether the custom list C counts (SPEC §7.3); the global list is always on. */
    readonly customBannedEnabled: boolean;
    /** C: normalised (§7.3 step 1) and de-duplicated when set (V9). */
    readonly customBanned: readonly string[];
    /** Built-in only; 0 = never. An expired password must be changed at sign-in (sign-in/expired-password.ts). */
    readonly maxAgeDays: number;
    /** SPEC §7.6: Sandi's length and class rules for directory (LDAP) users too. Takes effect with LDAP writeback. */
    readonly applySandiRulesToDirectoryUsers: boolean;
  };
  /** SPEC §3 (LDAP only): off makes reset and unlock unavailable to everyone. Takes effect with LDAP writeback. */
  readonly writeback: boolean;
  /** SPEC §11.4: audit events older than this many days (7–3,650) are purged by housekeeping. */
  readonly audit: { readonly retentionDays: number };
  /** SPEC §3, §6.5: everyone is offered "unlock only" beside "reset" (default Yes). */
  readonly unlockWithoutReset: boolean;
  readonly admins: { readonly ssprAllowed: boolean };
  /** SPEC §18: the IANA time zone every time on pages and in emails is shown in. */
  readonly organisation: { readonly timeZone: string };
}

/** SPEC §3 defaults (recovery codes, beyond SPEC, on as issue 10 says). */
export const DEFAULT_POLICY: SsprPolicy = {
  scope: "none",
  scopeGroups: [],
  excludedGroups: [],
  protectedGroups: [],
  methods: {
    email: true,
    mobileSms: true,
    mobileVoice: false,
    officeVoice: false,
    authenticatorApp: true,
    passkey: true,
    securityQuestions: false,
    recoveryCodes: true,
  },
  methodTargets: DEFAULT_METHOD_TARGETS,
  methodsToReset: 1,
  methodsToRegister: 2,
  emailCodeLength: 8,
  notify: {
    userOnReset: true,
    adminsOnAdminReset: true,
    userOnSecurityInfoChange: true,
    expiryReminders: false,
    expiryReminderDays: [14, 7, 1],
  },
  allowedPhoneCountries: ["62"],
  useDirectoryContactData: false,
  questions: DEFAULT_QUESTION_SETTINGS,
  registration: DEFAULT_REGISTRATION_SETTINGS,
  flood: DEFAULT_FLOOD_SETTINGS,
  helpdesk: { mode: "form", target: null },
  password: {
    minLength: 8,
    requireClasses: false,
    charset: "unicode",
    history: 5,
    customBannedEnabled: false,
    customBanned: [],
    maxAgeDays: 0,
    applySandiRulesToDirectoryUsers: false,
  },
  writeback: true,
  audit: { retentionDays: 30 },
  unlockWithoutReset: true,
  admins: { ssprAllowed: true },
  organisation: { timeZone: DEFAULT_TIME_ZONE },
};

export interface PolicyViolation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Methods the policy switches on for anyone, in SPEC §6.4's fixed order. For one user's answer ask
 * method-targeting.ts's `methodsOnFor`: a switched-on method may be aimed at some groups only.
 */
export function enabledMethods(policy: SsprPolicy): MethodId[] {
  return METHOD_IDS.filter((id) => policy.methods[POLICY_SWITCH_OF_METHOD[id]]);
}

function isHttpsUrl(target: string): boolean {
  return target.length <= 2048 && URL.canParse(target) && new URL(target).protocol === "https:";
}

function isEmailAddress(target: string): boolean {
  return target.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(target);
}

/** V8. In form mode the target is an optional fallback and may be either kind; the other modes link to it. */
function checkHelpdeskTarget(target: string | null, mode: HelpdeskMode): PolicyViolation[] {
  if (target === null) return [];
  const valid =
    mode === "url"
      ? isHttpsUrl(target)
      : mode === "email"
        ? isEmailAddress(target)
        : isHttpsUrl(target) || isEmailAddress(target);
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
  if (policy.scopeGroups.length > 20 || policy.excludedGroups.length > 20 || policy.protectedGroups.length > 20)
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
  return [
    ...violations,
    ...checkHelpdeskTarget(policy.helpdesk.target, policy.helpdesk.mode),
    ...checkCustomBannedTerms(policy.password.customBanned),
    ...checkMethodTargets(policy),
    ...checkRegistrationSettings(policy, enabled),
    ...checkFloodSettings(policy.flood),
    ...checkLifecycleSettings(policy),
  ];
}
