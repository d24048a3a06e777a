/**
 * Password maximum age in the built-in directory (SPEC §3 `password.maxAgeDays`, §9.5 "expired password at sign-in").
 * Threat: a password the organisation has declared too old (perhaps long since leaked) still reaches the account,
 * because expiry is only shown and never enforced, or because it is decided once and not again when the policy
 * tightens. The clock is the fake one: each test moves it past (or just short of) the expiry instant.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const OLD = "Layang-layang di atas sawah kakek";
const NEW = "Sepeda merah melaju ke pasar pagi";
const SARI = { userId: "sari@contoh.example", verifiedEmail: "sari@mail.example", firstName: "Sari", password: OLD };
const DAY_SECONDS = 86_400;
let nextIp = 1;

function client(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.8.0.${String(nextIp++)}` });
}

async function change(browser: PageClient, current: string, password: string) {
  const csrf = hiddenValue((await browser.get("/account/password")).body, "csrf");
  return browser.post("/account/password", { csrf, current, password, confirmation: password });
}

describe("a built-in password past the policy's maximum age", () => {
  let t: TestApp;
  async function signInReasons(): Promise<(string | null)[]> {
    const rows = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "signin.succeeded")
      .orderBy("seq")
      .execute();
    return rows.map((row) => row.reason);
  }
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", "password.maxAgeDays": "30" });
  });
  afterEach(async () => t.close());

  it("an expired password cannot be used to reach the account without changing it", async () => {
    await t.seed.user(SARI);
    t.clock.advanceSeconds(30 * DAY_SECONDS);
    const browser = client(t);
    const signedIn = await submitSignIn(browser, { userId: SARI.userId, password: OLD });
    expect(signedIn.location).toBe("/account/password");
    const page = await browser.follow(signedIn);
    expect(page.body).toContain("Your password has expired. Choose a new password to go on.");
    for (const path of ["/account", "/account/security-info"])
      expect((await browser.get(path)).location, path).toBe("/account/password");
    // The same password is refused as the new one; another one opens the account, and expiry starts over.
    expect((await change(browser, OLD, OLD)).status).toBe(400);
    expect((await change(browser, OLD, NEW)).location).toBe("/account?changed=1");
    expect((await browser.get("/account")).status).toBe(200);
    expect((await submitSignIn(client(t), { userId: SARI.userId, password: NEW })).location).toBe("/account");
    // The audit tells the first sign-in from the second: an admin sees why the user went to change the password.
    expect(await signInReasons()).toEqual(["password_expired", null]);
  });

  it("says so in Indonesian for an Indonesian browser", async () => {
    await t.seed.user(SARI);
    t.clock.advanceSeconds(31 * DAY_SECONDS);
    const browser = client(t);
    const signedIn = await submitSignIn(browser, { userId: SARI.userId, password: OLD });
    expect(signedIn.location).toBe("/account/password");
    expect((await browser.get("/account/password?lang=id")).body).toContain("Kata sandi Anda telah kedaluwarsa.");
  });

  it("a password one minute before expiry signs in normally", async () => {
    await t.seed.user(SARI);
    t.clock.advanceSeconds(30 * DAY_SECONDS - 60);
    const browser = client(t);
    expect((await submitSignIn(browser, { userId: SARI.userId, password: OLD })).location).toBe("/account");
    const account = await browser.get("/account");
    expect(account.status).toBe(200);
    expect(account.body).toContain("Your password expires on 26 December 2026 at 08:00 UTC.");
    // A minute later it has expired, and the session already open is sent to change it.
    t.clock.advanceSeconds(60);
    expect((await browser.get("/account")).location).toBe("/account/password");
  });

  it("takes a lowered maximum age at once, also for a session already open", async () => {
    await t.seed.policy({ "password.maxAgeDays": "0" });
    await t.seed.user(SARI);
    t.clock.advanceSeconds(10 * DAY_SECONDS);
    const browser = client(t);
    expect((await submitSignIn(browser, { userId: SARI.userId, password: OLD })).location).toBe("/account");
    await t.seed.policy({ "password.maxAgeDays": "7" });
    expect((await browser.get("/account")).location).toBe("/account/password");
    await t.seed.policy({ "password.maxAgeDays": "0" });
    expect((await browser.get("/account")).status).toBe(200);
  });

  it("leaves an admin's unused temporary password to its own 72-hour rule", async () => {
    await t.seed.policy({ "password.maxAgeDays": "1" });
    const ref = await t.seed.user({ ...SARI, mustChangePassword: true });
    await t.composed.stores.accounts.markTemporaryPassword(ref, t.clock.now());
    t.clock.advanceSeconds(2 * DAY_SECONDS);
    const browser = client(t);
    const signedIn = await submitSignIn(browser, { userId: SARI.userId, password: OLD });
    expect(signedIn.location).toBe("/account/password");
    const page = await browser.follow(signedIn);
    expect(page.body).toContain("An administrator set a temporary password for you.");
    expect(page.body).not.toContain("Your password has expired");
  });

  it("a reset sets the change time, so the new password starts a full maximum age", async () => {
    await t.seed.user(SARI);
    t.clock.advanceSeconds(29 * DAY_SECONDS);
    const user = await t.composed.stores.users.findUserByUserId(SARI.userId);
    if (user === null) throw new Error("seeded user missing");
    const written = await t.composed.stores.directory.setPassword(user, NEW, {
      historyDepth: 5,
      cause: "self_reset",
      now: t.clock.now(),
    });
    expect(written.ok).toBe(true);
    const after = await t.composed.stores.users.findUserByUserId(SARI.userId);
    expect(after?.passwordChangedAt?.toISOString()).toBe(t.clock.now().toISOString());
    t.clock.advanceSeconds(29 * DAY_SECONDS);
    expect((await submitSignIn(client(t), { userId: SARI.userId, password: NEW })).location).toBe("/account");
  });
});
