/**
 * Passkeys in Chromium with its virtual authenticator (SPEC §4.5, §5.1), in English and in Indonesian: a user adds a
 * passkey in My security info, signs out, signs in with the passkey and no password, and removes it. axe finds
 * nothing serious on the pages the journey shows, and the CSP holds.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTranslator, type Language, type Translate } from "../../src/i18n/i18n.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";
import { addVirtualAuthenticator } from "./virtual-authenticator.js";

const PASSWORD = "Jendela-Biru-Pagi-2026";
const translator = createTranslator();

async function signInWithPassword(page: Page, t: Translate, origin: string, userId: string): Promise<void> {
  await page.getByLabel(t("signin.user_id_label")).fill(userId);
  await page.getByLabel(t("signin.password_label"), { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: t("signin.submit"), exact: true }).click();
  await page.waitForURL((url) => url.origin === origin && url.pathname !== "/signin");
}

describe("passkeys in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "methods.passkey": "on" });
    for (const lang of ["en", "id"])
      await sandi.t.seed.user({ userId: `passkey-${lang}@contoh.example`, password: PASSWORD, verifiedEmail: null });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it.each<Language>(["en", "id"])(
    "adds a passkey, signs in with it without a password, and removes it (%s)",
    async (lang) => {
      const t = translator.forLanguage(lang);
      const { origin } = sandi;
      const page = await pages.open();
      const authenticator = await addVirtualAuthenticator(page);
      await page.goto(`${origin}/signin?lang=${lang}`);
      await signInWithPassword(page, t, origin, `passkey-${lang}@contoh.example`);

      await page.goto(`${origin}/account/security-info/passkey`);
      await expectNoSeriousAxeViolations(page);
      await page.getByLabel(t("passkey.label")).fill("Laptop");
      await page.getByRole("button", { name: t("passkey.create") }).click();
      await page.waitForURL(`${origin}/account/security-info?notice=saved`);
      expect(await page.locator("main").innerText()).toContain("Laptop");
      expect(await authenticator.credentials()).toHaveLength(1);
      await expectNoSeriousAxeViolations(page);

      await page.goto(`${origin}/account`);
      await page.getByRole("button", { name: t("account.sign_out") }).click();
      await page.goto(`${origin}/signin`);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("button", { name: t("passkey.sign_in_submit") }).click();
      await page.waitForURL(`${origin}/account`);

      await page.goto(`${origin}/account/security-info`);
      const name = t("security_info.kind.passkey");
      await page
        .getByRole("link", { name: t("security_info.remove_label", { method: name, value: "Laptop" }) })
        .click();
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("button", { name: t("security_info.remove_submit") }).click();
      await page.waitForURL(`${origin}/account/security-info?notice=removed`);
      expect(await page.locator("main").innerText()).not.toContain("Laptop");
      await authenticator.remove();
    },
  );

  it("says at sign-in that passkeys need JavaScript when it is off", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    await page.goto(`${sandi.origin}/signin`);
    const expected = translator.forLanguage("en")("passkey.needs_javascript");
    const explanation = page.locator("main noscript > p", { hasText: expected });
    expect(await explanation.innerText()).toBe(expected);
  });
});
