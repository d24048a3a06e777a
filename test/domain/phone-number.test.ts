/** SPEC §4.3's reading of typed phone numbers, the allowed-country check (O2) and the masks of §4.2. */
import { describe, expect, it } from "vitest";
import {
  canReceiveTexts,
  compactTypedPhone,
  formatPhoneNumber,
  isAllowedCountry,
  isSamePhoneNumber,
  maskPhoneNumber,
  normaliseCallingCode,
  parseTypedPhone,
  phoneLastDigits,
  regionsOfCallingCode,
} from "../../src/domain/phone-number.js";

const BUDI_MOBILE = { e164: "+6281234567812", callingCode: "62", region: "ID", lineType: "mobile" } as const;

describe("parseTypedPhone", () => {
  it.each([
    ["0812-3456-7812", "national with the trunk 0 and dashes"],
    ["0812 3456 7812", "national with spaces"],
    ["(0812) 3456.7812", "parentheses and dots"],
    ["812 3456 7812", "national without the trunk 0"],
    ["+62 812-3456-7812", "international with +"],
    ["0062 812 3456 7812", "international with 00"],
    ["+6281234567812", "already E.164"],
  ])("reads %s (%s) as Budi's mobile under +62", (typed) => {
    expect(parseTypedPhone(typed, "62")).toEqual({ ok: true, value: BUDI_MOBILE });
  });

  it("accepts the picked calling code with or without +", () => {
    expect(parseTypedPhone("081234567812", "+62")).toEqual({ ok: true, value: BUDI_MOBILE });
  });

  it("an international number ignores the picked country", () => {
    expect(parseTypedPhone("+1 (415) 555-2671", "62")).toEqual({
      ok: true,
      value: { e164: "+14155552671", callingCode: "1", region: "US", lineType: "fixed_or_mobile" },
    });
  });

  it("a Jakarta landline is a fixed line, which cannot take texts", () => {
    const parsed = parseTypedPhone("(021) 5790-1234", "62");
    expect(parsed).toEqual({
      ok: true,
      value: { e164: "+622157901234", callingCode: "62", region: "ID", lineType: "fixed" },
    });
    expect(parsed.ok && canReceiveTexts(parsed.value.lineType)).toBe(false);
    expect(canReceiveTexts("mobile")).toBe(true);
    expect(canReceiveTexts("fixed_or_mobile")).toBe(true);
  });

  it("a trunk 0 that is part of the number stays (Italy keeps its 0 in E.164)", () => {
    expect(parseTypedPhone("06 1234 5678", "39")).toMatchObject({ ok: true, value: { e164: "+390612345678" } });
  });

  it("refuses a number too short for its country", () => {
    expect(parseTypedPhone("0812", "62")).toEqual({ ok: false, reason: "too_short" });
    expect(parseTypedPhone("+62 812", "1")).toEqual({ ok: false, reason: "too_short" });
  });

  it("refuses a number with more than 15 digits", () => {
    expect(parseTypedPhone("+62 812 3456 7812 3456", "62")).toEqual({ ok: false, reason: "too_long" });
    expect(parseTypedPhone("0812 3456 7812 3456 78", "62")).toEqual({ ok: false, reason: "too_long" });
  });

  it.each([
    ["", "62", "empty"],
    ["   ", "62", "spaces only"],
    ["0812-CALL-BUDI", "62", "letters"],
    ["+62 812 3456 7812 ext. 5", "62", "an extension (the office phone's extension is its own field)"],
    ["+62+812345678", "62", "a second +"],
    ["#0812345678", "62", "a symbol"],
    ["+999 1234 5678", "62", "an unknown calling code"],
    ["0812 3456 7812", "999", "a national number under a code nobody uses"],
    ["9".repeat(41), "62", "absurdly long input"],
  ])("refuses %j under +%s as invalid (%s)", (typed, selected) => {
    expect(parseTypedPhone(typed, selected)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a number the metadata says no operator issues", () => {
    expect(parseTypedPhone("+62 11 1234 5678", "62")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a number from a country outside allowedPhoneCountries (SND-214)", () => {
    expect(parseTypedPhone("+1 415 555 2671", "62", ["62"])).toEqual({ ok: false, reason: "country_not_allowed" });
    expect(parseTypedPhone("+1 415 555 2671", "62", ["+62", "+1"])).toMatchObject({ ok: true });
    expect(parseTypedPhone("0812-3456-7812", "62", ["62"])).toEqual({ ok: true, value: BUDI_MOBILE });
  });
});

describe("compactTypedPhone", () => {
  it("drops spaces, dashes, dots and parentheses and turns 00 into +", () => {
    expect(compactTypedPhone(" (0062) 812-3456.7812 ")).toBe("+6281234567812");
    expect(compactTypedPhone("0812\u00a03456\u20037812")).toBe("081234567812");
  });

  it("reads full-width digits as digits (NFKC)", () => {
    expect(compactTypedPhone("０８１２３４５６７８１２")).toBe("081234567812");
  });
});

describe("isAllowedCountry (O2: never dialled outside the list)", () => {
  it("matches the number's calling code against the list, with or without +", () => {
    expect(isAllowedCountry("+6281234567812", ["62"])).toBe(true);
    expect(isAllowedCountry("+6281234567812", ["+62"])).toBe(true);
    expect(isAllowedCountry("+14155552671", ["62"])).toBe(false);
    expect(isAllowedCountry("+14155552671", [])).toBe(false);
  });

  it("compares whole calling codes: +6 is not +62, and +65 (Singapore) is not +62", () => {
    expect(isAllowedCountry("+6281234567812", ["6"])).toBe(false);
    expect(isAllowedCountry("+6581234567", ["62"])).toBe(false);
  });

  it("refuses what is not a number", () => {
    expect(isAllowedCountry("+999123456", ["999"])).toBe(false);
    expect(isAllowedCountry("not a number", ["62"])).toBe(false);
  });
});

describe("display and masks (SPEC §4.2, §4.3)", () => {
  it("shows one space after the calling code", () => {
    expect(formatPhoneNumber("+6281234567812")).toBe("+62 81234567812");
    expect(formatPhoneNumber("+14155552671")).toBe("+1 4155552671");
  });

  it("masks to the calling code and the last two digits", () => {
    expect(maskPhoneNumber("+6281234567812")).toBe("+62 ••• 12");
    expect(maskPhoneNumber("+622157901234")).toBe("+62 ••• 34");
    expect(maskPhoneNumber("+14155552671")).toBe("+1 ••• 71");
  });

  it("a gate shows only the last two digits", () => {
    expect(phoneLastDigits("+6281234567812")).toBe("12");
  });

  it("the mask reveals neither the length nor the middle digits", () => {
    const masked = maskPhoneNumber("+6281234567812");
    expect(masked).not.toMatch(/812|345|678/);
    expect(maskPhoneNumber("+62812345678")).toHaveLength(masked.length);
  });
});

describe("calling codes", () => {
  it("normalises a picked code and refuses unknown ones", () => {
    expect(normaliseCallingCode("+62")).toBe("62");
    expect(normaliseCallingCode(" 62 ")).toBe("62");
    expect(normaliseCallingCode("999")).toBeNull();
    expect(normaliseCallingCode("6a")).toBeNull();
  });

  it("names the regions of a code for the country picker", () => {
    expect(regionsOfCallingCode("62")).toEqual(["ID"]);
    expect(regionsOfCallingCode("+1")).toContain("US");
    expect(regionsOfCallingCode("999")).toEqual([]);
  });

  it("one number cannot be both mobile and office phone: compared as E.164", () => {
    const typedTwice = [parseTypedPhone("0812 3456 7812", "62"), parseTypedPhone("+62 812-3456-7812", "62")];
    const [first, second] = typedTwice.map((parsed) => (parsed.ok ? parsed.value.e164 : ""));
    expect(isSamePhoneNumber(first ?? "", second ?? "")).toBe(true);
    expect(isSamePhoneNumber("+6281234567812", "+622157901234")).toBe(false);
  });
});
