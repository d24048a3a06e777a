/**
 * The authenticator app in My security info (SPEC §4.4, §5.1): name it, scan or type the key, prove it with a first
 * code, then step up with it. Threats: a TOTP step cannot be replayed; a wrong code burns an attempt (A2) before the
 * compare; the secret is never stored or logged in the clear; an unfinished verification is gone after 10 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Secret, totpCodeAt, totpStep } from "../../../src/lib/crypto/totp.js";
import { totpMethodFor } from "../../../src/methods/totp/totp-registration.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";
import {
  auditTextOf,
  browser,
  enableAppAndCodes,
  PASSWORD,
  setupKeyOf,
  startApp,
  submitAppCode,
  userRefOf,
} from "./totp-support.js";

const STEP_UP = "/account/security-info/authenticator-app/step-up";

/** From a stale session: the step-up page, the app's form, and the code typed there. */
async function stepUpWithApp(client: PageClient, code: string) {
  const verify = await client.get("/account/security-info/verify?next=%2Faccount%2Fsecurity-info");
  const form = await client.post(STEP_UP, {
    csrf: hiddenValue(verify.body, "csrf"),
    method: hiddenValue(verify.body, "method"),
  });
  expect(form.status).toBe(200);
  return client.post(`${STEP_UP}/code`, {
    csrf: hiddenValue(form.body, "csrf"),
    method: hiddenValue(form.body, "method"),
    code,
  });
}

describe("My security info: authenticator app", () => {
  let t: TestApp;
  const users = ["ayu", "bima", "citra", "dewi", "eko", "fajar", "gita", "hadi", "indah"] as const;
  const userId = (name: (typeof users)[number]) => `${name}@contoh.example`;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await enableAppAndCodes(t);
    for (const name of users) await t.seed.user({ userId: userId(name), password: PASSWORD, verifiedEmail: null });
  });
  afterAll(async () => t.close());

  async function signedIn(name: (typeof users)[number]): Promise<PageClient> {
    const client = browser(t);
    await submitSignIn(client, { userId: userId(name), password: PASSWORD });
    return client;
  }

  it("adds an app: the QR code and the grouped key, the first code saves it under its label, the secret sealed", async () => {
    const client = await signedIn("ayu");
    const form = await client.get("/account/security-info/authenticator-app");
    expect(form.body).toContain('value="Authenticator app"');
    const scan = await startApp(client, "  Work   phone ");
    expect(scan.status).toBe(200);
    expect(scan.raw).toMatch(/<svg role="img" aria-label="QR code to add [^"]+ to your authenticator app"/);
    expect(scan.raw).toMatch(/id="setup-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</);
    const secret = setupKeyOf(scan.body);
    expect(secret).toHaveLength(20);
    const saved = await submitAppCode(client, scan, totpCodeAt(secret, t.clock.now()));
    expect(saved.location).toBe("/account/security-info?notice=saved");
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("Authenticator app");
    expect(overview.body).toContain("Work phone");
    expect(overview.body).not.toContain(base32Secret(secret));
    const [row] = await t.composed.stores.methods.listForUser(await userRefOf(t, userId("ayu")));
    expect(row).toMatchObject({ method: "totp", value: "", label: "Work phone", counter: totpStep(t.clock.now()) });
    expect(typeof row?.details?.["keyId"]).toBe("string");
    const stored = Buffer.from(row?.secret ?? new Uint8Array());
    expect(stored.length).toBe(1 + 12 + 16 + 20);
    expect(stored.includes(Buffer.from(secret))).toBe(false);
    const audit = await auditTextOf(t, userId("ayu"));
    expect(audit).toContain("security_info.added");
    expect(audit).not.toContain(base32Secret(secret));
  });

  it("refuses an empty or over-long name, and keeps what was typed", async () => {
    const client = await signedIn("bima");
    const form = await client.get("/account/security-info/authenticator-app");
    for (const label of ["   ", "x".repeat(41)]) {
      const page = await client.post("/account/security-info/authenticator-app", {
        csrf: hiddenValue(form.body, "csrf"),
        label,
      });
      expect(page.status).toBe(400);
      expect(page.body).toContain("Type a name of 1 to 40 characters.");
    }
  });

  it("threat: a wrong code burns an attempt (A2) before the compare: after 4 wrong codes the right one is refused", async () => {
    const client = await signedIn("citra");
    const scan = await startApp(client, "Phone");
    const secret = setupKeyOf(scan.body);
    const right = totpCodeAt(secret, t.clock.now());
    const wrong = right === "000000" ? "111111" : "000000";
    for (let attempt = 0; attempt < 4; attempt++) {
      const refused = await submitAppCode(client, scan, wrong);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain("That code is not right.");
      // The page is drawn again with the same key: the app already holds it.
      expect(setupKeyOf(refused.body)).toEqual(secret);
    }
    const fifth = await submitAppCode(client, scan, right);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain("Paused for your protection");
    expect(await t.composed.stores.methods.listForUser(await userRefOf(t, userId("citra")))).toEqual([]);
  });

  it("threat: a TOTP step cannot be replayed: the code that passed a step-up is refused the second time (SND-207)", async () => {
    const client = await signedIn("dewi");
    const scan = await startApp(client, "Phone");
    const secret = setupKeyOf(scan.body);
    expect((await submitAppCode(client, scan, totpCodeAt(secret, t.clock.now()))).location).toContain("notice=saved");
    // The registration's own step is spent too: the same code cannot prove the user (straight to the code route:
    // saving the app made the session fresh, so no step-up page is offered now).
    const method = (await t.composed.stores.methods.listForUser(await userRefOf(t, userId("dewi"))))[0]?.id ?? "";
    const csrf = hiddenValue((await client.get("/account/security-info/recovery-codes")).body, "csrf");
    const sameStep = await client.post(`${STEP_UP}/code`, { csrf, method, code: totpCodeAt(secret, t.clock.now()) });
    expect(sameStep.status).toBe(400);
    expect(sameStep.body).toContain("That code was used already.");
    t.clock.advanceSeconds(11 * 60);
    const code = totpCodeAt(secret, t.clock.now());
    const passed = await stepUpWithApp(client, code);
    expect(passed.status).toBe(303);
    expect(passed.location).toBe("/account/security-info");
    // The same code again, straight to the code route (the session is fresh now, so no step-up page is shown).
    const replay = await client.post(`${STEP_UP}/code`, { csrf, method, code });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain("That code was used already.");
    const audit = await auditTextOf(t, userId("dewi"));
    expect(audit).toContain("SND-207");
    expect(audit).not.toContain(code);
  });

  it("a step-up with the app makes the session fresh for changes; a wrong code does not", async () => {
    const client = await signedIn("eko");
    const scan = await startApp(client, "Phone");
    const secret = setupKeyOf(scan.body);
    await submitAppCode(client, scan, totpCodeAt(secret, t.clock.now()));
    t.clock.advanceSeconds(11 * 60);
    const stale = await client.get("/account/security-info/recovery-codes");
    expect(stale.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    const wrong = await stepUpWithApp(client, "123456" === totpCodeAt(secret, t.clock.now()) ? "654321" : "123456");
    expect(wrong.status).toBe(400);
    expect((await client.get("/account/security-info/recovery-codes")).status).toBe(303);
    await stepUpWithApp(client, totpCodeAt(secret, t.clock.now()));
    expect((await client.get("/account/security-info/recovery-codes")).status).toBe(200);
  });

  it("allows 5 apps and no more", async () => {
    const client = await signedIn("fajar");
    const scan = await startApp(client, "Phone");
    await submitAppCode(client, scan, totpCodeAt(setupKeyOf(scan.body), t.clock.now()));
    const ref = await userRefOf(t, userId("fajar"));
    for (let index = 1; index < 5; index++)
      await t.composed.stores.methods.add({
        id: `0190aaaa-0000-7000-8000-00000000000${String(index)}`,
        userRef: ref,
        method: "totp",
        value: "",
        label: `App ${String(index)}`,
        createdAt: t.clock.now(),
        lastUsedAt: null,
        secret: new Uint8Array(49),
        counter: 0,
        details: { keyId: "none" },
      });
    const csrf = hiddenValue((await client.get("/account/security-info/authenticator-app")).body, "csrf");
    const refused = await client.post("/account/security-info/authenticator-app", { csrf, label: "Sixth" });
    expect(refused.location).toBe("/account/security-info?notice=limit_reached");
  });

  it("an unfinished verification is gone after 10 minutes", async () => {
    const client = await signedIn("gita");
    const scan = await startApp(client, "Phone");
    const secret = setupKeyOf(scan.body);
    t.clock.advanceSeconds(10 * 60 + 1);
    const late = await submitAppCode(client, scan, totpCodeAt(secret, t.clock.now()));
    expect(late.location).toMatch(/^\/account\/security-info(\/verify)?\?/);
    expect(await t.composed.stores.methods.listForUser(await userRefOf(t, userId("gita")))).toEqual([]);
  });

  it("an app seeded from a known secret (the demo's) proves its user; its sealed secret copied onto another user does not", async () => {
    const secret = new TextEncoder().encode("12345678901234567890");
    const codeKeys = t.composed.stores.keys.codeKeys;
    const seeded = async (name: "hadi" | "indah", sealedFor: "hadi" | "indah") => {
      const row = totpMethodFor(codeKeys, await userRefOf(t, userId(sealedFor)), { secret, label: "Demo phone" });
      await t.composed.stores.methods.add({
        ...row,
        id: name === "hadi" ? "0190bbbb-0000-7000-8000-000000000001" : "0190bbbb-0000-7000-8000-000000000002",
        userRef: await userRefOf(t, userId(name)),
        createdAt: t.clock.now(),
        lastUsedAt: null,
      });
    };
    await seeded("hadi", "hadi");
    await seeded("indah", "hadi"); // a row whose box was sealed for hadi, as if copied in the database
    const hadi = await signedIn("hadi");
    expect((await stepUpWithApp(hadi, totpCodeAt(secret, t.clock.now()))).status).toBe(303);
    const indah = await signedIn("indah");
    const refused = await stepUpWithApp(indah, totpCodeAt(secret, t.clock.now()));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("That code is not right.");
  });
});
