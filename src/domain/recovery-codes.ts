/**
 * Recovery codes (SPEC §18; NIST SP 800-63B rev 4's saved recovery codes): a set of 10 single-use codes, shown once.
 *
 * A code is 20 characters, shown as 5 groups of 4 (`K7QM-XR4T-9HCW-P2ND-5FGA`): the first group is the lookup id,
 * stored in clear so a typed code finds its one row; the other 16 are the secret, stored only as
 * HMAC-SHA-256(server key, `lookup:secret`). The alphabet has 31 characters (no 0, O, 1, I or L, which look alike),
 * so the secret holds 16 × log2(31) ≈ 79 bits: far past guessing, so one fast keyed hash per attempt is enough and
 * an attempt never costs an Argon2 (SPEC §18: one hash verify per attempt).
 */
import { constantTimeEqual } from "../lib/crypto/constant-time-equal.js";
import { hmacSha256 } from "../lib/crypto/sha256.js";
import type { Random } from "../lib/random.js";
import { RECOVERY_CODES_PER_SET } from "./methods.js";

export { RECOVERY_CODES_PER_SET };
/** With this many unused codes left (or fewer), the user is warned to generate a new set. */
export const RECOVERY_CODES_WARN_AT = 2;
/** Digits 2–9 and the letters without I, L and O. */
export const RECOVERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LOOKUP_LENGTH = 4;
const SECRET_LENGTH = 16;
const GROUP_LENGTH = 4;

/** One code as stored: the lookup id and the keyed hash of its secret (the store adds the key's id). */
export interface HashedRecoveryCode {
  readonly lookup: string;
  readonly secretHash: Uint8Array;
}

/** A typed code split into its parts, normalised to the alphabet's upper case. */
export interface TypedRecoveryCode {
  readonly lookup: string;
  readonly secret: string;
}

/** A new set: `display` is shown once (and offered as a download), `stored` is all that is kept. */
export interface RecoveryCodeSet {
  readonly display: readonly string[];
  readonly stored: readonly HashedRecoveryCode[];
}

function randomText(random: Random, length: number): string {
  let text = "";
  for (let index = 0; index < length; index++)
    text += RECOVERY_CODE_ALPHABET.charAt(random.integerBelow(RECOVERY_CODE_ALPHABET.length));
  return text;
}

/** `K7QMXR4T…` → `K7QM-XR4T-…`. */
function grouped(code: string): string {
  return (code.match(new RegExp(`.{1,${String(GROUP_LENGTH)}}`, "g")) ?? []).join("-");
}

/** The stored hash of a code's secret, bound to its lookup id. */
export function recoveryCodeHash(key: Uint8Array, lookup: string, secret: string): Uint8Array {
  return hmacSha256(key, `${lookup}:${secret}`);
}

/** Ten fresh codes with distinct lookup ids (a repeat among 31⁴ ≈ 923,521 ids is drawn again). */
export function generateRecoveryCodes(random: Random, key: Uint8Array): RecoveryCodeSet {
  const display: string[] = [];
  const stored: HashedRecoveryCode[] = [];
  const lookups = new Set<string>();
  while (stored.length < RECOVERY_CODES_PER_SET) {
    const lookup = randomText(random, LOOKUP_LENGTH);
    if (lookups.has(lookup)) continue;
    lookups.add(lookup);
    const secret = randomText(random, SECRET_LENGTH);
    display.push(grouped(lookup + secret));
    stored.push({ lookup, secretHash: recoveryCodeHash(key, lookup, secret) });
  }
  return { display, stored };
}

/** Separators a user may type or paste: spaces of any kind, hyphens and dashes, dots. */
const SEPARATORS = /[\s\u00ad\u2010-\u2015\u2212._-]/g;

/**
 * Reads a typed code: any case, any grouping (spaces, dashes, dots, or none), full-width characters from a phone
 * keyboard (NFKC). The look-alike pairs need no mapping because no code holds either of them: 0, O, 1, I and L are
 * not in the alphabet, so a code with one of them was mistyped and is refused here, before any hash is computed.
 */
export function parseTypedRecoveryCode(typed: string): TypedRecoveryCode | null {
  const compact = typed.normalize("NFKC").replace(SEPARATORS, "").toUpperCase();
  if (compact.length !== LOOKUP_LENGTH + SECRET_LENGTH) return null;
  for (const character of compact) if (!RECOVERY_CODE_ALPHABET.includes(character)) return null;
  return { lookup: compact.slice(0, LOOKUP_LENGTH), secret: compact.slice(LOOKUP_LENGTH) };
}

/** True when `typed` is the code `stored` was made from; one HMAC, compared in constant time. */
export function checkRecoveryCode(stored: HashedRecoveryCode, typed: TypedRecoveryCode, key: Uint8Array): boolean {
  const hash = recoveryCodeHash(key, typed.lookup, typed.secret);
  return typed.lookup === stored.lookup && constantTimeEqual(hash, stored.secretHash);
}

/** A hash nothing matches, compared against when no unused code has the typed lookup id. */
const NO_CODE: HashedRecoveryCode = { lookup: "", secretHash: new Uint8Array(32) };

/**
 * True when `typed` is the code `candidate` was made from: the candidate is the one unused row with the typed
 * lookup id (found by the caller), or null when there is none, which costs one HMAC all the same, so a miss takes
 * as long as a wrong secret.
 */
export function matchRecoveryCode(
  candidate: HashedRecoveryCode | null,
  typed: TypedRecoveryCode,
  key: Uint8Array,
): boolean {
  const matches = checkRecoveryCode(candidate ?? NO_CODE, typed, key);
  return matches && candidate !== null;
}

/** The unused code `typed` matches among `unused`, or null: the one row with its lookup id, one HMAC. */
export function findRecoveryCode(
  unused: readonly HashedRecoveryCode[],
  typed: TypedRecoveryCode,
  key: Uint8Array,
): HashedRecoveryCode | null {
  const candidate = unused.find((code) => code.lookup === typed.lookup) ?? null;
  return matchRecoveryCode(candidate, typed, key) ? candidate : null;
}

/** True when the user should be told to generate a new set: `RECOVERY_CODES_WARN_AT` unused codes or fewer. */
export function recoveryCodesRunningLow(unusedCount: number): boolean {
  return unusedCount <= RECOVERY_CODES_WARN_AT;
}

/** Translates a `recovery.*` key; the caller passes its i18n function for the user's language. */
export type RecoveryTranslate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/** What the downloaded file shows: `generatedAt` already formatted in the organisation's time zone. */
export interface RecoveryCodesFile {
  readonly org: string;
  readonly userId: string;
  readonly codes: readonly string[];
  readonly generatedAt: string;
}

/** The body of "Download as text": a heading, the account, the codes numbered, and how to use and replace them. */
export function recoveryCodesText(file: RecoveryCodesFile, t: RecoveryTranslate): string {
  const width = String(file.codes.length).length;
  const numbered = file.codes.map((code, index) => `${String(index + 1).padStart(width, " ")}. ${code}`);
  const lines = [
    t("recovery.file.title", { org: file.org }),
    t("recovery.file.account", { userId: file.userId }),
    t("recovery.file.generated", { generatedAt: file.generatedAt }),
    "",
    ...numbered,
    "",
    t("recovery.file.use_once"),
    t("recovery.file.keep_safe"),
    t("recovery.file.replace"),
  ];
  // CRLF, so the file reads the same in Windows Notepad as everywhere else.
  return `${lines.join("\r\n")}\r\n`;
}
