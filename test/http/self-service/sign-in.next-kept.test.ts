/**
 * The page a sign-in was asked for (`next=`) survives what must come first: an expired password's change and the
 * registration interrupt. Threat: the kept page is a cookie, so a forged one must not send the browser off the site
 * or anywhere a `next=` could not.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, type PageResponse } from "../../support/page-client.js";

const OLD = "Layang-layang di atas sawah kakek";
const NEW = "Sepeda merah melaju ke pasar pagi";
const DAY_SECONDS = 86_400;
const ASKED_FOR = "/account/security-info";
let nextIp = 1;

function client(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.9.0.${String(nextIp++)}` });
}

async function signInFor(browser: PageClient, userId: string, next: string): Promise<PageResponse> {
  const form = hiddenValue((await browser.get(`/signin?next=${encodeURIComponent(next)}`)).body, "form");
  return browser.post("/signin", { form, userId, password: OLD, next });
}

async function change(browser: PageClient): Promise<PageResponse> {
  const csrf = hiddenValue((await browser.get("/account/password")).body, "csrf");
  return browser.post("/account/password", { csrf, current: OLD, password: NEW, confirmation: NEW });
}

describe("the page a sign-in was asked for, kept across the steps before it", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", "password.maxAgeDays": "30" });
  });
  afterEach(async () => t.close());

  it("an expired password is changed first, then the sign-in goes on to the page it was asked for", async () => {
    await t.seed.user({ userId: "sari@contoh.example", password: OLD, verifiedEmail: "sari@mail.example" });
    t.clock.advanceSeconds(31 * DAY_SECONDS);
    const browser = client(t);
    expect((await signInFor(browser, "sari@contoh.example", ASKED_FOR)).location).toBe("/account/password");
    expect((await change(browser)).location).toBe(ASKED_FOR);
    // Used once: a later change of password lands on My account with its notice.
    expect(browser.cookies.has("sandi_after_signin")).toBe(false);
  });

  it("the registration interrupt comes first, and skipping it goes on to the page", async () => {
    await t.seed.user({ userId: "budi@contoh.example", password: OLD, verifiedEmail: null });
    const browser = client(t);
    const signedIn = await signInFor(browser, "budi@contoh.example", "/account?from=bookmark");
    expect(signedIn.location).toBe("/account/security-info/register");
    const csrf = hiddenValue((await browser.follow(signedIn)).body, "csrf");
    const skipped = await browser.post("/account/security-info/register/skip", { csrf });
    expect(skipped.location).toBe("/account?from=bookmark");
  });

  it("an expired password and a due interrupt both come first, in that order, then the page", async () => {
    await t.seed.user({ userId: "rina@contoh.example", password: OLD, verifiedEmail: null });
    t.clock.advanceSeconds(31 * DAY_SECONDS);
    const browser = client(t);
    expect((await signInFor(browser, "rina@contoh.example", ASKED_FOR)).location).toBe("/account/password");
    expect((await change(browser)).location).toBe("/account/security-info/register");
    const csrf = hiddenValue((await browser.get("/account/security-info/register")).body, "csrf");
    expect((await browser.post("/account/security-info/register/skip", { csrf })).location).toBe(ASKED_FOR);
  });

  it("a forged kept page that leaves the site, or is no page a sign-in may return to, is ignored", async () => {
    const forgeries = ["https://evil.example/", "//evil.example", "/%2F%2Fevil.example", "/reset"];
    for (const index of forgeries.keys())
      await t.seed.user({
        userId: `user${String(index)}@contoh.example`,
        password: OLD,
        verifiedEmail: "u@mail.example",
      });
    t.clock.advanceSeconds(31 * DAY_SECONDS);
    for (const [index, forged] of forgeries.entries()) {
      const browser = client(t);
      const signedIn = await signInFor(browser, `user${String(index)}@contoh.example`, ASKED_FOR);
      expect(signedIn.location).toBe("/account/password");
      browser.cookies.set("sandi_after_signin", encodeURIComponent(forged));
      expect((await change(browser)).location, forged).toBe("/account?changed=1");
    }
  });
});
