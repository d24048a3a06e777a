/**
 * The passkey gate in Chromium with its virtual authenticator (SPEC §4.5, §6.4 item 4): a user adds a passkey in My
 * security info, forgets the password, and resets it with the passkey; a ceremony the device refuses (no user
 * verification) says so and can be tried again. axe finds nothing serious on the pages, and the CSP holds. Without
 * JavaScript the step says a passkey needs it and offers only another method.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/i18n.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";
import { addVirtualAuthenticator } from "./virtual-authenticator.js";

const t = createTranslator().forLanguage("en");
const PASSWORD = "Jendela-Biru-Pagi-2026";
const NEW_PASSWORD = "Sepeda-Merah-di-Taman-7";
const GATE_TITLE = t("reset.gate.title", { step: 1, total: 1 });

async function heading(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
}

async function addPasskeyInSecurityInfo(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/signin`);
  await page.getByLabel(t("signin.user_id_label")).fill(userId);
  await page.getByLabel(t("signin.password_label"), { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: t("signin.submit"), exact: true }).click();
  await page.waitForURL((url) => url.origin === origin && url.pathname !== "/signin");
  await page.goto(`${origin}/account/security-info/passkey`);
  await page.getByLabel(t("passkey.label")).fill("Laptop");
  await page.getByRole("button", { name: t("passkey.create") }).click();
  await page.waitForURL(`${origin}/account/security-info?notice=saved`);
  await page.goto(`${origin}/account`);
  await page.getByRole("button", { name: t("account.sign_out") }).click();
}

/** From /reset to the passkey step: the user ID, the widget's proof of work, the method. */
async function openPasskeyGate(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/reset`);
  await page.getByLabel(t("reset.identify.user_id_label")).fill(userId);
  await expect.poll(() => page.locator("input[name=altcha]").inputValue(), { timeout: 15_000 }).toMatch(/^.{100,}$/);
  await page.getByRole("button", { name: t("common.next") }).click();
  await page.waitForURL(`${origin}/reset/verify`);
  await heading(page, GATE_TITLE);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("radio", { name: t("reset.method.passkey") }).check();
  await page.getByRole("button", { name: t("common.next") }).click();
  await expect.poll(() => page.locator("form[data-passkey-gate]").count()).toBe(1);
  await heading(page, GATE_TITLE);
}

describe("the passkey gate in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "methods.passkey": "on" });
    // Rina's first method will be the passkey (adding one beside another would ask for a step-up first).
    await sandi.t.seed.user({ userId: "rina@contoh.example", password: PASSWORD, verifiedEmail: null });
    await sandi.t.seed.user({ userId: "tono@contoh.example", password: PASSWORD, verifiedEmail: "tono@mail.example" });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("resets a forgotten password with a passkey; a ceremony the device refuses can be tried again", async () => {
    const { origin } = sandi;
    const page = await pages.open();
    const authenticator = await addVirtualAuthenticator(page);
    await addPasskeyInSecurityInfo(page, origin, "rina@contoh.example");
    const [credential] = await authenticator.credentials();
    expect(credential?.signCount).toBe(1);

    await openPasskeyGate(page, origin, "rina@contoh.example");
    expect(await page.locator("main").innerText()).toContain(t("gate_passkey.intro"));
    const use = page.getByRole("button", { name: t("gate_passkey.use") });
    await expect.poll(() => use.isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(page);

    // The device says no (no fingerprint, say): the page explains, and nothing was posted.
    await authenticator.setUserVerified(false);
    await use.click();
    await expect.poll(() => page.locator("[data-passkey-status]").textContent()).toBe(t("passkey.cancelled"));
    await expectNoSeriousAxeViolations(page);
    await authenticator.setUserVerified(true);
    await use.click();

    await heading(page, t("reset.password.title"));
    await expectNoSeriousAxeViolations(page);
    expect((await authenticator.credentials())[0]?.signCount).toBe(2);
    await page.getByLabel(t("reset.password.new_label"), { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(t("reset.password.confirm_label")).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: t("reset.password.submit") }).click();
    await heading(page, t("reset.done.title"));
    expect(await page.getByRole("status").first().textContent()).toContain(t("reset.done.message"));
    await expectNoSeriousAxeViolations(page);
    await authenticator.remove();
  });

  it("without JavaScript the passkey step says a passkey needs it and offers only another method", async () => {
    const { origin } = sandi;
    const page = await pages.open();
    await openPasskeyGate(page, origin, "tono@contoh.example");
    const cookies = await page.context().cookies();
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);

    const noScript = await pages.open({ javaScriptEnabled: false });
    await noScript.context().addCookies(cookies);
    await noScript.goto(`${origin}/reset/verify`);
    // Playwright's text selectors skip <noscript>, so read the element itself.
    expect(await noScript.locator("main noscript > p").innerText()).toBe(t("passkey.needs_javascript"));
    expect(await noScript.getByRole("button", { name: t("gate_passkey.use") }).isVisible()).toBe(false);
    const other = noScript.getByRole("button", { name: t("reset.gate.other_method") });
    expect(await other.isVisible()).toBe(true);
    await other.click();
    await expect.poll(() => noScript.getByRole("radio", { name: t("reset.method.passkey") }).count()).toBe(1);
  });
});
