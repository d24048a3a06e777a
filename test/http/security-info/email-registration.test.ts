/**
 * My security info with the email method (SPEC §5.1, issue 10): a user with nothing registered signs in, meets the
 * interrupt, adds an address proven by a code, steps up with it before a change, and removes it. Threats: changing
 * security info without a fresh step-up; another user's method id; an unfinished verification that outlives 10 min.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";
import { latestCodeFor } from "../../support/reset-journey.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
let nextIp = 1;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.77.0.${String(nextIp++)}` });
}

async function addEmail(t: TestApp, client: PageClient, address: string) {
  const form = await client.get("/account/security-info/email");
  expect(form.status).toBe(200);
  const page = await client.post("/account/security-info/email", { csrf: hiddenValue(form.body, "csrf"), address });
  expect(page.status).toBe(200);
  const code = await latestCodeFor(t.composed, address);
  expect(code).not.toBeNull();
  return { page, code: code ?? "" };
}

describe("My security info: email", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user({ userId: "sari@contoh.example", password: PASSWORD, verifiedEmail: null });
    await t.seed.user({ userId: "budi@contoh.example", password: PASSWORD, verifiedEmail: "budi@mail.example" });
    // One user per test below with nothing registered: a fresh sign-in is their step-up (SPEC §5.1).
    for (const name of ["rini", "tono", "wati"])
      await t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD, verifiedEmail: null });
  });
  afterAll(async () => t.close());

  it("a user with nothing registered meets the interrupt, adds an address proven by a code, and is then ready", async () => {
    const client = browser(t);
    const signedIn = await submitSignIn(client, { userId: "sari@contoh.example", password: PASSWORD });
    expect(signedIn.location).toBe("/account/security-info/register");
    const interrupt = await client.get("/account/security-info/register");
    expect(interrupt.body).toContain("/account/security-info/email");
    expect(interrupt.body).toMatch(/Skip for now \(7 days left\)/);
    const { page, code } = await addEmail(t, client, "sari.pribadi@mail.example");
    const saved = await client.post("/account/security-info/email/code", {
      csrf: hiddenValue(page.body, "csrf"),
      challenge: hiddenValue(page.body, "challenge"),
      code,
    });
    expect(saved.location).toBe("/account/security-info?notice=saved");
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("You can reset your password");
    expect(overview.body).toContain("s***@m***.example");
    expect(overview.body).not.toContain("sari.pribadi@mail.example");
  });

  it("a wrong code is refused and burns an attempt; the fourth try finds the code void", async () => {
    const client = browser(t);
    await submitSignIn(client, { userId: "rini@contoh.example", password: PASSWORD });
    const { page } = await addEmail(t, client, "rini@mail.example");
    const fields = { csrf: hiddenValue(page.body, "csrf"), challenge: hiddenValue(page.body, "challenge") };
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await client.post("/account/security-info/email/code", { ...fields, code: "00000000" })).status).toBe(
        400,
      );
    const fourth = await client.post("/account/security-info/email/code", { ...fields, code: "00000000" });
    expect(fourth.location).toBe("/account/security-info?notice=code_void");
  });

  it("security info cannot change without a fresh step-up: after 10 minutes the change asks for a code to a registered address", async () => {
    const client = browser(t);
    await submitSignIn(client, { userId: "budi@contoh.example", password: PASSWORD });
    const stale = await client.get("/account/security-info/email");
    expect(stale.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    const verify = await client.get(stale.location ?? "");
    expect(verify.body).toContain("b***@m***.example");
    expect(verify.body).not.toContain("budi@mail.example");
    const methodId = hiddenValue(verify.body, "method");
    const sent = await client.post("/account/security-info/email/step-up", {
      csrf: hiddenValue(verify.body, "csrf"),
      method: methodId,
    });
    const code = (await latestCodeFor(t.composed, "budi@mail.example")) ?? "";
    const passed = await client.post("/account/security-info/email/code", {
      csrf: hiddenValue(sent.body, "csrf"),
      challenge: hiddenValue(sent.body, "challenge"),
      code,
    });
    expect(passed.location).toBe("/account/security-info/email");
    expect((await client.get("/account/security-info/email")).status).toBe(200);
  });

  it("another user's method id cannot be changed or removed", async () => {
    const budiMethods = await t.composed.stores.methods.listForUser(
      (await t.composed.stores.directory.findEntryByUserId("budi@contoh.example"))?.entryId ?? "",
    );
    const client = browser(t);
    await submitSignIn(client, { userId: "tono@contoh.example", password: PASSWORD });
    const form = await client.get("/account/security-info");
    const csrf = hiddenValue((await client.get("/account/security-info/email")).body, "csrf");
    expect(form.status).toBe(200);
    const removed = await client.post("/account/security-info/remove", { csrf, id: budiMethods[0]?.id ?? "" });
    expect(removed.location).toBe("/account/security-info?notice=not_found");
    const changed = await client.post("/account/security-info/email", {
      csrf,
      address: "x@mail.example",
      replace: budiMethods[0]?.id ?? "",
    });
    expect(changed.location).toBe("/account/security-info?notice=not_found");
    expect(await t.composed.stores.methods.listForUser(budiMethods[0]?.userRef ?? "")).toHaveLength(1);
  });

  it("an unfinished verification is gone after 10 minutes", async () => {
    const client = browser(t);
    await submitSignIn(client, { userId: "wati@contoh.example", password: PASSWORD });
    const { page, code } = await addEmail(t, client, "wati@mail.example");
    t.clock.advanceSeconds(10 * 60 + 1);
    const late = await client.post("/account/security-info/email/code", {
      csrf: hiddenValue(page.body, "csrf"),
      challenge: hiddenValue(page.body, "challenge"),
      code,
    });
    expect(late.location).toBe("/account/security-info?notice=code_expired");
  });
});

describe("?return= (SPEC §5.2 item 5)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", "registration.returnUrlPrefixes": "https://portal.contoh.example/" });
    await t.seed.user({ userId: "gita@contoh.example", password: PASSWORD, verifiedEmail: "gita@mail.example" });
  });
  afterAll(async () => t.close());

  it("offers the way back only to an admin-approved prefix: an open redirect to any other site is ignored", async () => {
    const client = browser(t);
    await submitSignIn(client, { userId: "gita@contoh.example", password: PASSWORD });
    const approved = await client.get("/account/security-info?return=https://portal.contoh.example/after");
    expect(approved.body).toContain('href="https://portal.contoh.example/after"');
    expect((await client.get("/account/security-info")).body).toContain('href="https://portal.contoh.example/after"');
    const other = await browser(t).get("/account/security-info?return=https://evil.example/");
    expect(other.body).not.toContain("evil.example");
    const stranger = browser(t);
    await submitSignIn(stranger, { userId: "gita@contoh.example", password: PASSWORD });
    const lookalike = await stranger.get("/account/security-info?return=https://portal.contoh.example.evil.example/");
    expect(lookalike.body).not.toContain("evil.example");
  });
});
