/**
 * SPEC §7.3: the banned-password score. Threat: a user picks a password attackers try first (a common password, a
 * light variation of one, or their own or their organisation's name) and it is accepted.
 * @see issue 9 item 1
 */
import { describe, expect, it } from "vitest";
import { createBannedPasswordList } from "../../../src/domain/passwords/banned-list.js";
import { isRefusedByGlobalList } from "../../../src/domain/passwords/banned-score.js";
import { userTermsOf } from "../../../src/domain/passwords/user-terms.js";

const PERSON = {
  firstName: "Dewi",
  lastName: "Lestari",
  userId: "dewi.l@contoso.example",
  displayName: "Dewi Lestari",
};

function verdict(global: string[], password: string, lists: { custom?: string[]; organisation?: string } = {}) {
  const list = createBannedPasswordList(global);
  return list.check(password, {
    customTerms: lists.custom ?? null,
    userTerms: userTermsOf(PERSON, lists.organisation ?? "Sandi"),
  });
}

function summary(result: ReturnType<typeof verdict>) {
  return { accepted: result.accepted, score: result.score, terms: result.kept.map((kept) => kept.term) };
}

describe("SPEC §7.3's worked examples (assuming no other list term occurs)", () => {
  it("rejects C0ntos0Blank12: contoso and blank kept, l and 2 left over, score 4", () => {
    const result = verdict([], "C0ntos0Blank12", { custom: ["blank"], organisation: "Contoso" });
    expect(summary(result)).toEqual({ accepted: false, score: 4, terms: ["contoso", "blank"] });
  });

  it("accepts ContoS0Bl@nkf9!: the fuzzy blankf overlaps the exact blank and is ignored, score 5", () => {
    const result = verdict([], "ContoS0Bl@nkf9!", { custom: ["blank"], organisation: "Contoso" });
    expect(summary(result)).toEqual({ accepted: true, score: 5, terms: ["contoso", "blank"] });
  });

  it("rejects Nus@ntara1! for Contoh Nusantara: nusantara kept, l and ! left over, score 3", () => {
    const result = verdict([], "Nus@ntara1!", { organisation: "Contoh Nusantara" });
    expect(summary(result)).toEqual({ accepted: false, score: 3, terms: ["nusantara"] });
  });

  it("rejects Rahasia123 against global rahasia: l, 2 and 3 left over, score 4", () => {
    const result = verdict(["rahasia"], "Rahasia123");
    expect(summary(result)).toEqual({ accepted: false, score: 4, terms: ["rahasia"] });
  });
});

describe("fuzzy occurrences (step 3)", () => {
  it("counts a G or C term of 5 or more characters with one character replaced, inserted or deleted", () => {
    for (const variant of ["passwerd", "passsword", "pasword"])
      expect(verdict(["password"], `${variant}!7`).kept.map((kept) => [kept.term, kept.exact])).toEqual([
        ["password", false],
      ]);
    expect(verdict([], "blamk-99", { custom: ["blank"] }).kept.map((kept) => kept.term)).toEqual(["blank"]);
  });

  it("does not count two swapped neighbours (edit distance 2), a 4-character term or a user term", () => {
    expect(verdict(["password"], "psasword!7").kept).toEqual([]);
    expect(verdict(["kopi"], "kapi-rumah").kept).toEqual([]);
    expect(verdict([], "dewl-sore-hari").kept).toEqual([]);
    expect(verdict([], "lestarl-sore").kept).toEqual([]);
  });

  it("prefers an exact occurrence, then the longer span, then the leftmost, keeping none that overlap", () => {
    const result = verdict(["monkey", "monkeys", "keyboard"], "monkeyboard!!");
    expect(result.kept.map((kept) => kept.term)).toEqual(["keyboard"]);
    expect(result.score).toBe(1 + 5);
  });
});

describe("long passwords (15 or more normalised characters)", () => {
  const GLOBAL = ["correct", "horse", "battery", "staple", "passwordpassword"];

  it("accepts a passphrase of common words: G is then only a whole-password check", () => {
    expect(verdict(GLOBAL, "correct horse battery staple").accepted).toBe(true);
  });

  it("refuses a long password equal to a G entry or one edit away, and says G decided it", () => {
    for (const password of ["PasswordPassword", "passwordpassw0rd1", "passwordpasswor"]) {
      const result = verdict(GLOBAL, password);
      expect(result.accepted, password).toBe(false);
      expect(isRefusedByGlobalList(result), password).toBe(true);
    }
  });

  it("still scores custom and user terms", () => {
    expect(verdict(GLOBAL, "Contoso2024contoso!", { organisation: "Contoso" }).accepted).toBe(true);
    expect(verdict(GLOBAL, "contosocontoso!!", { organisation: "Contoso" }).accepted).toBe(false);
    expect(verdict(GLOBAL, "blankblankblank1", { custom: ["blank"] }).accepted).toBe(false);
  });
});

describe("evidence of compromise: when G decides a refusal", () => {
  it("is G when a kept occurrence comes from G, not when only custom or user terms refuse", () => {
    expect(isRefusedByGlobalList(verdict(["rahasia"], "Rahasia123"))).toBe(true);
    expect(isRefusedByGlobalList(verdict([], "Nus@ntara1!", { organisation: "Contoh Nusantara" }))).toBe(false);
    expect(isRefusedByGlobalList(verdict(["rahasia"], "rahasia-di-balik-pintu"))).toBe(false);
  });
});

describe("the custom list's index", () => {
  it("follows the policy when its terms change", () => {
    const list = createBannedPasswordList([]);
    expect(list.check("blank-99", { customTerms: ["blank"], userTerms: [] }).accepted).toBe(false);
    expect(list.check("blank-99", { customTerms: ["other"], userTerms: [] }).accepted).toBe(true);
    expect(list.check("blank-99", { customTerms: null, userTerms: [] }).accepted).toBe(true);
  });
});
