/** Sorting and paging a list in memory: pages are bounded and clamped, empty keys sort last either way. */
import { describe, expect, it } from "vitest";
import { pageOfItems, sortedBy } from "../../src/lib/paging.js";

describe("pageOfItems", () => {
  const items = Array.from({ length: 12 }, (_, index) => index + 1);

  it("slices a page and counts the pages", () => {
    expect(pageOfItems(items, 2, 5)).toEqual({ items: [6, 7, 8, 9, 10], page: 2, pageCount: 3, total: 12 });
  });

  it("a page past the end shows the last page, a page before the start the first", () => {
    expect(pageOfItems(items, 99, 5).items).toEqual([11, 12]);
    expect(pageOfItems(items, 0, 5).page).toBe(1);
    expect(pageOfItems([], 3, 5)).toEqual({ items: [], page: 1, pageCount: 1, total: 0 });
  });
});

describe("sortedBy", () => {
  const rows = [
    { name: "b10", used: new Date("2026-12-02") },
    { name: "b9", used: null },
    { name: "A1", used: new Date("2026-12-01") },
  ];

  it("sorts text naturally and without regard to case", () => {
    expect(sortedBy(rows, (row) => row.name, { descending: false }).map((row) => row.name)).toEqual([
      "A1",
      "b9",
      "b10",
    ]);
    expect(sortedBy(rows, (row) => row.name, { descending: true }).map((row) => row.name)).toEqual(["b10", "b9", "A1"]);
  });

  it("puts empty values last in both directions", () => {
    const ascending = sortedBy(rows, (row) => row.used, { descending: false }).map((row) => row.name);
    const descending = sortedBy(rows, (row) => row.used, { descending: true }).map((row) => row.name);
    expect(ascending).toEqual(["A1", "b10", "b9"]);
    expect(descending).toEqual(["b10", "A1", "b9"]);
  });
});
