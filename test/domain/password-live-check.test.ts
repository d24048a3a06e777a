/** The live checklist's items (SPEC §6.7): each broken rule unticks its own item, and only rules in force are listed. */
import { describe, expect, it } from "vitest";
import { checklistItems, checklistOf, passwordChecklist } from "../../src/domain/password-live-check.js";
import { checkNewPassword } from "../../src/domain/policies/password-policy.js";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import { createBannedPasswordList } from "../../src/domain/passwords/banned-list.js";

const POLICY = DEFAULT_POLICY.password;
const TERMS = { firstName: "Budi", lastName: "Santoso", userId: "budi@contoh.example", displayName: "Budi Santoso" };
/** The user's names are scored whatever G holds; an empty G keeps this test about the checklist, not the list. */
const RULES = {
  policy: POLICY,
  userTerms: TERMS,
  organisationName: "Contoh",
  bannedList: createBannedPasswordList([]),
};

describe("live checklist", () => {
  it("a broken rule unticks only its own item", () => {
    expect(checklistOf([{ code: "SND-501" }], POLICY)).toEqual({
      length: false,
      characters: true,
      banned: true,
      match: true,
    });
    expect(checklistOf([{ code: "SND-507" }, { code: "SND-504" }], POLICY)).toMatchObject({
      characters: false,
      match: false,
    });
  });

  it("the banned score (SND-505) and the user's names (SND-509) both untick 'not a common password or your name'", () => {
    expect(checklistOf([{ code: "SND-505" }], POLICY).banned).toBe(false);
    expect(checklistOf([{ code: "SND-509" }], POLICY).banned).toBe(false);
  });

  it("lists character classes only when the policy asks for them", () => {
    expect(checklistItems(POLICY)).toEqual(["length", "characters", "banned", "match"]);
    const strict = { ...POLICY, requireClasses: true };
    expect(checklistItems(strict)).toEqual(["length", "classes", "characters", "banned", "match"]);
    expect(passwordChecklist(strict)).toEqual({
      items: checklistItems(strict),
      minLength: 8,
      maxLength: 256,
      requireClasses: true,
    });
  });

  it("ticks exactly what checkNewPassword passes: a name in the password unticks banned, a long good one ticks all", () => {
    const named = checkNewPassword("BudiSantoso1", { ...RULES, confirmation: "BudiSantoso1" });
    expect(checklistOf(named, POLICY)).toEqual({ length: true, characters: true, banned: false, match: true });
    const good = checkNewPassword("Kopi-Tubruk-di-Pagi-Hari", { ...RULES, confirmation: "x" });
    expect(checklistOf(good, POLICY)).toEqual({ length: true, characters: true, banned: true, match: false });
  });
});
