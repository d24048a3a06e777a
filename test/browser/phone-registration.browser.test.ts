/**
 * A mobile phone registered in Chromium, in English and Indonesian (SPEC §4.1, §16): the user signs in, picks the
 * country, types the number as at home, asks for a text, reads the code the provider received and types it. Each page
 * passes axe and the CSP holds; the overview then shows the number masked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTranslator, type Language } from "../../src/i18n/i18n.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { PHONE_POLICY } from "../support/phone-journey.js";
import { type SmsReceiver, startSmsReceiver } from "../support/sms-receiver.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
const PEOPLE = {
  en: { userId: "budi@contoh.example", typed: "0812-3456-7812", e164: "+6281234567812", masked: "+62 ••• 12" },
  id: { userId: "sari@contoh.example", typed: "0813 9876 5434", e164: "+6281398765434", masked: "+62 ••• 34" },
} as const;
const translator = createTranslator();

describe("registering a mobile phone by text in Chromium", () => {
  let sandi: ListeningSandi;
  let receiver: SmsReceiver;
  const pages = new BrowserPages();

  beforeAll(async () => {
    receiver = await startSmsReceiver();
    sandi = await startListeningSandi({
      phone: {
        url: `${receiver.url}/sms`,
        smsBodyTemplate: '{"to":"{{to}}","text":"{{message}}"}',
        voiceBodyTemplate: '{"to":"{{to}}","say":"{{message}}"}',
        timeoutMilliseconds: 2000,
      },
    });
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy(PHONE_POLICY);
    for (const person of Object.values(PEOPLE))
      await sandi.t.seed.user({ userId: person.userId, password: PASSWORD, verifiedEmail: null });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
    await receiver.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  for (const lang of ["en", "id"] as const satisfies readonly Language[])
    it(`signs in, adds the mobile with the code from the text, and sees it masked (${lang})`, async () => {
      const t = translator.forLanguage(lang);
      const person = PEOPLE[lang];
      const page = await pages.open();
      await page.goto(`${sandi.origin}/signin?lang=${lang}`);
      await page.getByLabel(t("signin.user_id_label")).fill(person.userId);
      await page.getByLabel(t("signin.password_label"), { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: t("signin.submit"), exact: true }).click();
      await page.waitForURL(`${sandi.origin}/account/security-info/register`);

      await page.goto(`${sandi.origin}/account/security-info/mobile`);
      await expectNoSeriousAxeViolations(page);
      await page.getByLabel(t("phone.form.country")).selectOption("62");
      await page.getByLabel(t("phone.form.mobile_label")).fill(person.typed);
      await page.getByLabel(t("phone.form.channel_sms")).check();
      await page.getByRole("button", { name: t("security_info.send_code.sms") }).click();

      await expect.poll(() => page.locator("main").innerText()).toContain(person.e164.replace("+62", "+62 "));
      await expectNoSeriousAxeViolations(page);
      const code = await receiver.waitForCode(person.e164, 10_000);
      await page.getByLabel(t("security_info.code.label", { digits: 6 })).fill(code);
      await page.getByRole("button", { name: t("security_info.code.submit") }).click();

      await page.waitForURL(`${sandi.origin}/account/security-info?notice=saved`);
      const overview = await page.locator("main").innerText();
      expect(overview).toContain(person.masked);
      expect(overview).not.toContain(person.e164.slice(3));
      await expectNoSeriousAxeViolations(page);
    });
});
