/** SPEC §7.3's user terms U: the person's names, the organisation's name and the user-ID local part. */
import { codePointLength, normaliseForBannedCheck } from "./normalise.js";

/** SPEC §7.3: a user term shorter than this after normalisation never counts, so "Ali" cannot ban "ali". */
export const MIN_USER_TERM_LENGTH = 4;

/** What the check knows about the person; `displayName` is for the directory rules of §7.6 and not read here. */
export interface PasswordUserTerms {
  readonly firstName: string;
  readonly lastName: string;
  readonly userId: string;
  readonly displayName: string;
}

/** The part of a user ID before its last "@" (the whole ID when it has none). */
function localPartOf(userId: string): string {
  const at = userId.lastIndexOf("@");
  return at === -1 ? userId : userId.slice(0, at);
}

/**
 * U, normalised and de-duplicated: first name, last name, each word of the organisation name, the organisation
 * name without spaces, and the user-ID local part, each kept only with ≥ 4 characters after normalisation.
 */
export function userTermsOf(person: PasswordUserTerms, organisationName: string): string[] {
  const organisationWords = organisationName.split(/\s+/u);
  const candidates = [
    person.firstName,
    person.lastName,
    ...organisationWords,
    organisationWords.join(""),
    localPartOf(person.userId),
  ];
  const normalised = candidates.map((term) => normaliseForBannedCheck(term.trim()));
  return [...new Set(normalised.filter((term) => codePointLength(term) >= MIN_USER_TERM_LENGTH))];
}
