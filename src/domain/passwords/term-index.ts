/**
 * A banned-term list indexed for SPEC §7.3's search: the terms by length, for exact substring lookups, and for the
 * terms that also match at edit distance 1 (≥ 5 code points, G and C) a deletion-variant ("symmetric delete")
 * index: the hash of every one-character deletion of every term. Built once per list, read many times.
 */
import { codePointLength, normaliseForBannedCheck } from "./normalise.js";
import { createHashTable, type HashTable, prefixHashes, stretchHash } from "./term-hash.js";

/** SPEC §7.3 step 3: only terms of at least this many characters match fuzzily. */
export const MIN_FUZZY_TERM_LENGTH = 5;

/** A term list ready for searching; its terms are normalised (§7.3 step 1). */
export interface TermIndex {
  /** The terms' lengths in code points, ascending. */
  readonly lengths: readonly number[];
  /** The terms of each length. */
  readonly byLength: ReadonlyMap<number, ReadonlySet<string>>;
  /** The terms that match fuzzily, by id; empty when the list matches only exactly. */
  readonly fuzzyTerms: readonly string[];
  /** The hash of each fuzzy term, with its id. */
  readonly termHashes: HashTable;
  /** The hash of each one-character deletion of each fuzzy term, with the term's id. */
  readonly deletionHashes: HashTable;
  readonly size: number;
}

/** The UTF-16 offset of each code point of `text`, and the text's end. */
export function codePointOffsets(text: string): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const character of text) {
    offsets.push(offset);
    offset += character.length;
  }
  offsets.push(offset);
  return offsets;
}

/** True when code points `k - 1` and `k` are the same: deleting either gives the same variant. */
export function repeatsPrevious(text: string, offsets: readonly number[], k: number): boolean {
  return k > 0 && text.codePointAt(offsets[k - 1] ?? 0) === text.codePointAt(offsets[k] ?? 0);
}

/** The hash of each one-character deletion of each term, with the term's id. */
function deletionHashTable(terms: readonly string[]): HashTable {
  const capacity = terms.reduce((sum, term) => sum + term.length, 0);
  const pairs = { hashes: new Uint32Array(capacity), ids: new Uint32Array(capacity), count: 0 };
  const scratch = new Uint32Array(64);
  terms.forEach((term, id) => {
    const offsets = codePointOffsets(term);
    const prefix = prefixHashes(term, scratch);
    for (let k = 0; k + 1 < offsets.length; k++) {
      if (repeatsPrevious(term, offsets, k)) continue;
      const skip = { skipStart: offsets[k] ?? 0, skipEnd: offsets[k + 1] ?? 0 };
      pairs.hashes[pairs.count] = stretchHash(prefix, { start: 0, end: term.length, ...skip });
      pairs.ids[pairs.count++] = id;
    }
  });
  return createHashTable(pairs);
}

/** The hash of each term, with its id. */
function termHashTable(terms: readonly string[]): HashTable {
  const pairs = { hashes: new Uint32Array(terms.length), ids: new Uint32Array(terms.length), count: terms.length };
  const scratch = new Uint32Array(64);
  terms.forEach((term, id) => {
    const whole = { start: 0, end: term.length, skipStart: 0, skipEnd: 0 };
    pairs.hashes[id] = stretchHash(prefixHashes(term, scratch), whole);
    pairs.ids[id] = id;
  });
  return createHashTable(pairs);
}

/**
 * Indexes `terms` (normalised here, so the caller may pass them as typed); duplicates and empty terms are dropped.
 * `fuzzy` indexes the deletions of terms of ≥ 5 code points (G and C); user terms match only exactly (U).
 * @example createTermIndex(["contoso", "blank"], { fuzzy: true })
 */
export function createTermIndex(terms: Iterable<string>, options: { fuzzy: boolean }): TermIndex {
  const byLength = new Map<number, Set<string>>();
  const fuzzyTerms: string[] = [];
  let size = 0;
  for (const raw of terms) {
    const term = normaliseForBannedCheck(raw);
    const length = codePointLength(term);
    if (length === 0) continue;
    let sameLength = byLength.get(length);
    if (sameLength === undefined) byLength.set(length, (sameLength = new Set()));
    if (sameLength.has(term)) continue;
    sameLength.add(term);
    size++;
    if (options.fuzzy && length >= MIN_FUZZY_TERM_LENGTH) fuzzyTerms.push(term);
  }
  return {
    lengths: [...byLength.keys()].sort((left, right) => left - right),
    byLength,
    fuzzyTerms,
    termHashes: termHashTable(fuzzyTerms),
    deletionHashes: deletionHashTable(fuzzyTerms),
    size,
  };
}
