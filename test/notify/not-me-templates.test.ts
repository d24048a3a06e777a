/**
 * The "This wasn't me" link in the notices, and the two admin emails, in en and id. Threats: a notice whose link a
 * forged row turns into `javascript:`; a notice queued before this build (no link in its row) that fails to render
 * and so never reaches its reader; an admin alert that hides that the directory still needs someone to lock it.
 */
import { describe, expect, it } from "vitest";
import { createTranslator, LANGUAGES } from "../../src/i18n/i18n.js";
import { renderMessage } from "../../src/notify/templates/index.js";

const translator = createTranslator();
const UTC = { timeZone: "UTC" };
const URL_EN = `https://sandi.example/not-me/${"A".repeat(43)}?lang=en`;
const NOTICE = {
  orgName: "Acme",
  changedAt: "2026-03-02T08:05:00.000Z",
  client: "Firefox 140 on Windows",
  ip: "203.0.113.7",
  signInUrl: "https://sandi.example/signin",
  userId: "budi@acme.example",
  helpdesk: "helpdesk@acme.example",
};
const SECURITY_INFO = { ...NOTICE, change: "added", method: "sms", masked: "+62 ••• 12" };
const NOTICES = {
  "password-changed": NOTICE,
  "password-changed-self": NOTICE,
  "password-reset-by-admin": NOTICE,
  "security-info-changed": SECURITY_INFO,
} as const;

describe("the link in every notice", () => {
  for (const [template, data] of Object.entries(NOTICES))
    for (const lang of LANGUAGES)
      it(`${template} (${lang}) carries the link in text and HTML`, () => {
        const t = translator.forLanguage(lang);
        const email = renderMessage(template, { ...data, notMeUrl: URL_EN }, t, UTC);
        expect(email.text).toContain(`${t("not_me.notice.label")}: ${URL_EN}`);
        expect(email.html).toContain(`href="${URL_EN.replace("&", "&amp;")}"`);
        expect(email.html).toContain(t("not_me.notice.label").replaceAll("'", "&#39;"));
      });

  it("a notice queued before notices carried a link still renders, without one", () => {
    const email = renderMessage("password-changed", NOTICE, translator.forLanguage("en"), UTC);
    expect(email.text).not.toContain("/not-me/");
    expect(email.text).toContain("Your helpdesk: helpdesk@acme.example");
  });

  it("a link that is not http(s) is refused, not rendered", () => {
    expect(() =>
      renderMessage(
        "password-changed",
        { ...NOTICE, notMeUrl: "javascript:alert(1)" },
        translator.forLanguage("en"),
        UTC,
      ),
    ).toThrow(/not an http/);
  });
});

describe("the admin emails", () => {
  const ALERT = {
    orgName: "Acme",
    userId: "budi@acme.example",
    about: "password_reset",
    aboutAt: "2026-03-02T08:05:00.000Z",
    confirmedAt: "2026-03-02T09:00:00.000Z",
    client: "Firefox 140 on Windows",
    ip: "203.0.113.7",
    supportCode: "K7QF-2M9D",
    directoryLock: "manual_action_needed",
    adminUrl: "https://sandi.example/admin",
  };

  it("the hold alert names the account, the reported change, the support code and the manual action", () => {
    const email = renderMessage("not-me-alert", ALERT, translator.forLanguage("en"), UTC);
    expect(email.subject).toBe("Acme: account budi@acme.example put on security hold");
    for (const part of [email.text, email.html]) {
      expect(part).toContain("Reported change: Password reset, 2 March 2026");
      expect(part).toContain("Support code: K7QF-2M9D");
      expect(part).toContain("IP address: 203.0.113.7");
      expect(part).toContain("Manual action needed");
    }
    const held = renderMessage("not-me-alert", { ...ALERT, directoryLock: "held" }, translator.forLanguage("id"), UTC);
    expect(held.text).toContain("Direktori bawaan Sandi menahan akun tersebut");
    expect(() =>
      renderMessage("not-me-alert", { ...ALERT, about: "other" }, translator.forLanguage("en"), UTC),
    ).toThrow();
  });

  it("the privileged reset notice says who acted: the user, an administrator, or the console", () => {
    const base = {
      orgName: "Acme",
      userId: "ayu@acme.example",
      actor: "",
      changedAt: "2026-03-02T08:05:00.000Z",
      client: "Firefox 140 on Windows",
      ip: "203.0.113.7",
      adminUrl: "https://sandi.example/admin",
    };
    const en = translator.forLanguage("en");
    expect(renderMessage("privileged-password-reset", { ...base, actedBy: "self" }, en, UTC).text).toContain(
      "ayu@acme.example, who holds an admin role, reset their own password",
    );
    const byAdmin = { ...base, actedBy: "admin", actor: "eko@acme.example" };
    expect(renderMessage("privileged-password-reset", byAdmin, en, UTC).text).toContain(
      "was reset by the administrator eko@acme.example",
    );
    const id = renderMessage(
      "privileged-password-reset",
      { ...base, actedBy: "console" },
      translator.forLanguage("id"),
      UTC,
    );
    expect(id.subject).toBe("Acme: kata sandi administrator ayu@acme.example telah diatur ulang");
    expect(id.text).toContain("dari konsol Sandi di server");
  });
});
