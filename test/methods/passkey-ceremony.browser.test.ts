/**
 * Real passkey ceremonies in Chromium with a virtual authenticator: /static/passkey.js and the SimpleWebAuthn bundle
 * run under Sandi's CSP, and the webauthn wrapper verifies what they send. Register, sign in, a refused user
 * verification, a second registration on the same authenticator, a cloned passkey whose counter went back, an
 * options URL that refuses, and a browser without WebAuthn.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "../support/services/chromium.js";
import { type ConsoleLog, captureConsole } from "../browser/browser-harness.js";
import { addVirtualAuthenticator, type VirtualAuthenticator } from "../browser/virtual-authenticator.js";
import { MESSAGES, type PasskeyTestPage, startPasskeyTestPage } from "./passkey-test-page.js";

describe("passkey ceremonies in Chromium", () => {
  let browser: Browser;
  let server: PasskeyTestPage;
  let page: Page;
  let log: ConsoleLog;
  let authenticator: VirtualAuthenticator;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    server = await startPasskeyTestPage();
    page = await (await browser.newContext()).newPage();
    log = captureConsole(page);
    authenticator = await addVirtualAuthenticator(page);
  });
  afterEach(async () => {
    await authenticator.remove();
    await page.context().close();
    await server.close();
    expect(log.cspViolations()).toEqual([]);
  });

  async function register(label = "Laptop"): Promise<void> {
    await page.goto(`${server.origin}/`);
    await page.getByLabel("Label").fill(label);
    await page.getByRole("button", { name: "Add a passkey" }).click();
  }

  async function signIn(): Promise<string> {
    await page.goto(`${server.origin}/`);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.waitForURL(`${server.origin}/signin`);
    return page.locator("#result").innerText();
  }

  it("registers a discoverable, user-verified passkey and signs in with it, the counter moving on", async () => {
    await register();
    await page.waitForURL(`${server.origin}/register`);
    expect(await page.locator("#result").innerText()).toBe("registered");
    const [stored] = server.passkeys;
    const [held] = await authenticator.credentials();
    expect(held?.isResidentCredential).toBe(true);
    expect(held?.rpId).toBe("localhost");
    expect(Buffer.from(held?.credentialId ?? "", "base64").toString("base64url")).toBe(stored?.credentialId);
    expect(stored?.transports).toEqual(["internal"]);
    expect(await signIn()).toBe("verified");
    expect(server.passkeys[0]?.counter).toBeGreaterThan(stored?.counter ?? 0);
    // The options POSTs carried the form's fields except the (then empty) answer.
    expect(server.optionsBodies).toEqual([{ csrf: "csrf-token-1", label: "Laptop" }, { csrf: "csrf-token-1" }]);
  });

  it("says the request was cancelled when user verification fails, and posts nothing", async () => {
    await authenticator.setUserVerified(false);
    await register();
    await expect.poll(() => page.locator("#register [data-passkey-status]").innerText()).toBe(MESSAGES.cancelled);
    expect(page.url()).toBe(`${server.origin}/`);
    expect(server.passkeys).toEqual([]);
    expect(await page.getByRole("button", { name: "Add a passkey" }).isEnabled()).toBe(true);
  });

  it("refuses a second passkey on the same authenticator (excludeCredentials) with its own message", async () => {
    await register();
    await page.waitForURL(`${server.origin}/register`);
    await register("Again");
    await expect.poll(() => page.locator("#register [data-passkey-status]").innerText()).toBe(MESSAGES.exists);
    expect(server.passkeys).toHaveLength(1);
  });

  it("reports a cloned passkey when a genuine signature comes with a counter that went back", async () => {
    await register();
    await page.waitForURL(`${server.origin}/register`);
    expect(await signIn()).toBe("verified");
    const [copy] = await authenticator.credentials();
    if (copy?.rpId === undefined) throw new Error("the authenticator holds no passkey");
    expect(await signIn()).toBe("verified");
    // The copy taken one sign-in earlier signs again: its counter is the one the server has already seen.
    await authenticator.clearCredentials();
    await authenticator.addCredential({ ...copy, rpId: copy.rpId });
    expect(await signIn()).toBe("cloned_suspected");
    expect(server.assertions).toEqual(["verified", "verified", "cloned_suspected"]);
  });

  it("shows the message of an options URL that refuses, and starts no ceremony", async () => {
    server.refuseOptionsWith = "Confirm it's you again first.";
    await page.goto(`${server.origin}/`);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    const status = page.locator("#signin [data-passkey-status]");
    await expect.poll(() => status.innerText()).toBe("Confirm it's you again first.");
    expect(await status.getAttribute("role")).toBe("alert");
  });

  it("says the browser cannot use passkeys, and disables the buttons, when WebAuthn is missing", async () => {
    await page.addInitScript({ content: "delete window.PublicKeyCredential;" });
    await page.goto(`${server.origin}/`);
    await expect.poll(() => page.locator("#signin [data-passkey-status]").innerText()).toBe(MESSAGES.unsupported);
    expect(await page.getByRole("button", { name: "Sign in with a passkey" }).isDisabled()).toBe(true);
  });
});
