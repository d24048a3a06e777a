/**
 * The banned-password check of SPEC §7.3 as one object, built once at start around the global list G: it indexes
 * the custom list C when the policy changes it and the user terms U per call, then scores the candidate.
 */
import { type BannedVerdict, type IndexedTermLists, scoreNormalisedPassword } from "./banned-score.js";
import { normaliseForBannedCheck } from "./normalise.js";
import { toCodePointText } from "./occurrences.js";
import { createTermIndex, type TermIndex } from "./term-index.js";

/** The non-global lists one check uses: C (null while `password.customBannedEnabled` is off) and U. */
export interface BannedCheckTerms {
  readonly customTerms: readonly string[] | null;
  readonly userTerms: readonly string[];
}

export interface BannedPasswordList {
  /** How many distinct terms G holds. */
  readonly globalSize: number;
  /** SPEC §7.3 steps 1–6 for `candidate` (as typed; normalised here). */
  check(candidate: string, terms: BannedCheckTerms): BannedVerdict;
}

/**
 * Indexes G once. C is indexed again only when its terms change (a policy save), so a request costs a lookup;
 * U holds a handful of terms and is indexed per call.
 * @example const banned = createBannedPasswordList(["password", "rahasia"]); banned.check("Rahasia123", terms).accepted
 */
export function createBannedPasswordList(globalTerms: Iterable<string>): BannedPasswordList {
  const global = createTermIndex(globalTerms, { fuzzy: true });
  let custom: { terms: readonly string[]; key: string; index: TermIndex } | null = null;
  function customIndex(terms: readonly string[] | null): TermIndex | null {
    if (terms === null || terms.length === 0) return null;
    // The cached policy hands the same array until it is read again; a re-read with equal terms keeps the index.
    if (custom?.terms === terms) return custom.index;
    const key = terms.join("\n");
    custom = { terms, key, index: custom?.key === key ? custom.index : createTermIndex(terms, { fuzzy: true }) };
    return custom.index;
  }
  return {
    globalSize: global.size,
    check(candidate, terms) {
      const lists: IndexedTermLists = {
        global,
        custom: customIndex(terms.customTerms),
        user: createTermIndex(terms.userTerms, { fuzzy: false }),
      };
      return scoreNormalisedPassword(toCodePointText(normaliseForBannedCheck(candidate)), lists);
    },
  };
}
