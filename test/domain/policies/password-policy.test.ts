/**
 * SPEC §7.1, §7.2, §7.5: the new-password checks, by example and by property. The banned-password score (§7.3) has
 * its own tests in test/domain/passwords/; here it runs with the shipped global list, as in production.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  checkNewPassword,
  displayCharacter,
  type PasswordCheckContext,
  type PasswordPolicy,
  passwordRules,
  userTermsOf,
} from "../../../src/domain/policies/password-policy.js";
import { DEFAULT_POLICY } from "../../../src/domain/policies/sspr-policy.js";
import { REASONS } from "../../../src/domain/reasons.js";
import { createTranslator } from "../../../src/i18n/i18n.js";
import { shippedBannedPasswordList } from "../../../src/compose-passwords.js";

const POLICY: PasswordPolicy = DEFAULT_POLICY.password;
const ALICE = { firstName: "Alice", lastName: "Wibowo", userId: "alice.w@contoh.id", displayName: "Alice Wibowo" };
const bannedList = shippedBannedPasswordList();
const ORGANISATION = "Contoh Nusantara";

/** What the checks know besides the policy: Alice at Contoh Nusantara, with the shipped global list. */
function contextFor(userTerms: typeof ALICE, policy: PasswordPolicy, confirmation: string): PasswordCheckContext {
  return { policy, userTerms, organisationName: ORGANISATION, bannedList, confirmation };
}

/** Checks `candidate` for Alice, confirmed by itself unless told otherwise. */
function check(candidate: string, policy: Partial<PasswordPolicy> = {}, confirmation = candidate) {
  return checkNewPassword(candidate, contextFor(ALICE, { ...POLICY, ...policy }, confirmation));
}

const codes = (candidate: string, policy: Partial<PasswordPolicy> = {}) => check(candidate, policy).map((v) => v.code);

describe("length (SND-501, SND-502)", () => {
  it("refuses fewer than the minimum and names the minimum", () => {
    expect(check("Tb7!qZ2")).toEqual([{ code: "SND-501", values: { min: 8 } }]);
    expect(check("Tb7!qZ2#vKm", { minLength: 12 })).toEqual([{ code: "SND-501", values: { min: 12 } }]);
  });

  it("accepts 8 and 256 code points and refuses 257", () => {
    expect(check("Tb7!qZ2#")).toEqual([]);
    expect(check("k".repeat(256))).toEqual([]);
    expect(codes("k".repeat(257))).toEqual(["SND-502"]);
  });

  it("counts code points after NFC, so a decomposed é counts once and an emoji counts once", () => {
    expect(check("e\u0301".repeat(8))).toEqual([]);
    expect(check("e\u0301".repeat(256))).toEqual([]);
    expect(codes("e\u0301".repeat(7))).toEqual(["SND-501"]);
    expect(check("🔑".repeat(8))).toEqual([]);
  });
});

describe("character classes (SND-503)", () => {
  it("is not checked while requireClasses is off", () => {
    expect(check("kopitubruk")).toEqual([]);
  });

  it("asks for 3 of lowercase, capitals, digits and other when on", () => {
    expect(codes("kopitubruk", { requireClasses: true })).toEqual(["SND-503"]);
    expect(codes("KopiTubruk", { requireClasses: true })).toEqual(["SND-503"]);
    expect(codes("KopiTubruk1", { requireClasses: true })).toEqual([]);
    expect(codes("kopi tubruk1", { requireClasses: true })).toEqual([]);
    expect(codes("пароль1!", { requireClasses: true })).toEqual([]);
    expect(codes("密码密码密码A1", { requireClasses: true })).toEqual([]);
  });
});

describe("allowed characters (SND-504)", () => {
  it("refuses control, format, private-use, unassigned and lone-surrogate code points in Unicode mode", () => {
    expect(check("kopitubruk\u0007")).toEqual([{ code: "SND-504", values: { char: "U+0007" } }]);
    expect(check("kopi\u200Btubruk")).toEqual([{ code: "SND-504", values: { char: "U+200B" } }]);
    expect(check("kopitubruk\uE000")).toEqual([{ code: "SND-504", values: { char: "U+E000" } }]);
    expect(check("kopitubruk\u0378")).toEqual([{ code: "SND-504", values: { char: "U+0378" } }]);
    expect(check("kopitubruk\uD800")).toEqual([{ code: "SND-504", values: { char: "U+D800" } }]);
  });

  it("accepts spaces, non-Latin letters and emoji in Unicode mode", () => {
    expect(check(" kata sandi rahasia ")).toEqual([]);
    expect(check("ஆம் 🔑 Ünïcödé 密码")).toEqual([]);
  });

  it("accepts exactly printable ASCII in ASCII mode and names the first other character", () => {
    expect(check("A-z 0~!@#$%^&*()_+={}[]|\\:;\"'<>,.?/`", { charset: "ascii" })).toEqual([]);
    expect(check("kopi-tübrük", { charset: "ascii" })).toEqual([{ code: "SND-504", values: { char: "ü" } }]);
    expect(check("kopi\u00A0tubruk", { charset: "ascii" })).toEqual([{ code: "SND-504", values: { char: "U+00A0" } }]);
  });

  it("shows invisible characters as U+XXXX and visible ones as themselves", () => {
    expect(displayCharacter("\u0000")).toBe("U+0000");
    expect(displayCharacter("\u{E0001}")).toBe("U+E0001");
    expect(displayCharacter("\u0301")).toBe("U+0301");
    expect(displayCharacter("é")).toBe("é");
    expect(displayCharacter("<")).toBe("<");
  });
});

describe("user terms inside the banned-password score (SND-505, no longer SND-509)", () => {
  it("refuses a name, the user-ID local part or the organisation with too little else, whatever the case or width", () => {
    expect(codes("xALICEx!")).toEqual(["SND-505"]);
    expect(codes("Wibowo99")).toEqual(["SND-505"]);
    expect(codes("ＡＬＩＣＥ#7!")).toEqual(["SND-505"]);
    expect(codes("alice.w-7#")).toEqual(["SND-505"]);
    expect(codes("Nus@ntara1!")).toEqual(["SND-505"]);
  });

  it("accepts a name with enough else around it: a name is one point, not a refusal", () => {
    expect(codes("alice-naik-sepeda-ke-pasar")).toEqual([]);
  });

  it("never emits SND-509, which SPEC §7.6 keeps for the directory's complexity rule", () => {
    expect(codes("alice")).not.toContain("SND-509");
  });

  it("takes first and last name, each organisation word, the organisation without spaces and the local part", () => {
    expect(userTermsOf({ ...ALICE, userId: "budi.santoso_jr@contoh.id" }, "PT Contoh Nusantara")).toEqual([
      "alice",
      "wibowo",
      "contoh",
      "nusantara",
      "ptcontohnusantara",
      "budi.santoso_jr",
    ]);
  });

  it("ignores terms shorter than 4 characters", () => {
    const bob = { firstName: "Bob", lastName: "Li", userId: "bo.li@contoh.id", displayName: "Bob Li" };
    expect(userTermsOf(bob, "PT Aja")).toEqual(["ptaja", "bo.li"]);
  });
});

describe("confirmation (SND-507) and several rules at once", () => {
  it("refuses a different confirmation but accepts an NFC-equal one", () => {
    expect(codes("kopitubruk", {})).toEqual([]);
    expect(check("kopitubruk", {}, "kopitubruK")).toEqual([{ code: "SND-507" }]);
    expect(check("café-tubruk", {}, "cafe\u0301-tubruk")).toEqual([]);
  });

  it("lists one entry per broken rule, in the page's order", () => {
    const violations = check("alice\u0007", { requireClasses: true }, "other");
    expect(violations.map((v) => v.code)).toEqual(["SND-501", "SND-503", "SND-504", "SND-505", "SND-507"]);
  });
});

describe("properties", () => {
  const anyUnit = fc.oneof(
    fc.string({ unit: "binary", maxLength: 2000 }),
    fc.string({ unit: fc.nat(0xffff).map((n) => String.fromCharCode(n)), maxLength: 2000 }),
  );

  test.prop([anyUnit, anyUnit])("returns a list for any input and never throws", (candidate, confirmation) => {
    expect(Array.isArray(check(candidate, {}, confirmation))).toBe(true);
  });

  const nameUnit = fc.constantFrom(
    ...Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñüÄÖçłøαβγδДЕЖКИя"),
  );
  const name = fc.string({ unit: nameUnit, minLength: 4, maxLength: 16 });

  const fewOthers = fc.string({ unit: fc.constantFrom(...Array.from("!#%&*+-=?^_~")), maxLength: 3 });

  test.prop([fewOthers, name, fc.nat(3)])(
    "refuses a password that is the user's first name (4 or more characters) with at most 3 other characters",
    (others, firstName, split) => {
      const context = contextFor({ ...ALICE, firstName }, POLICY, "");
      const candidate = `${others.slice(0, split)}${firstName}${others.slice(split)}`;
      expect(checkNewPassword(candidate, context).map((v) => v.code)).toContain("SND-505");
    },
  );

  const alphanumeric = fc.constantFrom(...Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
  const ZOFIA = { firstName: "Żółć", lastName: "Łęgów", userId: "ż.ł@contoh.id", displayName: "Żółć Łęgów" };

  test.prop([fc.string({ unit: alphanumeric, minLength: 8, maxLength: 256 }), fc.constantFrom("unicode", "ascii")])(
    "refuses 8–256 ASCII letters and digits for no rule but, at most, the banned-password score",
    (candidate, charset) => {
      const context = contextFor(ZOFIA, { ...POLICY, charset }, candidate);
      expect(checkNewPassword(candidate, context).filter((v) => v.code !== "SND-505")).toEqual([]);
    },
  );

  test.prop([fc.integer({ min: 1, max: 300 })])("counts a decomposed é once", (count) => {
    const length = check("e\u0301".repeat(count)).map((v) => v.code);
    expect(length.includes("SND-501")).toBe(count < 8);
    expect(length.includes("SND-502")).toBe(count > 256);
  });
});

describe("rules shown up front and their messages", () => {
  it("lists length, characters, not-common-or-your-name and history for the default policy", () => {
    expect(passwordRules(POLICY)).toEqual([
      { key: "password.rule_hint.length", values: { min: 8, max: 256 } },
      { key: "password.rule_hint.characters_unicode" },
      { key: "password.rule_hint.not_common" },
      { key: "password.rule_hint.not_recent", values: { count: 5 } },
    ]);
  });

  it("adds classes when on and drops history when 0", () => {
    const keys = passwordRules({ ...POLICY, requireClasses: true, charset: "ascii", history: 0 }).map((r) => r.key);
    expect(keys).toEqual([
      "password.rule_hint.length",
      "password.rule_hint.classes",
      "password.rule_hint.characters_ascii",
      "password.rule_hint.not_common",
    ]);
  });

  it("has every message in English and Indonesian, with SPEC §7.5's words", () => {
    const translator = createTranslator();
    const hints = [
      ...passwordRules({ ...POLICY, requireClasses: true }),
      ...passwordRules({ ...POLICY, charset: "ascii" }),
    ];
    const keys = [...Object.values(REASONS).map((r) => r.userMessage), ...hints.map((h) => h.key)];
    for (const key of keys.filter((k) => k.startsWith("password."))) {
      expect(translator.hasKey("en", key), key).toBe(true);
      expect(translator.hasKey("id", key), key).toBe(true);
    }
    const en = translator.forLanguage("en");
    const id = translator.forLanguage("id");
    expect(en("password.rule.too_short", { min: 12 })).toBe("Use at least 12 characters.");
    expect(id("password.rule.character", { char: "U+0007" })).toBe("Karakter ini tidak diizinkan: U+0007");
    expect(en("password.rule_hint.not_recent", { count: 1 })).toBe("Not your previous password.");
    expect(en("password.rule_hint.not_recent", { count: 5 })).toBe("Not one of your last 5 passwords.");
    expect(id("password.rule_hint.not_recent", { count: 5 })).toBe("Bukan salah satu dari 5 kata sandi terakhir Anda.");
  });
});
