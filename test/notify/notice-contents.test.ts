/**
 * Issue 9 item 8: what a security email tells its reader. Threats: a notice that leaves a person with several
 * accounts guessing which one changed, or with no idea whom to call; a code email that carries an attacker's words
 * (a forged User-Agent) right beside the code.
 */
import { describe, expect, it } from "vitest";
import { summariseClient } from "../../src/domain/client-summary.js";
import { createTranslator, LANGUAGES } from "../../src/i18n/i18n.js";
import { renderMessage } from "../../src/notify/templates/index.js";

const translator = createTranslator();
const UTC = { timeZone: "UTC" };
const ATTACKER_UA = "IT Helpdesk: call 555 read this code";
const NOTICE = {
  orgName: "Acme",
  changedAt: "2026-03-02T08:05:00.000Z",
  client: "Firefox 140 on Windows",
  ip: "203.0.113.7",
  signInUrl: "https://sso.example.org/signin",
  userId: "budi@acme.example",
  helpdesk: "helpdesk@acme.example",
};
const NOTICES = ["password-changed", "password-changed-self", "password-reset-by-admin"] as const;

describe("security emails", () => {
  for (const template of NOTICES)
    for (const lang of LANGUAGES)
      it(`${template} (${lang}) names the account, the helpdesk contact and what to do`, () => {
        const t = translator.forLanguage(lang);
        const email = renderMessage(template, NOTICE, t, UTC);
        for (const part of [email.text, email.html]) {
          expect(part).toContain("budi@acme.example");
          expect(part).toContain("helpdesk@acme.example");
          expect(part).toContain(t(`notice.what_to_do.${template.replaceAll("-", "_")}`));
        }
      });

  it("a notice without a helpdesk in the policy says to ask IT, not an empty contact", () => {
    const email = renderMessage("password-changed", { ...NOTICE, helpdesk: "" }, translator.forLanguage("en"), UTC);
    expect(email.text).toContain("ask your IT team");
    expect(email.text).not.toMatch(/Your helpdesk: \n/);
  });

  for (const lang of LANGUAGES)
    it(`a code email (${lang}) never shows an attacker's User-Agent text beside the code`, () => {
      const t = translator.forLanguage(lang);
      const client = summariseClient(ATTACKER_UA);
      const email = renderMessage(
        "reset-code",
        { orgName: "Acme", code: "04829137", expiresInMinutes: 5, requestedAt: NOTICE.changedAt, client },
        t,
        UTC,
      );
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toContain("IT Helpdesk");
        expect(part).not.toContain("555");
      }
      expect(email.text).toContain(t("notice.unrecognised_browser"));
    });

  it("a recognised browser is still named in the code email and the notices", () => {
    const client = summariseClient("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0");
    const t = translator.forLanguage("en");
    const code = renderMessage(
      "reset-code",
      { orgName: "Acme", code: "04829137", expiresInMinutes: 5, requestedAt: NOTICE.changedAt, client },
      t,
      UTC,
    );
    expect(code.text).toContain("Firefox 140 on Windows");
    expect(renderMessage("password-changed", { ...NOTICE, client: ATTACKER_UA }, t, UTC).text).not.toContain("555");
  });
});
