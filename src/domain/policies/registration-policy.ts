/**
 * The registration part of the SSPR policy (SPEC §3): questions, the interrupt, phone countries, the return-URL
 * prefixes, and their checks (V4, V5 and the ranges). Pure.
 */
import type { MethodId } from "../methods.js";

/** Same shape as sspr-policy.ts's PolicyViolation (declared here too so the two modules do not import each other). */
interface PolicyViolation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** The parts of the policy these checks read. */
interface RegistrationPolicyParts {
  readonly questions: QuestionSettings;
  readonly registration: RegistrationSettings;
  readonly allowedPhoneCountries: readonly string[];
  readonly flood: { readonly phoneMessagesPerHour: number };
}

/** A question an administrator wrote; each text may be missing, never both. */
export interface CustomQuestion {
  readonly id: string;
  readonly en: string | null;
  readonly id_: string | null;
}

export interface QuestionSettings {
  readonly toRegister: number;
  readonly toReset: number;
  /** Numbers 1–35 of the built-in questions offered. */
  readonly builtIn: readonly number[];
  readonly custom: readonly CustomQuestion[];
}

export interface RegistrationSettings {
  readonly requiredAtSignIn: boolean;
  /** 0 = never. */
  readonly reconfirmDays: number;
  readonly skipAllowed: boolean;
  readonly maxSkipDays: number;
  /** Up to 20 URL prefixes `?return=` may lead to (SPEC §5.2 item 5). */
  readonly returnUrlPrefixes: readonly string[];
}

export const BUILT_IN_QUESTION_COUNT = 35;

export const DEFAULT_QUESTION_SETTINGS: QuestionSettings = {
  toRegister: 5,
  toReset: 3,
  builtIn: Array.from({ length: BUILT_IN_QUESTION_COUNT }, (_, index) => index + 1),
  custom: [],
};

export const DEFAULT_REGISTRATION_SETTINGS: RegistrationSettings = {
  requiredAtSignIn: true,
  reconfirmDays: 180,
  skipAllowed: true,
  maxSkipDays: 7,
  returnUrlPrefixes: [],
};

function outOf(value: number, low: number, high: number): boolean {
  return !Number.isInteger(value) || value < low || value > high;
}

function checkQuestions(questions: QuestionSettings, enabled: readonly MethodId[]): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if (enabled.length === 1 && enabled[0] === "questions")
    violations.push({ rule: "V4", path: "methods.securityQuestions", message: "questions cannot be the only method" });
  if (outOf(questions.toRegister, 3, 5) || outOf(questions.toReset, 3, 5))
    violations.push({ rule: "range", path: "questions", message: "toRegister and toReset must be 3–5" });
  const pool = questions.builtIn.length + questions.custom.length;
  if (questions.toReset > questions.toRegister || (enabled.includes("questions") && questions.toRegister > pool))
    violations.push({ rule: "V5", path: "questions", message: "toReset ≤ toRegister ≤ questions offered" });
  if (questions.custom.length > 20)
    violations.push({ rule: "range", path: "questions.custom", message: "at most 20 custom questions" });
  return violations;
}

function checkPrefixes(prefixes: readonly string[]): PolicyViolation[] {
  const valid = prefixes.every((prefix) => URL.canParse(prefix) && /^https?:$/.test(new URL(prefix).protocol));
  return prefixes.length > 20 || !valid
    ? [{ rule: "value", path: "registration.returnUrlPrefixes", message: "up to 20 http(s) URL prefixes" }]
    : [];
}

/** SPEC §3's rules for the registration settings. */
export function checkRegistrationSettings(
  policy: RegistrationPolicyParts,
  enabled: readonly MethodId[],
): PolicyViolation[] {
  const { registration, allowedPhoneCountries, flood } = policy;
  const violations = [...checkQuestions(policy.questions, enabled), ...checkPrefixes(registration.returnUrlPrefixes)];
  if (outOf(registration.reconfirmDays, 0, 730))
    violations.push({ rule: "range", path: "registration.reconfirmDays", message: "must be 0–730" });
  if (outOf(registration.maxSkipDays, 1, 30))
    violations.push({ rule: "range", path: "registration.maxSkipDays", message: "must be 1–30" });
  if (allowedPhoneCountries.length < 1 || allowedPhoneCountries.length > 50)
    violations.push({ rule: "range", path: "allowedPhoneCountries", message: "1–50 calling codes" });
  if (outOf(flood.phoneMessagesPerHour, 10, 10_000))
    violations.push({ rule: "range", path: "flood.phoneMessagesPerHour", message: "must be 10–10000" });
  return violations;
}

/** "all", or a comma list of built-in question numbers 1–35. */
export function parseBuiltInQuestions(value: string): number[] | undefined {
  if (value.toLowerCase() === "all") return DEFAULT_QUESTION_SETTINGS.builtIn.slice();
  const numbers = value.split(",").map((part) => Number(part.trim()));
  const valid = numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= BUILT_IN_QUESTION_COUNT);
  return valid && numbers.length > 0 ? [...new Set(numbers)].sort((a, b) => a - b) : undefined;
}

/** A comma list of calling codes, each with or without "+": `62, +65`. */
export function parseCallingCodes(value: string): string[] | undefined {
  const codes = value.split(",").map((part) => part.trim().replace(/^\+/, ""));
  return codes.every((code) => /^[1-9]\d{0,2}$/.test(code)) ? [...new Set(codes)] : undefined;
}

/** A comma list of URL prefixes; "" or "none" empties it. */
export function parsePrefixes(value: string): string[] {
  return value === "" || value === "none"
    ? []
    : value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
}
