/**
 * Hashes for the deletion-variant index: a polynomial hash over UTF-16 code units, so the hash of any stretch of a
 * text with one piece left out costs O(1) from the text's prefix hashes, without building the string. The banned
 * check looks up tens of thousands of "span minus one character" variants per password.
 */

/** An odd multiplier; arithmetic is modulo 2^32. */
const MULTIPLIER = 0x01000193;
const powers: number[] = [1];

/** MULTIPLIER^n modulo 2^32. */
function power(n: number): number {
  const known = powers[n];
  if (known !== undefined) return known;
  while (powers.length <= n) powers.push(Math.imul(powers[powers.length - 1] ?? 1, MULTIPLIER) >>> 0);
  return powers[n] ?? 1;
}

/** The hash of units [0, i) of `text` for every i: `prefix[i]`; `into` is reused when it is long enough. */
export function prefixHashes(text: string, into?: Uint32Array): Uint32Array {
  const prefix = into !== undefined && into.length > text.length ? into : new Uint32Array(text.length + 1);
  prefix[0] = 0;
  for (let index = 0; index < text.length; index++)
    prefix[index + 1] = (Math.imul(prefix[index] ?? 0, MULTIPLIER) + text.charCodeAt(index)) >>> 0;
  return prefix;
}

function rangeHash(prefix: Uint32Array, start: number, end: number): number {
  return ((prefix[end] ?? 0) - Math.imul(prefix[start] ?? 0, power(end - start))) >>> 0;
}

/** Spreads the polynomial hash's bits (murmur3's finaliser), so the table's directory buckets fill evenly. */
function mix(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** Units [start, end) of a text with units [skipStart, skipEnd) left out; skipStart = skipEnd keeps them all. */
export interface Stretch {
  readonly start: number;
  readonly end: number;
  readonly skipStart: number;
  readonly skipEnd: number;
}

/** The hash of a stretch; equal strings hash equal whatever text they sit in. */
export function stretchHash(prefix: Uint32Array, stretch: Stretch): number {
  return hashWithout(prefix, stretch.start, stretch.end, stretch.skipStart, stretch.skipEnd);
}

/**
 * stretchHash with positional arguments, for the check's inner loop (an object per call there costs more than the
 * hash): units [start, end) without [skipStart, skipEnd).
 */
export function hashWithout(
  prefix: Uint32Array,
  start: number,
  end: number,
  skipStart: number,
  skipEnd: number,
): number {
  const head = rangeHash(prefix, start, skipStart);
  const tail = rangeHash(prefix, skipEnd, end);
  return mix((Math.imul(head, power(end - skipEnd)) + tail) >>> 0);
}

/** (hash, id) pairs grouped by the hash's top bits, with a directory of the groups: a lookup scans a few entries. */
export interface HashTable {
  readonly hashes: Uint32Array;
  readonly ids: Uint32Array;
  /** Entries `directory[b]` up to `directory[b + 1]` are those whose hash's top bits equal b. */
  readonly directory: Uint32Array;
  readonly shift: number;
}

/**
 * Groups `count` pairs by their hash's top bits (a counting sort: no comparison sort of 700,000 numbers at start).
 * About two entries a group: 2^18 groups (1 MB) for G's deletions, a handful for a short custom list.
 */
export function createHashTable(pairs: { hashes: Uint32Array; ids: Uint32Array; count: number }): HashTable {
  const { count } = pairs;
  const bits = Math.min(18, Math.max(1, Math.ceil(Math.log2(Math.max(count, 2))) - 1));
  const shift = 32 - bits;
  const directory = new Uint32Array(2 ** bits + 1);
  for (let index = 0; index < count; index++) {
    const bucket = ((pairs.hashes[index] ?? 0) >>> shift) + 1;
    directory[bucket] = (directory[bucket] ?? 0) + 1;
  }
  for (let bucket = 1; bucket < directory.length; bucket++)
    directory[bucket] = (directory[bucket] ?? 0) + (directory[bucket - 1] ?? 0);
  const next = directory.slice(0, -1);
  const hashes = new Uint32Array(count);
  const ids = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    const hash = pairs.hashes[index] ?? 0;
    const slot = next[hash >>> shift] ?? 0;
    next[hash >>> shift] = slot + 1;
    hashes[slot] = hash;
    ids[slot] = pairs.ids[index] ?? 0;
  }
  return { hashes, ids, directory, shift };
}
