/**
 * Phone numbers (SPEC §4.3): a typed number turned into E.164 with its country and line type, the country check of
 * `allowedPhoneCountries`, the display form and the masks of SPEC §4.2. Pure: libphonenumber-js's metadata only.
 */
import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  type PhoneNumberType,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";
import metadata from "libphonenumber-js/max/metadata";
import { type Outcome, fail, succeed } from "../lib/outcome.js";

/** What kind of line a number is, from the metadata: SMS needs a mobile; voice reaches any. */
export type PhoneLineType = "mobile" | "fixed" | "fixed_or_mobile" | "unknown";

/** A number Sandi accepted: E.164 (`+6281234567812`), its calling code without `+` (`62`), region and line type. */
export interface PhoneNumber {
  readonly e164: string;
  readonly callingCode: string;
  /** ISO 3166 region (`ID`, `US`); null for numbers no single region owns. */
  readonly region: string | null;
  readonly lineType: PhoneLineType;
}

/**
 * Why a typed number was refused: not a number at all or not one the metadata knows (`invalid`), too few or too many
 * digits for its country, or a country outside `allowedPhoneCountries` (SND-214).
 */
export type PhoneParseFailure = "invalid" | "too_short" | "too_long" | "country_not_allowed";

/** E.164 allows 15 digits after the `+`. */
const MAX_E164_DIGITS = 15;
/** Typed input longer than this is refused before the metadata sees it (a 15-digit number with spacing fits). */
const MAX_TYPED_LENGTH = 40;

/** Every calling code some region uses; a picked code outside it is not a country. */
const KNOWN_CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((region) => getCountryCallingCode(region)));

const LINE_TYPES: Partial<Record<PhoneNumberType, PhoneLineType>> = {
  MOBILE: "mobile",
  FIXED_LINE: "fixed",
  FIXED_LINE_OR_MOBILE: "fixed_or_mobile",
};

/** `+62`, `62` or ` 62 ` → `62`; null when it is not a calling code any region uses. */
export function normaliseCallingCode(code: string): string | null {
  const digits = code.trim().replace(/^\+/, "");
  return /^\d{1,3}$/.test(digits) && KNOWN_CALLING_CODES.has(digits) ? digits : null;
}

/**
 * The typed number with spaces, `-`, `.` and parentheses removed and a leading `00` turned into `+`; null when
 * anything but digits and one leading `+` remains (letters, `#`, a second `+`), which the metadata would otherwise
 * read leniently (vanity letters, "ext.").
 */
export function compactTypedPhone(typed: string): string | null {
  if (typed.length > MAX_TYPED_LENGTH) return null;
  const compact = typed.normalize("NFKC").replace(/[\s\-.()]/gu, "");
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  return /^\+?\d+$/.test(international) ? international : null;
}

/**
 * Reads a typed number as SPEC §4.3 says: `+…` and `00…` are international; anything else is national to the
 * country the user picked, whose trunk prefix (`0812…` in Indonesia) the metadata removes. Length and prefix are
 * checked against the metadata; with `allowedCallingCodes` given, a number of another country is refused.
 *
 * @example
 * parseTypedPhone("0812-3456-7812", "62") // { ok: true, value: { e164: "+6281234567812", callingCode: "62", region: "ID", lineType: "mobile" } }
 * parseTypedPhone("+1 415 555 2671", "62", ["62"]) // { ok: false, reason: "country_not_allowed" }
 */
export function parseTypedPhone(
  typed: string,
  selectedCountryCallingCode: string,
  allowedCallingCodes?: readonly string[],
): Outcome<PhoneNumber, PhoneParseFailure> {
  const compact = compactTypedPhone(typed);
  const selected = normaliseCallingCode(selectedCountryCallingCode);
  if (compact === null || (selected === null && !compact.startsWith("+"))) return fail("invalid");
  const options = compact.startsWith("+") || selected === null ? undefined : { defaultCallingCode: selected };
  const lengthProblem = validatePhoneNumberLength(compact, options);
  if (lengthProblem === "TOO_SHORT") return fail("too_short");
  if (lengthProblem === "TOO_LONG") return fail("too_long");
  const parsed = parsePhoneNumberFromString(compact, options);
  if (parsed === undefined) return fail("invalid");
  if (parsed.number.length - 1 > MAX_E164_DIGITS) return fail("too_long");
  if (!parsed.isValid()) return fail("invalid");
  const phone: PhoneNumber = {
    e164: parsed.number,
    callingCode: parsed.countryCallingCode,
    region: parsed.country ?? null,
    lineType: lineTypeOf(parsed.getType()),
  };
  if (allowedCallingCodes !== undefined && !isAllowedCountry(phone.e164, allowedCallingCodes))
    return fail("country_not_allowed");
  return succeed(phone);
}

function lineTypeOf(type: PhoneNumberType | undefined): PhoneLineType {
  return type === undefined ? "unknown" : (LINE_TYPES[type] ?? "unknown");
}

/** True when the number's line can take a text message: a mobile, or a line the metadata cannot tell apart. */
export function canReceiveTexts(lineType: PhoneLineType): boolean {
  return lineType !== "fixed";
}

/** The calling code (`62`) of a stored E.164 number; null when the metadata does not know it. */
export function callingCodeOf(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.countryCallingCode ?? null;
}

/**
 * True when the number's country is in `allowedPhoneCountries` (SPEC §8.2 O2): checked at registration and again
 * before every text or call, so a number stored under an older policy is never dialled.
 */
export function isAllowedCountry(e164: string, allowedCallingCodes: readonly string[]): boolean {
  const code = callingCodeOf(e164);
  return code !== null && allowedCallingCodes.some((allowed) => normaliseCallingCode(allowed) === code);
}

/** The same number, compared as E.164 strings (SPEC §4.1: one number may not be both mobile and office phone). */
export function isSamePhoneNumber(first: string, second: string): boolean {
  return first === second;
}

/** The number as its owner typed it back: `+62 81234567812` (one space after the calling code, SPEC §4.3). */
export function formatPhoneNumber(e164: string): string {
  const code = callingCodeOf(e164);
  return code === null ? e164 : `+${code} ${e164.slice(code.length + 1)}`;
}

/** The last two digits, which a gate shows as "ending in 12" (the wording is the catalog's). */
export function phoneLastDigits(e164: string): string {
  return e164.slice(-2);
}

/** `+62 ••• 12`: the owner's and the admins' view (SPEC §4.2). Never more than the code and two digits. */
export function maskPhoneNumber(e164: string): string {
  const code = callingCodeOf(e164);
  return `${code === null ? "+" : `+${code}`} ••• ${phoneLastDigits(e164)}`;
}

/** The regions (`ID`) that use a calling code, the main one first (`US` for +1), for the country picker's labels. */
export function regionsOfCallingCode(callingCode: string): CountryCode[] {
  const code = normaliseCallingCode(callingCode);
  if (code === null) return [];
  const regions: readonly string[] = metadata.country_calling_codes[code] ?? [];
  return regions.filter((region): region is CountryCode => getCountries().includes(region as CountryCode));
}
