/**
 * SPEC §7.2: leading and trailing spaces are kept, with a warning, never refused. A password that begins or ends
 * with white space is set as typed; the page that confirms it says the space is part of it, since a person who did
 * not mean it would otherwise be locked out by a character they cannot see.
 */

/** The message key of the warning, in both catalogs (`password.edge_spaces`). */
export const EDGE_SPACES_WARNING_KEY = "password.edge_spaces";

/** True when the password, as it will be hashed (NFC), begins or ends with white space. */
export function hasEdgeSpaces(password: string): boolean {
  return /^\s|\s$/u.test(password.normalize("NFC"));
}
