/** An authenticator app's label (SPEC §4.4: 1–40 characters), as the user names it: "Phone", "Work tablet". */

/** Characters of a label, counted as the user sees them (graphemes: an emoji with its joiners is one). */
export const TOTP_LABEL_MAX = 40;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The label to store: NFC, spaces trimmed and collapsed, no control characters; null when empty or too long.
 * Labels are shown to the owner and to admins, so nothing invisible may make two labels look alike.
 */
export function parseTotpLabel(typed: string): string | null {
  const label = typed
    .normalize("NFC")
    // Control characters, bidirectional overrides and zero-width spaces; the emoji joiner (U+200D) stays.
    .replace(/[\p{Cc}\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const length = Array.from(graphemes.segment(label)).length;
  return length >= 1 && length <= TOTP_LABEL_MAX ? label : null;
}
