/** Every email template renders in en and id from its own catalog keys, shows what SPEC asks, and escapes input. */
import { describe, expect, it } from "vitest";
import { createTranslator, LANGUAGES, type Language, type Translate } from "../../src/i18n/i18n.js";
import { renderMessage, TEMPLATE_NAMES } from "../../src/notify/templates/index.js";

const missingKeys: string[] = [];
const translator = createTranslator({ onMissingKey: (lang, key) => missingKeys.push(`${lang}: ${key}`) });

const CODE = "04829137";
const SAMPLE_DATA: Record<string, Record<string, string | number>> = {
  "reset-code": {
    orgName: "Acme",
    code: CODE,
    expiresInMinutes: 5,
    requestedAt: "2026-03-02T08:05:00.000Z",
    client: "Firefox 140 on Windows",
  },
  "password-changed": {
    orgName: "Acme",
    changedAt: "2026-03-02T08:05:00.000Z",
    client: "Firefox 140 on Windows",
    ip: "203.0.113.7",
    signInUrl: "https://sso.example.org/signin?from=email",
    userId: "budi@acme.example",
    helpdesk: "helpdesk@acme.example",
  },
  "password-changed-self": {
    orgName: "Acme",
    changedAt: "2026-03-02T08:05:00.000Z",
    client: "Firefox 140 on Windows",
    ip: "203.0.113.7",
    signInUrl: "https://sso.example.org/signin",
    userId: "budi@acme.example",
    helpdesk: "helpdesk@acme.example",
  },
  "password-reset-by-admin": {
    orgName: "Acme",
    changedAt: "2026-03-02T08:05:00.000Z",
    client: "Sandi console (system)",
    ip: "sandi-host",
    signInUrl: "https://sso.example.org/signin",
    userId: "budi@acme.example",
    helpdesk: "helpdesk@acme.example",
  },
  "security-info-changed": {
    orgName: "Acme",
    change: "added",
    method: "sms",
    masked: "+62 ••• 12",
    changedAt: "2026-03-02T08:05:00.000Z",
    client: "Firefox on Linux",
    ip: "203.0.113.9",
    userId: "budi@acme.example",
    signInUrl: "https://sso.example.org/signin",
    helpdesk: "helpdesk@acme.example",
  },
  "not-me-alert": {
    orgName: "Acme",
    userId: "budi@acme.example",
    about: "password_reset",
    aboutAt: "2026-03-02T08:05:00.000Z",
    confirmedAt: "2026-03-02T09:00:00.000Z",
    client: "Firefox 140 on Windows",
    ip: "203.0.113.7",
    supportCode: "K7QF-2M9D",
    directoryLock: "held",
    adminUrl: "https://sso.example.org/admin",
  },
  "privileged-password-reset": {
    orgName: "Acme",
    userId: "ayu@acme.example",
    actedBy: "admin",
    actor: "eko@acme.example",
    changedAt: "2026-03-02T08:05:00.000Z",
    client: "Firefox 140 on Windows",
    ip: "203.0.113.7",
    adminUrl: "https://sso.example.org/admin",
  },
  "helpdesk-request": {
    orgName: "Acme",
    replyTo: "budi.personal@mail.example",
    userId: "budi@acme.example",
    idStatus: "unknown",
    supportCode: "K7QF-2M9D",
    message: "I lost my phone <b>today</b>.",
    ip: "203.0.113.7",
    client: "Firefox 140 on Windows",
    sentAt: "2026-03-02T08:05:00.000Z",
  },
  "reset-explanation": {
    orgName: "Acme",
    reason: "SND-106",
    supportCode: "K7QF-2M9D",
    userId: "budi@acme.example",
    requestedAt: "2026-03-02T08:05:00.000Z",
    client: "Firefox 140 on Windows",
    signInUrl: "https://sso.example.org/signin",
    helpdesk: "helpdesk@acme.example",
  },
  "phone-budget-alert": { orgName: "Acme", limitPerHour: 100, droppedAt: "2026-03-02T08:05:00.000Z" },
  "access-pass-issued": {
    orgName: "Acme",
    userId: "budi@acme.example",
    issuedAt: "2026-03-02T08:05:00.000Z",
    expiresAt: "2026-03-02T09:05:00.000Z",
    helpdesk: "call 1500",
  },
  "registration-reminder": {
    orgName: "Acme",
    userId: "budi@acme.example",
    signInUrl: "https://sandi.acme.example/signin",
    helpdesk: "call 1500",
  },
  "caller-code": { orgName: "Acme", code: "48201937", expiresInMinutes: 5, helpdesk: "call 1500" },
  "password-expiry-reminder": {
    orgName: "Acme",
    userId: "budi@acme.example",
    expiresAt: "2026-03-16T08:05:00.000Z",
    changeUrl: "https://sandi.acme.example/account/password",
  },
};

/** A translate function that notes each key, so the test can check each exists in this very language. */
function recordingTranslate(lang: Language): { t: Translate; used: Set<string> } {
  const translate = translator.forLanguage(lang);
  const used = new Set<string>();
  return {
    used,
    t: (key, values) => {
      used.add(key);
      return translate(key, values);
    },
  };
}

/** The default zone; the time zone tests below pass the organisation's. */
const IN_UTC = { timeZone: "UTC" } as const;

function render(
  template: string,
  lang: Language,
  data: Record<string, string | number> = {},
  context: { timeZone: string } = IN_UTC,
) {
  const sample = SAMPLE_DATA[template];
  if (sample === undefined) throw new Error(`no sample data for ${template}`);
  return renderMessage(template, { ...sample, ...data }, translator.forLanguage(lang), context);
}

describe("email templates", () => {
  it("has sample data for every registered template", () => {
    expect(TEMPLATE_NAMES.length).toBeGreaterThan(0);
    expect([...TEMPLATE_NAMES].sort()).toEqual(Object.keys(SAMPLE_DATA).sort());
  });

  for (const template of TEMPLATE_NAMES)
    for (const lang of LANGUAGES)
      it(`${template} renders in ${lang} from keys of that language, with no raw key left`, () => {
        missingKeys.length = 0;
        const { t, used } = recordingTranslate(lang);
        const email = renderMessage(template, SAMPLE_DATA[template] ?? {}, t, IN_UTC);
        expect(missingKeys).toEqual([]);
        expect([...used].filter((key) => !translator.hasKey(lang, key))).toEqual([]);
        for (const part of [email.subject, email.text, email.html]) {
          expect(part.trim()).not.toBe("");
          expect(part).not.toMatch(/\bemail\.[a-z_]+/);
          expect(part).not.toContain("{{");
        }
        expect(email.html).toContain(`<html lang="${lang === "en" ? "en-GB" : "id-ID"}">`);
      });

  it("reset-code has SPEC's subjects and carries the code in text and HTML", () => {
    expect(render("reset-code", "en").subject).toBe("Acme verification code");
    expect(render("reset-code", "id").subject).toBe("Kode verifikasi Acme");
    for (const lang of LANGUAGES) {
      const email = render("reset-code", lang);
      expect(email.text).toContain(CODE);
      expect(email.html).toMatch(new RegExp(`<p style="[^"]*font-size:34px[^"]*">${CODE}</p>`));
      expect(email.text).toContain(lang === "en" ? "expires in 5 minutes" : "berlaku selama 5 menit");
    }
  });

  it("reset-code shows when and from which browser it was asked for, and says to ignore it otherwise", () => {
    const en = render("reset-code", "en");
    expect(en.text).toContain("2 March 2026 at 08:05 UTC");
    expect(en.text).toContain("Firefox 140 on Windows");
    expect(en.text).toContain("If you did not ask for this, ignore it; your password has not changed.");
    const id = render("reset-code", "id");
    expect(id.text).toContain("2 Maret 2026 pukul 08.05 UTC");
    expect(id.text).toContain("Kata sandi Anda tidak berubah");
    expect(id.text).toContain("Peramban: Firefox 140 di Windows");
  });

  it("an email shows its times in the organisation's time zone, named as Indonesians name it (WIB, WITA, WIT)", () => {
    const jakarta = { timeZone: "Asia/Jakarta" };
    expect(render("reset-code", "id", {}, jakarta).text).toContain("2 Maret 2026 pukul 15.05 WIB");
    expect(render("reset-code", "en", {}, jakarta).text).toContain("2 March 2026 at 15:05 GMT+7");
    for (const template of ["password-changed", "password-changed-self", "password-reset-by-admin"]) {
      expect(render(template, "id", {}, { timeZone: "Asia/Makassar" }).text).toContain("pukul 16.05 WITA");
      expect(render(template, "id", {}, { timeZone: "Asia/Jayapura" }).html).toContain("pukul 17.05 WIT");
      expect(render(template, "en", {}, { timeZone: "Asia/Jayapura" }).html).toContain("at 17:05 GMT+9");
    }
  });

  // Threat: a mail scanner or a phisher's lookalike turns a link in a code email into a click.
  it("reset-code has no link at all", () => {
    for (const lang of LANGUAGES) {
      const email = render("reset-code", lang);
      expect(email.html).not.toMatch(/<a\b|href=|https?:|www\./i);
      expect(email.text).not.toMatch(/https?:|www\./i);
    }
  });

  // Threat: a caller-code email that reads like any code email, so the user types it somewhere instead of knowing
  // their helpdesk is on the phone; or a link a phisher could copy.
  it("caller-code says the helpdesk is verifying the user, carries the code, warns, and has no link", () => {
    for (const lang of LANGUAGES) {
      const email = render("caller-code", lang);
      for (const part of [email.text, email.html]) expect(part).toContain("48201937");
      expect(email.html).not.toMatch(/<a\b|href=|https?:|www\./i);
    }
    const en = render("caller-code", "en");
    expect(en.subject).toBe("Acme: your helpdesk is verifying it is you");
    expect(en.text).toContain("Read this code to them:");
    expect(en.text).toContain("If you did not call your helpdesk, tell them: call 1500");
  });

  // Threat: a reminder a phisher could imitate with a link elsewhere, or one that says nothing about when.
  it("password-expiry-reminder gives the expiry date in the user's language and links only to the change page", () => {
    const jakarta = { timeZone: "Asia/Jakarta" };
    const en = render("password-expiry-reminder", "en", {}, jakarta);
    expect(en.subject).toBe("Your Acme password expires on 16 March 2026 at 15:05 GMT+7");
    expect(en.text).toContain("Change your password: https://sandi.acme.example/account/password");
    const id = render("password-expiry-reminder", "id", {}, jakarta);
    expect(id.subject).toBe("Kata sandi Acme Anda kedaluwarsa pada 16 Maret 2026 pukul 15.05 WIB");
    expect(id.text).toContain("Ganti kata sandi Anda: https://sandi.acme.example/account/password");
    for (const email of [en, id])
      expect([...email.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1])).toEqual([
        "https://sandi.acme.example/account/password",
      ]);
  });

  it("password-changed has SPEC's subjects and the request's time, browser and IP", () => {
    expect(render("password-changed", "en").subject).toBe("Your Acme password was reset");
    expect(render("password-changed", "id").subject).toBe("Kata sandi Acme Anda telah diatur ulang");
    const email = render("password-changed", "id");
    for (const part of [email.text, email.html]) {
      expect(part).toContain("2 Maret 2026 pukul 08.05 UTC");
      expect(part).toContain("Firefox 140 di Windows");
      expect(part).toContain("203.0.113.7");
      expect(part).toContain("meja bantuan");
    }
  });

  it("password-changed-self says the password was changed, not reset, in both languages", () => {
    expect(render("password-changed-self", "en").subject).toBe("Your Acme password was changed");
    expect(render("password-changed-self", "id").subject).toBe("Kata sandi Acme Anda telah diubah");
    expect(render("password-changed-self", "en").text).toContain("changed from My account");
  });

  it("security-info-changed names the change and the masked method, and what to do if it wasn't the user", () => {
    const en = render("security-info-changed", "en");
    expect(en.subject).toBe("Your Acme security info changed");
    expect(en.text).toContain("A method to verify you was added to your Acme account: SMS (+62 ••• 12).");
    expect(render("security-info-changed", "id", { change: "removed" }).text).toContain("Metode verifikasi dihapus");
    expect(() => render("security-info-changed", "en", { change: "stolen" })).toThrow();
  });

  it("password-reset-by-admin says an administrator set a temporary password, in both languages", () => {
    expect(render("password-reset-by-admin", "en").subject).toBe("Your Acme password was reset by your helpdesk");
    expect(render("password-reset-by-admin", "id").subject).toBe(
      "Kata sandi Acme Anda telah diatur ulang oleh meja bantuan",
    );
    expect(render("password-reset-by-admin", "en").text).toContain("temporary password");
  });

  it("password-changed links to the model's signInUrl and nowhere else", () => {
    const signInUrl = "https://login.example.net/sandi/signin";
    const email = render("password-changed", "en", { signInUrl });
    expect([...email.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1])).toEqual([signInUrl]);
    expect(email.text).toContain(signInUrl);
    expect(email.text.match(/https?:\/\/\S+/g)).toEqual([signInUrl]);
  });

  it("escapes model values in HTML", () => {
    const email = render("reset-code", "en", { orgName: '<img src=x onerror="alert(1)">' });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("refuses a sign-in link that is not http(s)", () => {
    expect(() => render("password-changed", "en", { signInUrl: "javascript:alert(1)" })).toThrow(/http/);
    expect(() => render("password-changed", "en", { signInUrl: "/relative" })).toThrow(/http/);
  });

  it("throws on an unknown template, a missing or mistyped field and a bad time", () => {
    const t = translator.forLanguage("en");
    expect(() => renderMessage("no-such-template", {}, t, IN_UTC)).toThrow(/unknown email template/);
    expect(() => renderMessage("reset-code", { orgName: "Acme" }, t, IN_UTC)).toThrow(/field code/);
    expect(() => render("reset-code", "en", { expiresInMinutes: "5" })).toThrow(/expiresInMinutes must be a number/);
    expect(() => render("reset-code", "en", { requestedAt: "yesterday" })).toThrow(/ISO time/);
  });
});
