/**
 * Two-gate resets in Chromium with real delivery, on one app and one browser (browser tests are slow):
 * - issue 11's "a two-gate reset with SMS and an authenticator app": gate 1 by a text to the mobile, typed as at home
 *   and read from the provider receiver; gate 2 lists only the user's other kinds, masked (the app by its label, email
 *   by its mask), and the app's current code passes it;
 * - the voice gates: gate 1 a call to the mobile, gate 2 a call to the office phone (another kind, SPEC §6.6), each
 *   code read from the words the provider was asked to say.
 * Each page passes axe (the voice journey checks the pages the text journey has not shown) and the CSP holds.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/i18n.js";
import { totpCodeAt } from "../../src/lib/crypto/totp.js";
import { saveApp } from "../support/app-gate-rows.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { addOfficePhone } from "../support/phone-gate-journey.js";
import { PHONE_POLICY } from "../support/phone-journey.js";
import { codeFromRequest, isRequestTo, type SmsReceiver, startSmsReceiver } from "../support/sms-receiver.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const t = translator();
const PERSON = {
  userId: "budi@contoh.example",
  mobileTyped: "0812-3456-7812",
  mobile: "+6281234567812",
  email: "budi.santoso@mail.example",
  newPassword: "Es-Cendol-Dingin-2026",
};
/** Siti: a mobile and a Jakarta office line, both reached by calls. */
const CALLER = {
  userId: "siti@contoh.example",
  mobileTyped: "0813-5555-6678",
  mobile: "+6281355556678",
  officeTyped: "(021) 5790-1234",
  office: "+622157901234",
};

function translator() {
  return createTranslator().forLanguage("en");
}

/** Waits for the page's <h1>, then runs axe on it unless told the page was checked already. */
async function arriveAt(page: Page, title: string, options: { axe?: boolean } = {}): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  if (options.axe !== false) await expectNoSeriousAxeViolations(page);
}

/** Opens /reset, types the user ID, waits for the CAPTCHA widget's solution and submits. */
async function identify(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/reset`);
  await page.getByLabel(t("reset.identify.user_id_label")).fill(userId);
  await expect.poll(() => page.inputValue("input[name=altcha]"), { timeout: 15_000 }).not.toBe("");
  await page.getByRole("button", { name: t("common.next") }).click();
}

/** The code a call to `to` reads out: the provider got the voice body (`say`), never a text. */
async function spokenCode(receiver: SmsReceiver, to: string): Promise<string> {
  const call = await receiver.waitFor((r) => isRequestTo(r, to) && codeFromRequest(r) !== null, 15_000);
  expect(Object.keys(call.body as object).sort()).toEqual(["say", "to"]);
  return codeFromRequest(call) ?? "";
}

describe("two-gate resets through the phone gates in Chromium (a text or a call, real delivery)", () => {
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
    const callerRef = await sandi.t.seed.user({ userId: CALLER.userId, verifiedMobile: CALLER.mobile });
    await addOfficePhone(sandi.t, callerRef, CALLER.office, null);
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
    await identify(page, sandi.origin, PERSON.userId);

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

  it("passes gate 1 by a call to the mobile and gate 2 by a call to the office phone", async () => {
    const page = await pages.open();
    const gate = (step: number) => t("reset.gate.title", { step, total: 2 });
    await identify(page, sandi.origin, CALLER.userId);

    // Gate 1's list and number page look as in the text journey (checked there); the call's code page is new.
    await arriveAt(page, gate(1), { axe: false });
    await page.getByRole("radio", { name: t("reset.method.voice_mobile") }).check();
    await page.getByRole("button", { name: t("common.next") }).click();
    await expect.poll(() => page.getByLabel(t("gate_phone.contact.label")).count()).toBe(1);
    await page.getByLabel(t("gate_phone.contact.label")).fill(CALLER.mobileTyped);
    await page.getByRole("button", { name: t("gate_phone.contact.send_voice") }).click();

    await expect.poll(() => page.getByLabel(t("reset.code.label")).count()).toBe(1);
    expect(await page.getByRole("status").textContent()).toBe(t("gate_phone.code.sent_voice", { digits: 6 }));
    await arriveAt(page, gate(1));
    await page.getByLabel(t("reset.code.label")).fill(await spokenCode(receiver, CALLER.mobile));
    await page.getByRole("button", { name: t("reset.code.submit"), exact: true }).click();

    // Gate 2: the office phone is another kind; the mobile (called or texted) is gone.
    await arriveAt(page, gate(2));
    const officeChoice = t("gate_two.method.voice_office", { target: "••• 34", digits: "34" });
    expect(await page.locator("ul.choices").innerText()).toBe(officeChoice);
    await page.getByRole("radio", { name: officeChoice }).check();
    await page.getByRole("button", { name: t("common.next") }).click();

    await expect.poll(() => page.getByLabel(t("gate_phone.contact.label")).count()).toBe(1);
    expect(await page.locator("#phone-hint").textContent()).toBe(t("gate_phone.contact.hint_gate2", { digits: "34" }));
    await arriveAt(page, gate(2));
    await page.getByLabel(t("gate_phone.contact.label")).fill(CALLER.officeTyped);
    await page.getByRole("button", { name: t("gate_phone.contact.send_voice") }).click();

    await expect.poll(() => page.getByLabel(t("reset.code.label")).count()).toBe(1);
    await arriveAt(page, gate(2));
    await page.getByLabel(t("reset.code.label")).fill(await spokenCode(receiver, CALLER.office));
    await page.getByRole("button", { name: t("reset.code.submit"), exact: true }).click();
    // Both gates passed: the new-password page (checked in the text journey) opens.
    await arriveAt(page, t("reset.password.title"), { axe: false });
  });
});
