/**
 * The registration part of the SSPR policy (SPEC §3): questions, the interrupt, phone countries, the return-URL
 * prefixes, and their checks (V4, V5 and the ranges). Pure.
 */
import type { MethodId } from "../methods.js";
import { ALL_BUILT_IN_NUMBERS } from "../questions/question-pool.js";
import { checkQuestionSettings, type QuestionSettings } from "../questions/question-settings.js";

export type { QuestionSettings } from "../questions/question-settings.js";

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

export const DEFAULT_QUESTION_SETTINGS: QuestionSettings = {
  toRegister: 5,
  toReset: 3,
  builtIn: ALL_BUILT_IN_NUMBERS,
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
  const { registration, allowedPhoneCountries } = policy;
  const violations = [
    ...checkQuestionSettings(policy.questions, enabled),
    ...checkPrefixes(registration.returnUrlPrefixes),
  ];
  if (outOf(registration.reconfirmDays, 0, 730))
    violations.push({ rule: "range", path: "registration.reconfirmDays", message: "must be 0–730" });
  if (outOf(registration.maxSkipDays, 1, 30))
    violations.push({ rule: "range", path: "registration.maxSkipDays", message: "must be 1–30" });
  if (allowedPhoneCountries.length < 1 || allowedPhoneCountries.length > 50)
    violations.push({ rule: "range", path: "allowedPhoneCountries", message: "1–50 calling codes" });
  return violations;
}

/** A comma list of calling codes, each with or without "+": `62, +65`. */
export function parseCallingCodes(value: string): string[] | undefined {
  const codes = value.split(",").map((part) => part.trim().replace(/^\+/, ""));
  return codes.every((code) => /^[1-9]\d{0,2}$/.test(code)) ? [...new Set(codes)] : undefined;
}

/**
 * A comma list of URL prefixes; "" or "none" empties it. Each is kept in the URL parser's form, so a bare origin
 * gains its "/" and `https://portal.example` cannot admit `https://portal.example.evil.test`.
 */
export function parsePrefixes(value: string): string[] {
  if (value === "" || value === "none") return [];
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (URL.canParse(part) ? new URL(part).href : part));
}
