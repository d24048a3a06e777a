/**
 * The sign-in form in Chromium while I3 holds for the browser's IP (SPEC §8.2): the real ALTCHA widget solves its
 * proof of work and the user signs in, axe finds nothing serious with the widget on the page, the CSP holds, and
 * with JavaScript off the <noscript> says why the page needs it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signInIpKey } from "../../src/domain/flows/sign-in/spray-guard.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const USER = { userId: "ratna@contoh.example", password: "Ratna-Password-2026" };
const NO_SCRIPT =
  "Many sign-ins from your network have failed, so this page now needs JavaScript to check that you're using a " +
  "browser. Turn JavaScript on and reload the page, or try another browser.";

describe("the sign-in form under I3 in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.user(USER);
    // The browser connects from 127.0.0.1: put that IP under I3 as 51 failed sign-ins would.
    const until = new Date(Date.now() + 3600 * 1000);
    await sandi.t.composed.stores.throttles.block("I3", signInIpKey("127.0.0.1"), until);
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("solves the proof of work, passes axe with the widget shown, and signs in", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/signin`);
    const payload = page.locator("input[name=altcha]");
    await expect.poll(() => payload.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("User ID").fill(USER.userId);
    await page.getByLabel("Password", { exact: true }).fill(USER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${sandi.origin}/account`);
  });

  it("explains in <noscript> why the form needs JavaScript when it is off", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    await page.goto(`${sandi.origin}/signin`);
    // The CAPTCHA's explanation (the passkey section has its own).
    const explanation = page.locator("main noscript > p", { hasText: NO_SCRIPT });
    expect(await explanation.isVisible()).toBe(true);
    expect(await explanation.innerText()).toBe(NO_SCRIPT);
  });
});
