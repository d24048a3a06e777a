/** SPEC §7.3 step 1 by example: the substitutions and the folding that make a variant match its term. */
import { describe, expect, it } from "vitest";
import { codePointLength, normaliseForBannedCheck } from "../../../src/domain/passwords/normalise.js";

describe("normaliseForBannedCheck", () => {
  it("folds width and case and replaces 0, 1, $ and @", () => {
    expect(normaliseForBannedCheck("P@$$w0rd1")).toBe("passwordl");
    expect(normaliseForBannedCheck("ＲＡＨＡＳＩＡ１２３")).toBe("rahasial23");
  });

  it("recomposes a mark after a replaced digit, so the result normalises to itself", () => {
    expect(normaliseForBannedCheck("\u2460\u0301")).toBe("\u013A");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("🔑kunci")).toBe(6);
  });
});
