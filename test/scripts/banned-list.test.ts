/**
 * The shipped global list G (SPEC §7.4) is what scripts/build-banned-list.ts derives, by its rules. Threat: a list
 * edited by hand, or built from another source, silently weakens or breaks the banned-password check.
 * @see issue 9 item 1
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  deriveFromRepository,
  type DerivedList,
  readShippedList,
  SOURCE_ENTRIES,
} from "../../scripts/banned-list/derive-global-list.js";
import { codePointLength, normaliseForBannedCheck } from "../../src/domain/passwords/normalise.js";

const repository = join(import.meta.dirname, "..", "..");

describe("the shipped global list", () => {
  let shipped: string[];
  let derived: DerivedList;
  beforeAll(() => {
    shipped = readShippedList(repository);
    derived = deriveFromRepository(repository);
  });

  it("is the script's output: the first 100,000 filtered SecLists entries, then the Indonesian supplement", () => {
    expect(derived.fromSource).toBe(SOURCE_ENTRIES);
    expect(derived.fromSupplement).toBeGreaterThanOrEqual(400);
    expect(shipped.length).toBe(SOURCE_ENTRIES + derived.fromSupplement);
    expect(shipped).toEqual(derived.terms);
  });

  it("holds only normalised, distinct terms of 4–16 characters", () => {
    expect(new Set(shipped).size).toBe(shipped.length);
    const misfits = shipped.filter((term) => {
      const length = codePointLength(term);
      return normaliseForBannedCheck(term) !== term || length < 4 || length > 16;
    });
    expect(misfits).toEqual([]);
  });

  it("holds the common passwords the issue names, English and Indonesian", () => {
    for (const term of ["rahasia", "password", "qwerty", "bismillah", "sayang", "katasandi", "merdeka"])
      expect(shipped, term).toContain(term);
  });
});
