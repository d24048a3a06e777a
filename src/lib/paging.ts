/** Sorting and paging a list held in memory (a bounded one: API tokens, groups, the 50 kept policy versions). */

export interface Paged<T> {
  readonly items: readonly T[];
  /** From 1, never past the last page. */
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}

/** Page `page` (from 1) of `items`, `size` a page; a page past the end shows the last one. */
export function pageOfItems<T>(items: readonly T[], page: number, size: number): Paged<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(Math.max(Number.isInteger(page) ? page : 1, 1), pageCount);
  return { items: items.slice((shown - 1) * size, shown * size), page: shown, pageCount, total: items.length };
}

export type SortValue = string | number | Date | null;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compareValues(a: SortValue, b: SortValue): number {
  // Empty values (never used, no group) go last whichever way the rest is sorted.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  return Number(a) - Number(b);
}

/** A sorted copy of `items` by `key`, with `tieBreak` deciding equal keys; empty keys last either way. */
export function sortedBy<T>(
  items: readonly T[],
  key: (item: T) => SortValue,
  options: { readonly descending: boolean; readonly tieBreak?: (item: T) => SortValue },
): T[] {
  const sign = options.descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const [keyA, keyB] = [key(a), key(b)];
    const primary = keyA === null || keyB === null ? compareValues(keyA, keyB) : sign * compareValues(keyA, keyB);
    if (primary !== 0 || options.tieBreak === undefined) return primary;
    return compareValues(options.tieBreak(a), options.tieBreak(b));
  });
}
