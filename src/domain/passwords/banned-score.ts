/**
 * SPEC §7.3 steps 4 to 6 and the long-password rule: choose the occurrences that count, score the password, and
 * say whether it passes. Pure: the lists arrive indexed.
 */
import {
  type CodePointText,
  findExactOccurrences,
  findFuzzyOccurrences,
  type Occurrence,
  termsAtDistanceOne,
} from "./occurrences.js";
import type { TermIndex } from "./term-index.js";

/** Step 6: a score below this is refused with SND-505. */
export const MIN_BANNED_SCORE = 5;
/** From this normalised length on, G is only a whole-password check (SPEC §7.3, "Long passwords"). */
export const LONG_PASSWORD_LENGTH = 15;

/** The three lists of §7.3, indexed: C is null while `customBannedEnabled` is off; U matches only exactly. */
export interface IndexedTermLists {
  readonly global: TermIndex;
  readonly custom: TermIndex | null;
  readonly user: TermIndex;
}

/** What the check found; never shown to the user beyond "accepted" (the message names no term). */
export interface BannedVerdict {
  readonly accepted: boolean;
  readonly score: number;
  /** The occurrences step 4 kept, in the order it kept them. */
  readonly kept: readonly Occurrence[];
  /** A long password equal to a G entry or one edit away from one. */
  readonly wholeGlobalMatch: boolean;
}

/** Step 4's order: exact first, then the longer span, then the leftmost. */
function selectionOrder(left: Occurrence, right: Occurrence): number {
  if (left.exact !== right.exact) return left.exact ? -1 : 1;
  const spans = right.end - right.start - (left.end - left.start);
  return spans !== 0 ? spans : left.start - right.start;
}

/** Step 4: keeps each occurrence that overlaps none kept before it; returns them and the covered code points. */
function selectOccurrences(occurrences: Occurrence[], length: number): { kept: Occurrence[]; covered: number } {
  const taken = new Uint8Array(length);
  const kept: Occurrence[] = [];
  let covered = 0;
  for (const occurrence of occurrences.sort(selectionOrder)) {
    if (taken.subarray(occurrence.start, occurrence.end).includes(1)) continue;
    taken.fill(1, occurrence.start, occurrence.end);
    covered += occurrence.end - occurrence.start;
    kept.push(occurrence);
  }
  return { kept, covered };
}

/** Steps 2 and 3 for one list. */
function occurrencesOf(text: CodePointText, index: TermIndex, list: Occurrence["list"]): Occurrence[] {
  const exact = findExactOccurrences(text, index, list);
  return [...exact, ...findFuzzyOccurrences(text, index, { list, exact })];
}

/** The long-password rule's whole check: equal to a G entry, or at edit distance 1 from one. */
function isNearGlobalEntry(text: CodePointText, global: TermIndex): boolean {
  const whole = { start: 0, end: text.length };
  const equal = global.byLength.get(text.length)?.has(text.text) === true;
  return equal || termsAtDistanceOne(text, whole, global).size > 0;
}

/** Steps 2 to 6 on a normalised password; with ≥ 15 code points G counts only as the whole-password check. */
export function scoreNormalisedPassword(text: CodePointText, lists: IndexedTermLists): BannedVerdict {
  const isLong = text.length >= LONG_PASSWORD_LENGTH;
  if (isLong && isNearGlobalEntry(text, lists.global))
    return { accepted: false, score: 0, kept: [], wholeGlobalMatch: true };
  const occurrences = [
    ...(isLong ? [] : occurrencesOf(text, lists.global, "global")),
    ...(lists.custom === null ? [] : occurrencesOf(text, lists.custom, "custom")),
    ...findExactOccurrences(text, lists.user, "user"),
  ];
  const { kept, covered } = selectOccurrences(occurrences, text.length);
  const score = kept.length + (text.length - covered);
  return { accepted: score >= MIN_BANNED_SCORE, score, kept, wholeGlobalMatch: false };
}

/**
 * Evidence of compromise (SPEC §18): the password is refused and the global list decided it, as a long password
 * near a G entry or with a G term among the kept occurrences. A refusal by custom and user terms alone is not
 * evidence that the password is known to attackers.
 */
export function isRefusedByGlobalList(verdict: BannedVerdict): boolean {
  return !verdict.accepted && (verdict.wholeGlobalMatch || verdict.kept.some((kept) => kept.list === "global"));
}
