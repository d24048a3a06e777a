/** `sandi policy set KEY VALUE`: parses one dotted key and value into a new policy, or says what is wrong. */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { MethodId } from "../methods.js";
import { canonicalTimeZone } from "./time-zone.js";
import { parseCustomBannedTerms } from "./custom-banned-terms.js";
import { checkPolicy, HELPDESK_MODES, type PolicyViolation, type SsprPolicy } from "./sspr-policy.js";
import { parseCallingCodes, parsePrefixes } from "./registration-policy.js";
import { parseBuiltInQuestions, parseCustomQuestions } from "../questions/question-settings.js";
import { METHOD_SWITCHES, parseMethodTarget } from "./method-targeting.js";
import { FLOOD_KEYS } from "./flood-limits.js";
import { parseReminderDays } from "./lifecycle-settings.js";

type Parser = (value: string) => unknown;

const onOff: Parser = (value) => {
  const lower = value.toLowerCase();
  if (["on", "yes", "true"].includes(lower)) return true;
  if (["off", "no", "false"].includes(lower)) return false;
  return undefined;
};
const integer: Parser = (value) => (/^\d{1,4}$/.test(value) ? Number(value) : undefined);
/** Up to 5 digits: the flood limits reach 10,000. */
const wholeNumber: Parser = (value) => (/^\d{1,5}$/.test(value) ? Number(value) : undefined);
const oneOf =
  (...allowed: readonly (string | number)[]): Parser =>
  (value) =>
    allowed.find((candidate) => String(candidate) === value.toLowerCase());
const groupList: Parser = (value) =>
  value === ""
    ? []
    : value
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
const textOrNone: Parser = (value) => (value === "" || value === "none" ? null : value);
const timeZone: Parser = (value) => canonicalTimeZone(value) ?? undefined;

const PARSERS: Record<string, Parser> = {
  scope: oneOf("none", "selected", "all"),
  scopeGroups: groupList,
  excludedGroups: groupList,
  protectedGroups: groupList,
  "methods.email": onOff,
  "methods.mobileSms": onOff,
  "methods.mobileVoice": onOff,
  "methods.officeVoice": onOff,
  "methods.authenticatorApp": onOff,
  "methods.passkey": onOff,
  "methods.securityQuestions": onOff,
  "methods.recoveryCodes": onOff,
  methodsToReset: oneOf(1, 2),
  methodsToRegister: oneOf(1, 2, 3),
  emailCodeLength: oneOf(6, 8),
  "notify.userOnReset": onOff,
  "notify.adminsOnAdminReset": onOff,
  "notify.userOnSecurityInfoChange": onOff,
  "notify.expiryReminders": onOff,
  "notify.expiryReminderDays": parseReminderDays,
  allowedPhoneCountries: parseCallingCodes,
  useDirectoryContactData: onOff,
  "questions.toRegister": oneOf(3, 4, 5),
  "questions.toReset": oneOf(3, 4, 5),
  "questions.builtIn": parseBuiltInQuestions,
  // A JSON array of { id?, en, id_ } (the shape `policy show` prints); "" or "none" empties it.
  "questions.custom": parseCustomQuestions,
  "registration.requiredAtSignIn": onOff,
  "registration.reconfirmDays": integer,
  "registration.skipAllowed": onOff,
  "registration.maxSkipDays": integer,
  "registration.returnUrlPrefixes": parsePrefixes,
  ...Object.fromEntries(FLOOD_KEYS.map((name) => [`flood.${name}`, wholeNumber])),
  "helpdesk.mode": oneOf(...HELPDESK_MODES),
  "helpdesk.target": textOrNone,
  "password.minLength": integer,
  "password.requireClasses": onOff,
  "password.charset": oneOf("unicode", "ascii"),
  "password.history": integer,
  "password.customBannedEnabled": onOff,
  // Comma-separated, like the group lists; "" (or "none") empties the list.
  "password.customBanned": (value) => (value === "none" ? [] : parseCustomBannedTerms(value)),
  "password.maxAgeDays": integer,
  "password.applySandiRulesToDirectoryUsers": onOff,
  writeback: onOff,
  "audit.retentionDays": integer,
  unlockWithoutReset: onOff,
  "admins.ssprAllowed": onOff,
  "organisation.timeZone": timeZone,
  // Per-method targeting: `everyone`, `A,B`, each optionally followed by `except C,D` (method-targeting.ts).
  ...Object.fromEntries(METHOD_SWITCHES.map((name) => [`methodTargets.${name}`, parseMethodTarget as Parser])),
};

/** Every key `policy set` accepts. */
export const POLICY_KEYS = Object.keys(PARSERS);

/** One typed value for KEY, parsed as `policy set` parses it, or undefined when it is not one (the pages' form). */
export function parsePolicyValue(key: string, rawValue: string): unknown {
  const parser = PARSERS[key];
  return parser === undefined ? undefined : parser(rawValue.trim());
}

/** The policy with KEY set to an already parsed value; no check (the caller validates the whole draft). */
export function withValue(policy: SsprPolicy, path: string, value: unknown): SsprPolicy {
  const [head, tail] = path.split(".") as [keyof SsprPolicy, string | undefined];
  if (tail === undefined) return { ...policy, [head]: value };
  const section = policy[head] as unknown as Record<string, unknown>;
  return { ...policy, [head]: { ...section, [tail]: value } };
}

/** The policy with KEY set to VALUE, or the violations that stop the save; `available`: the registry's methods. */
export function applyPolicySetting(
  policy: SsprPolicy,
  key: string,
  rawValue: string,
  available: readonly MethodId[],
): Outcome<SsprPolicy, "invalid"> & { violations?: PolicyViolation[] } {
  const parser = PARSERS[key];
  if (!parser) return { ...fail("invalid"), violations: [{ rule: "key", path: key, message: "unknown key" }] };
  const value = parser(rawValue.trim());
  if (value === undefined)
    return { ...fail("invalid"), violations: [{ rule: "value", path: key, message: `invalid value "${rawValue}"` }] };
  const next = withValue(policy, key, value);
  const violations = checkPolicy(next, available);
  return violations.length > 0 ? { ...fail("invalid"), violations } : succeed(next);
}
