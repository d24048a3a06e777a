/**
 * A two-gate reset in Chromium with real delivery (issue 11's browser test "a two-gate reset with SMS and an
 * authenticator app"): gate 1 by a text to the mobile, typed as at home and read from the provider receiver; gate 2
 * lists only the user's other kinds, masked (the app by its label, email by its mask), and the app's current code
 * passes it. Each page passes axe and the CSP holds.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/i18n.js";
import { totpCodeAt } from "../../src/lib/crypto/totp.js";
import { saveApp } from "../support/app-gate-rows.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { PHONE_POLICY } from "../support/phone-journey.js";
import { type SmsReceiver, startSmsReceiver } from "../support/sms-receiver.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const t = translator();
const PERSON = {
  userId: "budi@contoh.example",
  mobileTyped: "0812-3456-7812",
  mobile: "+6281234567812",
  email: "budi.santoso@mail.example",
  newPassword: "Es-Cendol-Dingin-2026",
};

function translator() {
  return createTranslator().forLanguage("en");
}

/** Waits for the page's <h1> and runs axe on it. */
async function arriveAt(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  await expectNoSeriousAxeViolations(page);
}

describe("a two-gate reset with a text and an authenticator app in Chromium", () => {
  let sandi: ListeningSandi;
  let receiver: SmsReceiver;
  const pages = new BrowserPages();
  let appSecret: Uint8Array = new Uint8Array(20);

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
    await sandi.t.seed.policy({ ...PHONE_POLICY, methodsToRegister: "2", methodsToReset: "2" });
    await sandi.t.seed.user({ userId: PERSON.userId, verifiedMobile: PERSON.mobile, verifiedEmail: PERSON.email });
    appSecret = (await saveApp(sandi.t, PERSON.userId, "Work phone")).secret;
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

  it("passes gate 1 by text and gate 2 by the app, then sets a new password", async () => {
    const page = await pages.open();
    const gate = (step: number) => t("reset.gate.title", { step, total: 2 });
    await page.goto(`${sandi.origin}/reset`);
    await page.getByLabel(t("reset.identify.user_id_label")).fill(PERSON.userId);
    await expect.poll(() => page.inputValue("input[name=altcha]"), { timeout: 15_000 }).not.toBe("");
    await page.getByRole("button", { name: t("common.next") }).click();

    await arriveAt(page, gate(1));
    await page.getByRole("radio", { name: t("reset.method.sms") }).check();
    await page.getByRole("button", { name: t("common.next") }).click();

    await expect.poll(() => page.getByLabel(t("gate_phone.contact.label")).count()).toBe(1);
    await arriveAt(page, gate(1));
    expect(await page.locator("#phone-hint").textContent()).toBe(t("gate_phone.contact.hint"));
    await page.getByLabel(t("gate_phone.contact.label")).fill(PERSON.mobileTyped);
    await page.getByRole("button", { name: t("gate_phone.contact.send_sms") }).click();

    await expect.poll(() => page.getByLabel(t("reset.code.label")).count()).toBe(1);
    expect(await page.getByRole("status").textContent()).toBe(t("gate_phone.code.sent_sms", { digits: 6 }));
    await arriveAt(page, gate(1));
    const code = await receiver.waitForCode(PERSON.mobile, 15_000);
    await page.getByLabel(t("reset.code.label")).fill(code);
    await page.getByRole("button", { name: t("reset.code.submit"), exact: true }).click();

    // Gate 2: only the other kinds, masked; the mobile (texted or called) is gone.
    await arriveAt(page, gate(2));
    const choices = await page.locator("ul.choices").innerText();
    const appChoice = t("gate_two.method.totp", { target: "Work phone" });
    expect(choices).toContain(t("gate_two.method.email", { target: "b***@m***.example" }));
    expect(choices).toContain(appChoice);
    expect(choices).not.toContain(t("reset.method.sms"));
    await page.getByRole("radio", { name: appChoice }).check();
    await page.getByRole("button", { name: t("common.next") }).click();

    await expect.poll(() => page.getByLabel(t("reset.code.label")).count()).toBe(1);
    await arriveAt(page, gate(2));
    await page.getByLabel(t("reset.code.label")).fill(totpCodeAt(appSecret, new Date()));
    await page.getByRole("button", { name: t("reset.code.submit"), exact: true }).click();

    await arriveAt(page, t("reset.password.title"));
    await page.getByLabel(t("reset.password.new_label"), { exact: true }).fill(PERSON.newPassword);
    await page.getByLabel(t("reset.password.confirm_label")).fill(PERSON.newPassword);
    await page.getByRole("button", { name: t("reset.password.submit") }).click();
    await arriveAt(page, t("reset.done.title"));
    const user = await sandi.t.composed.stores.users.findUserByUserId(PERSON.userId);
    if (user === null) throw new Error("Budi is gone");
    expect(await sandi.t.composed.stores.directory.verifyPassword(user, PERSON.newPassword)).toBe(true);
  });
});
