/** SPEC §7.1–§7.3: which rules a new password breaks, and the rules to show up front. */
import type { BannedPasswordList } from "../passwords/banned-list.js";
import { type PasswordUserTerms, userTermsOf } from "../passwords/user-terms.js";
import type { SsprPolicy } from "./sspr-policy.js";

export { normaliseForBannedCheck } from "../passwords/normalise.js";
export { type PasswordUserTerms, userTermsOf } from "../passwords/user-terms.js";

export type PasswordPolicy = SsprPolicy["password"];

/** A broken rule; `values` fill the placeholders of its message (`password.rule.*`, see reasons.ts). */
export interface PasswordViolation {
  readonly code: "SND-501" | "SND-502" | "SND-503" | "SND-504" | "SND-505" | "SND-507";
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface PasswordCheckContext {
  readonly policy: PasswordPolicy;
  readonly userTerms: PasswordUserTerms;
  /** The organisation's name: its words are user terms (SPEC §7.3). */
  readonly organisationName: string;
  /** The banned-password check with G loaded, built once at start (compose.ts). */
  readonly bannedList: BannedPasswordList;
  /** The second field of the form, compared after NFC. */
  readonly confirmation: string;
}

/** One line of the up-front rules list: an i18n key and its placeholder values. */
export interface PasswordRuleHint {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** SPEC §7.1: the maximum is fixed, whatever the policy says. */
export const PASSWORD_MAX_LENGTH = 256;

/** §7.2 Unicode: control, format, unassigned, private-use and lone-surrogate code points are refused. */
const REFUSED_UNICODE = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]/u;
/** §7.2 ASCII: space to `~`, which is exactly the letters, digits, space and the listed symbols. */
const REFUSED_ASCII = /[^\x20-\x7E]/u;
/** Characters that are invisible or misleading on their own: shown as U+XXXX. */
const SHOWN_AS_CODE_POINT = /^[\p{C}\p{Z}\p{M}]$/u;

/** Length as SPEC §7.1 counts it: Unicode code points (not UTF-16 units, not graphemes). */
function codePointCount(text: string): number {
  return Array.from(text).length;
}

/** A character as it may appear in a message: itself when visible, else its U+XXXX form. */
export function displayCharacter(character: string): string {
  if (!SHOWN_AS_CODE_POINT.test(character)) return character;
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function countClasses(password: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (const character of password) {
    if (/\p{Ll}/u.test(character)) lower = 1;
    else if (/[\p{Lu}\p{Lt}]/u.test(character)) upper = 1;
    else if (/\p{Nd}/u.test(character)) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

function lengthViolation(length: number, policy: PasswordPolicy): PasswordViolation | null {
  if (length < policy.minLength) return { code: "SND-501", values: { min: policy.minLength } };
  if (length > PASSWORD_MAX_LENGTH) return { code: "SND-502", values: { max: PASSWORD_MAX_LENGTH } };
  return null;
}

function characterViolation(password: string, charset: PasswordPolicy["charset"]): PasswordViolation | null {
  const refused = charset === "ascii" ? REFUSED_ASCII : REFUSED_UNICODE;
  const offending = refused.exec(password)?.[0];
  return offending === undefined ? null : { code: "SND-504", values: { char: displayCharacter(offending) } };
}

/**
 * SPEC §7.3 for a password within the length limit: too easy to guess (SND-505)? A longer one is refused by length
 * alone and not scored, so no request can make the check run on more than 256 code points.
 */
function isBanned(password: string, context: PasswordCheckContext): boolean {
  if (codePointCount(password) > PASSWORD_MAX_LENGTH) return false;
  const { policy } = context;
  const verdict = context.bannedList.check(password, {
    customTerms: policy.customBannedEnabled ? policy.customBanned : null,
    userTerms: userTermsOf(context.userTerms, context.organisationName),
  });
  return !verdict.accepted;
}

/**
 * Every rule `candidate` breaks, one entry per rule, in the order the page lists them (empty when it passes).
 * Length counts Unicode code points after NFC. History (SND-506) and same-as-current (SND-508) need stored hashes
 * and are checked by the directory. The submit and the live check both call this, so neither can say more.
 */
export function checkNewPassword(candidate: string, context: PasswordCheckContext): PasswordViolation[] {
  const { policy, confirmation } = context;
  const password = candidate.normalize("NFC");
  const violations: PasswordViolation[] = [];
  const length = lengthViolation(codePointCount(password), policy);
  if (length) violations.push(length);
  if (policy.requireClasses && countClasses(password) < 3) violations.push({ code: "SND-503" });
  const character = characterViolation(password, policy.charset);
  if (character) violations.push(character);
  if (isBanned(password, context)) violations.push({ code: "SND-505" });
  if (confirmation.normalize("NFC") !== password) violations.push({ code: "SND-507" });
  return violations;
}

/** The rules shown above the new-password fields, as `password.rule_hint.*` keys with their values. */
export function passwordRules(policy: PasswordPolicy): PasswordRuleHint[] {
  const rules: PasswordRuleHint[] = [
    { key: "password.rule_hint.length", values: { min: policy.minLength, max: PASSWORD_MAX_LENGTH } },
  ];
  if (policy.requireClasses) rules.push({ key: "password.rule_hint.classes" });
  rules.push({ key: `password.rule_hint.characters_${policy.charset}` });
  rules.push({ key: "password.rule_hint.not_common" });
  if (policy.history > 0) rules.push({ key: "password.rule_hint.not_recent", values: { count: policy.history } });
  return rules;
}
