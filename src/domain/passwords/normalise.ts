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
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one, as for..of does.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    length++;
  }
  return length;
}
