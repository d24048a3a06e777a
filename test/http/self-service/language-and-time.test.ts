/**
 * Language and time through the whole app (SPEC §16, §18): the organisation's default language when the browser
 * says nothing, its time zone on pages and in emails, a language that survives sign-out, and notices in the
 * language of the flow that caused them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const USER = {
  userId: "wulan@contoh.example",
  verifiedEmail: "wulan@mail.example",
  password: "Old-Password-2026",
  firstName: "Wulan",
};
const NEW_PASSWORD = "Nasi-Goreng-Kampung-88";
let nextIp = 1;
const browser = (t: TestApp): PageClient => createPageClient(t.app, { ip: `10.9.0.${String(nextIp++)}` });

async function organisationSpeaking(t: TestApp, defaultLanguage: "en" | "id"): Promise<void> {
  await t.composed.stores.directoryAdmin.createOrganisation(
    { name: "Contoh Nusantara", domain: "contoh.example", defaultLanguage, isDemo: false },
    t.clock.now(),
  );
}

function htmlLang(body: string): string | undefined {
  return /<html lang="([a-z]+)"/.exec(body)?.[1];
}

describe("language and time", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it("a browser that names no language gets the organisation's default, and a named one still wins", async () => {
    await organisationSpeaking(t, "id");
    expect(htmlLang((await browser(t).get("/signin")).body)).toBe("id");
    expect(htmlLang((await browser(t).get("/signin", { "accept-language": "fr-FR, de;q=0.5" })).body)).toBe("id");
    expect(htmlLang((await browser(t).get("/signin", { "accept-language": "en-US" })).body)).toBe("en");
    expect(htmlLang((await browser(t).get("/signin?lang=en")).body)).toBe("en");
    const remembered = browser(t);
    await remembered.get("/signin?lang=en");
    expect(htmlLang((await remembered.get("/signin")).body)).toBe("en");
  });

  it("an English organisation stays English for a browser that names no language", async () => {
    await organisationSpeaking(t, "en");
    expect(htmlLang((await browser(t).get("/signin")).body)).toBe("en");
  });

  it("an Indonesian user lands on an Indonesian page after sign-out", async () => {
    await organisationSpeaking(t, "en");
    await t.seed.user(USER);
    const client = browser(t);
    await client.get("/signin?lang=id");
    expect((await submitSignIn(client, { userId: USER.userId, password: USER.password })).location).toBe("/account");
    const account = await client.get("/account");
    const signedOut = await client.post("/signout", { csrf: hiddenValue(account.body, "csrf") });
    expect(signedOut.headers["clear-site-data"]).not.toContain("cookies");
    expect(signedOut.setCookies.some((line) => line.startsWith("sandi-lang="))).toBe(false);
    expect(client.cookies.has("sandi-session")).toBe(false);
    const landing = await client.follow(signedOut);
    expect(htmlLang(landing.body)).toBe("id");
  });

  it("pages show times in the organisation's time zone, WIB in Indonesian", async () => {
    await organisationSpeaking(t, "id");
    await t.seed.policy({ "organisation.timeZone": "Asia/Jakarta" });
    await t.seed.user(USER);
    // The fake clock's 2026 instant, and what Jakarta's clock said then.
    const jakarta = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", hour: "2-digit", minute: "2-digit" });
    const hhmm = jakarta.format(t.clock.now());
    const client = browser(t);
    await submitSignIn(client, { userId: USER.userId, password: USER.password });
    const indonesian = (await client.get("/account?lang=id")).body;
    expect(indonesian).toContain(`pukul ${hhmm} WIB`);
    expect(indonesian).not.toContain("UTC");
    const english = (await client.get("/account?lang=en")).body;
    expect(english).toContain(`at ${hhmm.replace(".", ":")} GMT+7`);
  });

  it("a reset notice reads in the reset's language, not in the language of an earlier sign-in", async () => {
    await organisationSpeaking(t, "en");
    await t.seed.policy({ scope: "all", "organisation.timeZone": "Asia/Makassar" });
    await t.seed.user(USER);
    const earlier = browser(t);
    await earlier.get("/signin?lang=en");
    await submitSignIn(earlier, { userId: USER.userId, password: USER.password });

    const resetter = browser(t);
    await resetter.get("/reset?lang=id");
    await submitUserId(resetter, USER.userId);
    await requestEmailCode(resetter, USER.verifiedEmail);
    await submitCode(resetter, (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "");
    expect((await submitNewPassword(resetter, NEW_PASSWORD)).status).toBe(303);
    await t.deliverMail();

    const mails = await t.composed.stores.outbox.list(50);
    const notice = mails.find((mail) => mail.recipient === USER.verifiedEmail && !/\b\d{8}\b/.test(mail.text));
    expect(notice?.subject).toBe("Kata sandi Contoh Nusantara Anda telah diatur ulang");
    expect(notice?.text).toMatch(/pukul \d\d\.\d\d WITA/);
    const code = mails.find((mail) => mail.recipient === USER.verifiedEmail && /\b\d{8}\b/.test(mail.text));
    expect(code?.text).toMatch(/pukul \d\d\.\d\d WITA/);
  });
});
