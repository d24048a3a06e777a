/**
 * Evidence of compromise (SPEC §18, NIST SP 800-63B rev 4) and the banned-password score at change password.
 * Threat: an account keeps a password attackers try first (set before the check existed, or by another system)
 * because nothing ever looks at it again; or a user replaces it with another common one.
 * @see issue 9 item 2
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const COMMON = "Password123!";
const OWN = "Layang-layang di atas sawah kakek";
const SARI = { userId: "sari@contoh.example", verifiedEmail: "sari@mail.example", firstName: "Sari" };
let nextIp = 1;

function client(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.9.0.${String(nextIp++)}` });
}

async function compromiseEvents(t: TestApp) {
  return t.composed.stores.db
    .selectFrom("audit_event")
    .selectAll()
    .where("activity", "=", "password.compromised")
    .execute();
}

async function change(browser: PageClient, current: string, password: string) {
  const csrf = hiddenValue((await browser.get("/account/password")).body, "csrf");
  return browser.post("/account/password", { csrf, current, password, confirmation: password });
}

describe("a sign-in with a password from the global list", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
  });
  afterEach(async () => t.close());

  it("signs in, but the common password must be changed first, with a plain explanation, audited once", async () => {
    await t.seed.user({ ...SARI, password: COMMON });
    const browser = client(t);
    const signedIn = await submitSignIn(browser, { userId: SARI.userId, password: COMMON });
    expect(signedIn.location).toBe("/account/password");
    const page = await browser.follow(signedIn);
    expect(page.body).toContain("Your password is on a list of common passwords that attackers try first.");
    expect(page.body).not.toContain("An administrator set a temporary password");
    expect((await browser.get("/account")).location).toBe("/account/password");
    const events = await compromiseEvents(t);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ result: "success", reason: "global_list", target_user_id: SARI.userId });
    expect(JSON.stringify(events)).not.toContain(COMMON);
    // A second sign-in with the same password keeps the mark and does not audit it again.
    expect((await submitSignIn(client(t), { userId: SARI.userId, password: COMMON })).location).toBe(
      "/account/password",
    );
    expect(await compromiseEvents(t)).toHaveLength(1);
  });

  it("is cleared by a password of the user's own, which the score accepts", async () => {
    await t.seed.user({ ...SARI, password: COMMON });
    const browser = client(t);
    await submitSignIn(browser, { userId: SARI.userId, password: COMMON });
    const refused = await change(browser, COMMON, "Rahasia123");
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("This password is easy to guess");
    const changed = await change(browser, COMMON, OWN);
    expect(changed.location).toBe("/account?changed=1");
    expect((await browser.get("/account")).status).toBe(200);
    expect((await submitSignIn(client(t), { userId: SARI.userId, password: OWN })).location).toBe("/account");
  });

  it("leaves an ordinary password alone: no mark, no event, straight to My account", async () => {
    await t.seed.user({ ...SARI, password: OWN });
    expect((await submitSignIn(client(t), { userId: SARI.userId, password: OWN })).location).toBe("/account");
    expect(await compromiseEvents(t)).toHaveLength(0);
  });

  it("never stops a wrong password's ordinary answer, and says nothing about the list", async () => {
    await t.seed.user({ ...SARI, password: OWN });
    const wrong = await submitSignIn(client(t), { userId: SARI.userId, password: COMMON });
    expect(wrong.status).toBe(401);
    expect(await compromiseEvents(t)).toHaveLength(0);
  });
});
