/** SPEC §4.3's code text (exact words, one GSM-7 segment, the autofill line) and code call script, in en and id. */
import { describe, expect, it } from "vitest";
import {
  buildSmsCodeText,
  buildVoiceScript,
  fitsOneSms,
  gsm7Length,
  gsm7OrgName,
  SMS_MAX_GSM7_LENGTH,
  spokenDigits,
} from "../../src/domain/phone-messages.js";
import { createTranslator } from "../../src/i18n/i18n.js";

const translator = createTranslator();
const en = translator.forLanguage("en");
const id = translator.forLanguage("id");
const HOST = "sandi.example.co.id";

function smsFor(translate: typeof en, orgName: string, host = HOST): string {
  return buildSmsCodeText({ translate, orgName, code: "482019", expiresInMinutes: 5, host });
}

describe("the code text (SMS)", () => {
  it("is SPEC's English sentence, a blank line and the origin-bound line", () => {
    expect(smsFor(en, "Dinas Pendidikan")).toBe(
      "Dinas Pendidikan: your verification code is 482019. It expires in 5 minutes. Never share it.\n\n" +
        "@sandi.example.co.id #482019",
    );
  });

  it("is SPEC's Indonesian sentence, a blank line and the origin-bound line", () => {
    expect(smsFor(id, "Dinas Pendidikan")).toBe(
      "Dinas Pendidikan: kode verifikasi Anda 482019. Berlaku 5 menit. Jangan berikan kepada siapa pun.\n\n" +
        "@sandi.example.co.id #482019",
    );
  });

  it("cuts the organisation's name to 20 characters", () => {
    const text = smsFor(en, "Dinas Pendidikan dan Kebudayaan Kabupaten Bogor");
    expect(text.startsWith("Dinas Pendidikan dan: your verification code")).toBe(true);
  });

  it("keeps a leading 0 of the code in both places", () => {
    const text = buildSmsCodeText({ translate: en, orgName: "Acme", code: "012345", expiresInMinutes: 5, host: HOST });
    expect(text).toContain("is 012345.");
    expect(text.endsWith("#012345")).toBe(true);
  });

  it("fits one 160-character GSM-7 segment in both languages, even at the longest name", () => {
    for (const translate of [en, id]) {
      const text = smsFor(translate, "X".repeat(60));
      expect(gsm7Length(text)).not.toBeNull();
      expect(gsm7Length(text)).toBeLessThanOrEqual(SMS_MAX_GSM7_LENGTH);
    }
  });

  it("shortens the name further when a long host would pass 160 characters", () => {
    const host = `${"a".repeat(50)}.example.co.id`;
    const text = smsFor(id, "Dinas Pendidikan Kota", host);
    expect(fitsOneSms(text)).toBe(true);
    expect(text.endsWith(`@${host} #482019`)).toBe(true);
    expect(text.startsWith("Dinas Pendidikan Kota:")).toBe(false);
    expect(text).toMatch(/^Dinas[^:]*: kode verifikasi Anda 482019\./);
  });

  it("drops the autofill line rather than split the text when the host alone is too long", () => {
    const host = `${"a".repeat(63)}.${"b".repeat(40)}.example.id`;
    const text = smsFor(en, "Acme", host);
    expect(fitsOneSms(text)).toBe(true);
    expect(text).toBe("Acme: your verification code is 482019. It expires in 5 minutes. Never share it.");
  });

  it("keeps the text in GSM-7 whatever the organisation's name holds", () => {
    const text = smsFor(en, "Café “Ñoño” — Ünited 🙂 办公室");
    expect(text.startsWith('Café "Ñoño" - Ünited:')).toBe(true);
    expect(smsFor(en, "Façade 🙂 办公室").startsWith("Facade: your")).toBe(true);
    expect(fitsOneSms(text)).toBe(true);
  });

  it("a name cannot add lines of its own", () => {
    expect(smsFor(en, "Acme\n\n@evil.example #000000").split("\n")).toHaveLength(3);
  });
});

describe("GSM-7 counting", () => {
  it("counts the extension table double and refuses what GSM-7 lacks", () => {
    expect(gsm7Length("abc 123")).toBe(7);
    expect(gsm7Length("[€]")).toBe(6);
    expect(gsm7Length("Ñoño à Δ")).toBe(8);
    expect(gsm7Length("ç")).toBeNull(); // only the capital Ç is in the table
    expect(gsm7Length("🙂")).toBeNull();
  });

  it("fitsOneSms holds at 160 and fails at 161", () => {
    expect(fitsOneSms("a".repeat(160))).toBe(true);
    expect(fitsOneSms("a".repeat(161))).toBe(false);
    expect(fitsOneSms(`${"a".repeat(159)}€`)).toBe(false);
  });

  it("gsm7OrgName keeps plain names as they are", () => {
    expect(gsm7OrgName("  PT  Maju   Jaya  ")).toBe("PT Maju Jaya");
  });
});

describe("the code call (voice)", () => {
  it("names the organisation and reads the code digit by digit three times, in English", () => {
    const call = buildVoiceScript({ translate: en, orgName: "Dinas Pendidikan", code: "482019" });
    expect(call.digits).toBe("4, 8, 2, 0, 1, 9");
    expect(call.script).toBe(
      "Hello, this is Dinas Pendidikan. Your verification code is 4, 8, 2, 0, 1, 9. " +
        "Again: 4, 8, 2, 0, 1, 9. Again: 4, 8, 2, 0, 1, 9. Goodbye.",
    );
  });

  it("speaks Indonesian to an Indonesian user", () => {
    const call = buildVoiceScript({ translate: id, orgName: "Dinas Pendidikan", code: "482019" });
    expect(call.script).toBe(
      "Halo, ini Dinas Pendidikan. Kode verifikasi Anda adalah 4, 8, 2, 0, 1, 9. " +
        "Sekali lagi: 4, 8, 2, 0, 1, 9. Sekali lagi: 4, 8, 2, 0, 1, 9. Terima kasih.",
    );
  });

  it("the code's digits appear exactly three times", () => {
    const { script } = buildVoiceScript({ translate: en, orgName: "Acme 4, 8", code: "482019" });
    expect(script.split(spokenDigits("482019"))).toHaveLength(4);
  });
});
