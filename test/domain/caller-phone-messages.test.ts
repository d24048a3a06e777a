/**
 * The text and call that verify a caller (SPEC §10): who asks, the code to read aloud, what to do if the user did
 * not call; one GSM-7 segment in en and id, with no autofill line (the code is read to a person, never typed).
 */
import { describe, expect, it } from "vitest";
import { buildCallerSmsText, buildCallerVoiceScript, fitsOneSms } from "../../src/domain/phone-messages.js";
import { createTranslator } from "../../src/i18n/i18n.js";

const translator = createTranslator();
const en = translator.forLanguage("en");
const id = translator.forLanguage("id");

describe("the caller verification text and call", () => {
  it("says the helpdesk is verifying the user, gives the code, and what to do if they did not call", () => {
    expect(buildCallerSmsText({ translate: en, orgName: "Dinas Pendidikan", code: "482019" })).toBe(
      "Dinas Pendidikan: your helpdesk is verifying it is you. Read this code to them: 482019. " +
        "If you did not call your helpdesk, tell them.",
    );
    expect(buildCallerSmsText({ translate: id, orgName: "Dinas Pendidikan", code: "482019" })).toContain(
      "Bacakan kode ini kepada mereka: 482019.",
    );
  });

  it("fits one segment in both languages with a long organisation name, and has no autofill line", () => {
    const orgName = "Pemerintah Provinsi Daerah Khusus Ibukota Jakarta — Dinas Komunikasi";
    for (const translate of [en, id]) {
      const text = buildCallerSmsText({ translate, orgName, code: "482019" });
      expect(fitsOneSms(text)).toBe(true);
      expect(text).not.toContain("#482019");
    }
  });

  it("the call reads the code three times and ends with the warning and a goodbye", () => {
    const call = buildCallerVoiceScript({ translate: en, orgName: "Dinas Pendidikan", code: "4820" });
    expect(call.script).toBe(
      "Hello, this is Dinas Pendidikan. Your helpdesk is verifying it is you. Read this code to them: 4, 8, 2, 0. " +
        "Again: 4, 8, 2, 0. Again: 4, 8, 2, 0. If you did not call your helpdesk, tell them. Goodbye.",
    );
    expect(buildCallerVoiceScript({ translate: id, orgName: "X", code: "12" }).script).toContain(
      "Jika Anda tidak menelepon helpdesk, beri tahu mereka.",
    );
  });
});
