/**
 * SPEC §7.3 steps 2 and 3: where the terms of one list occur in a normalised password, exactly or at edit distance
 * exactly 1. Positions count code points, so a letter outside the Basic Multilingual Plane is one character.
 */
import { hashWithout, prefixHashes } from "./term-hash.js";
import { codePointOffsets, MIN_FUZZY_TERM_LENGTH, repeatsPrevious, type TermIndex } from "./term-index.js";

/** Which list a term came from (SPEC §7.3: G, C, U). */
export type BannedListName = "global" | "custom" | "user";

/** One place a term occurs: code points [start, end) of the normalised password. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly term: string;
  readonly exact: boolean;
  readonly list: BannedListName;
}

/**
 * A normalised password with the UTF-16 offset of each code point, so slices by code point cost one `slice`, and
 * its prefix hashes, so any stretch's hash costs O(1).
 */
export interface CodePointText {
  readonly text: string;
  /** `offsets[k]` is where code point k starts; `offsets[length]` is the text's end. */
  readonly offsets: readonly number[];
  readonly length: number;
  readonly prefix: Uint32Array;
}

export function toCodePointText(text: string): CodePointText {
  const offsets = codePointOffsets(text);
  return { text, offsets, length: offsets.length - 1, prefix: prefixHashes(text) };
}

function slice(text: CodePointText, start: number, end: number): string {
  return text.text.slice(text.offsets[start], text.offsets[end]);
}

/** Equal-length strings that differ in exactly one code point (edit distance 1 by substitution). */
function differInOneCharacter(left: string, right: string): boolean {
  const a = Array.from(left);
  const b = Array.from(right);
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let index = 0; index < a.length && differences < 2; index++) if (a[index] !== b[index]) differences++;
  return differences === 1;
}

/** `longer` with one code point deleted is `shorter`. */
function isOneDeletionOf(longer: string, shorter: string): boolean {
  const a = Array.from(longer);
  const b = Array.from(shorter);
  if (a.length !== b.length + 1) return false;
  let index = 0;
  while (index < b.length && a[index] === b[index]) index++;
  for (; index < b.length; index++) if (a[index + 1] !== b[index]) return false;
  return true;
}

/** How a term may relate to a span at edit distance 1: one character deleted, inserted or replaced. */
type Edit = "deleted" | "inserted" | "replaced";

function isEditOf(edit: Edit, term: string, span: string): boolean {
  if (edit === "deleted") return isOneDeletionOf(term, span);
  if (edit === "inserted") return isOneDeletionOf(span, term);
  return differInOneCharacter(span, term);
}

/** The hash-table entries that may hold `hash`: [first, end). */
function bucketOf(table: TermIndex["termHashes"], hash: number): { first: number; end: number } | null {
  const bucket = hash >>> table.shift;
  const first = table.directory[bucket] ?? 0;
  const end = table.directory[bucket + 1] ?? 0;
  return first === end ? null : { first, end };
}

/**
 * Adds to `found` the fuzzy terms stored under `hash` in `table` that really are `edit` away from `span` (hashes
 * may collide). Most buckets of G's table are empty, so the common case returns before any work.
 */
function addConfirmedTerms(
  found: Set<string>,
  index: TermIndex,
  lookup: { table: TermIndex["termHashes"]; hash: number; edit: Edit; span: string },
): void {
  const bucket = bucketOf(lookup.table, lookup.hash);
  if (bucket === null) return;
  for (let entry = bucket.first; entry < bucket.end; entry++) {
    if (lookup.table.hashes[entry] !== lookup.hash) continue;
    const term = index.fuzzyTerms[lookup.table.ids[entry] ?? 0];
    if (term !== undefined && isEditOf(lookup.edit, term, lookup.span)) found.add(term);
  }
}

/** True when `table` holds an entry with `hash`; allocates nothing, as it runs for every variant of every span. */
function mayHold(table: TermIndex["termHashes"], hash: number): boolean {
  const bucket = hash >>> table.shift;
  const end = table.directory[bucket + 1] ?? 0;
  for (let entry = table.directory[bucket] ?? 0; entry < end; entry++) if (table.hashes[entry] === hash) return true;
  return false;
}

/**
 * The terms of ≥ 5 code points at edit distance exactly 1 from code points [start, end) of `text`. The span is a
 * term with one character deleted (it is one of the term's deletions), with one inserted (deleting one of the
 * span's characters gives the term), or with one replaced (both share a deletion; confirmed character by
 * character, because a shared deletion at different places would also match a swap of two neighbours).
 */
export function termsAtDistanceOne(
  text: CodePointText,
  range: { start: number; end: number },
  index: TermIndex,
): Set<string> {
  const found = new Set<string>();
  const { offsets } = text;
  const stretch = { start: offsets[range.start] ?? 0, end: offsets[range.end] ?? 0 };
  const span = text.text.slice(stretch.start, stretch.end);
  const spanLength = range.end - range.start;
  const { prefix } = text;
  const { deletionHashes, termHashes } = index;
  const whole = hashWithout(prefix, stretch.start, stretch.end, stretch.start, stretch.start);
  if (mayHold(deletionHashes, whole))
    addConfirmedTerms(found, index, { table: deletionHashes, hash: whole, edit: "deleted", span });
  for (let k = range.start; k < range.end; k++) {
    if (k > range.start && repeatsPrevious(text.text, offsets, k)) continue;
    const hash = hashWithout(prefix, stretch.start, stretch.end, offsets[k] ?? 0, offsets[k + 1] ?? 0);
    if (spanLength - 1 >= MIN_FUZZY_TERM_LENGTH && mayHold(termHashes, hash))
      addConfirmedTerms(found, index, { table: termHashes, hash, edit: "inserted", span });
    if (mayHold(deletionHashes, hash))
      addConfirmedTerms(found, index, { table: deletionHashes, hash, edit: "replaced", span });
  }
  return found;
}

/** Step 2: every exact occurrence of a term of `index` in `text`. */
export function findExactOccurrences(text: CodePointText, index: TermIndex, list: BannedListName): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const length of index.lengths) {
      const end = start + length;
      if (end > text.length) break;
      const term = slice(text, start, end);
      if (index.byLength.get(length)?.has(term) === true) occurrences.push({ start, end, term, exact: true, list });
    }
  }
  return occurrences;
}

/** The exact occurrences by term, so the overlap rule looks at the few of one term, not at all of them. */
function exactByTerm(exact: readonly Occurrence[]): Map<string, Occurrence[]> {
  const byTerm = new Map<string, Occurrence[]>();
  for (const occurrence of exact) {
    const same = byTerm.get(occurrence.term);
    if (same === undefined) byTerm.set(occurrence.term, [occurrence]);
    else same.push(occurrence);
  }
  return byTerm;
}

function overlapsAny(occurrences: readonly Occurrence[] | undefined, start: number, end: number): boolean {
  return occurrences?.some((occurrence) => occurrence.start < end && start < occurrence.end) ?? false;
}

/**
 * Step 3: every span whose length is within 1 of a term's (terms of ≥ 5 code points) at edit distance exactly 1,
 * except where it overlaps an exact occurrence of the same term.
 */
export function findFuzzyOccurrences(
  text: CodePointText,
  index: TermIndex,
  input: { list: BannedListName; exact: readonly Occurrence[] },
): Occurrence[] {
  if (index.fuzzyTerms.length === 0) return [];
  const longest = index.lengths.at(-1) ?? 0;
  const exact = exactByTerm(input.exact);
  const occurrences: Occurrence[] = [];
  for (let start = 0; start < text.length; start++) {
    for (let length = MIN_FUZZY_TERM_LENGTH - 1; length <= longest + 1; length++) {
      const end = start + length;
      if (end > text.length) break;
      for (const term of termsAtDistanceOne(text, { start, end }, index))
        if (!overlapsAny(exact.get(term), start, end))
          occurrences.push({ start, end, term, exact: false, list: input.list });
    }
  }
  return occurrences;
}
