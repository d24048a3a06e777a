/** SPEC §7.3 step 1: the one normalisation the banned-password check applies to passwords and list terms alike. */

const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "l", $: "s", "@": "a" };

/**
 * NFKC, lowercase without locale rules, then 0→o, 1→l, $→s, @→a. Idempotent: normalising twice changes nothing.
 * A last NFKC recomposes a mark that followed a replaced digit ("①" + U+0301 becomes "l" + U+0301, then "ĺ"):
 * without it, a second normalisation would change such a string, and a term would not match its own password.
 */
export function normaliseForBannedCheck(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[01$@]/g, (character) => LEET[character] ?? character)
    .normalize("NFKC");
}

/** Length as SPEC §7 counts it: Unicode code points (not UTF-16 units, not graphemes). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
