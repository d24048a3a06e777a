/** SPEC §13.3's table: every failure a page explains has words in both languages, and no hidden reason has an entry. */
import { describe, expect, it } from "vitest";
import { USER_ERRORS_BY_CODE, USER_ERRORS_WITHOUT_CODE } from "../../../src/domain/user-errors.js";
import { createTranslator, LANGUAGES } from "../../../src/i18n/i18n.js";

const translator = createTranslator();

describe("the user-error table", () => {
  it("has both sentences of every entry in English and Indonesian", () => {
    const entries = [...Object.values(USER_ERRORS_BY_CODE), ...Object.values(USER_ERRORS_WITHOUT_CODE)];
    const missing = entries.flatMap((entry) =>
      LANGUAGES.flatMap((lang) =>
        [entry.happened, entry.next].filter((key) => !translator.hasKey(lang, key)).map((key) => `${lang}: ${key}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  // Threat: a failure page tells a stranger why a flow is inert (SPEC §6.4) or that a sign-in lock is on (§8.3).
  it("a reason SPEC keeps from the user cannot be shown: it has no entry", () => {
    for (const hidden of ["SND-101", "SND-102", "SND-204", "SND-205", "SND-213", "SND-215", "SND-307"])
      expect(Object.keys(USER_ERRORS_BY_CODE), hidden).not.toContain(hidden);
  });

  it("covers SPEC §13.3's rows that this build can show", () => {
    expect(Object.keys(USER_ERRORS_BY_CODE)).toEqual(
      expect.arrayContaining(["SND-104", "SND-105", "SND-107", "SND-110", "SND-111", "SND-112", "SND-113", "SND-212"]),
    );
    expect(Object.keys(USER_ERRORS_BY_CODE)).toEqual(
      expect.arrayContaining([
        "SND-301",
        "SND-302",
        "SND-303",
        "SND-304",
        "SND-305",
        "SND-306",
        "SND-401",
        "SND-410",
        "SND-411",
      ]),
    );
  });
});
