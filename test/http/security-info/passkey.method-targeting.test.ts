/**
 * Per-method targeting (SPEC §18) at passkey sign-in and on `/help`. Threat: a passkey aimed at a pilot group still
 * signs in a user outside it (the admin took passkeys away from them, or excluded their group, and a passkey they
 * registered before keeps working); and the FAQ tells a user a method is theirs when the policy does not give it.
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";
import { createSoftAuthenticator, type SoftAuthenticator } from "../../methods/passkey-soft-authenticator.js";

const ORIGIN = "http://localhost:8080";
const PASSWORD = "Kunci-Pintu-Rumah-2026";
const ADD = "/account/security-info/passkey";
const PASSKEY_FAQ = "Passkey: your phone or computer confirms it";
let nextIp = 1;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.79.0.${String(nextIp++)}` });
}

async function signedIn(t: TestApp, userId: string): Promise<PageClient> {
  const client = browser(t);
  expect((await submitSignIn(client, { userId, password: PASSWORD })).status).toBe(303);
  return client;
}

async function addPasskey(client: PageClient, authenticator: SoftAuthenticator): Promise<void> {
  const csrf = hiddenValue((await client.get(ADD)).body, "csrf");
  const options = await client.post(`${ADD}/options`, { csrf, label: "Laptop" });
  const credential = authenticator.create(JSON.parse(options.raw) as PublicKeyCredentialCreationOptionsJSON, ORIGIN);
  expect((await client.post(ADD, { csrf, label: "Laptop", credential })).location).toBe(
    "/account/security-info?notice=saved",
  );
}

async function passkeySignIn(t: TestApp, authenticator: SoftAuthenticator) {
  const client = browser(t);
  const form = hiddenValue((await client.get("/signin")).body, "form");
  const options = await client.post("/signin/passkey/options", { form });
  const credential = authenticator.get(JSON.parse(options.raw) as PublicKeyCredentialRequestOptionsJSON, ORIGIN);
  return client.post("/signin/passkey", { form, credential });
}

describe("passkey targeting at sign-in and on /help", () => {
  let t: TestApp;
  const ayu = createSoftAuthenticator();
  const budi = createSoftAuthenticator();
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", "methods.passkey": "on", "registration.requiredAtSignIn": "off" });
    await t.seed.user({ userId: "ayu@contoh.example", password: PASSWORD, verifiedEmail: null, groups: ["Pilot"] });
    await t.seed.user({ userId: "budi@contoh.example", password: PASSWORD, verifiedEmail: null });
    // Both register while passkeys are for everyone; then the admin aims them at the pilot group.
    await addPasskey(await signedIn(t, "ayu@contoh.example"), ayu);
    await addPasskey(await signedIn(t, "budi@contoh.example"), budi);
    await t.seed.policy({ "methodTargets.passkey": "Pilot" });
  });
  afterAll(async () => t.close());

  it("signs in a user the passkey is aimed at", async () => {
    const response = await passkeySignIn(t, ayu);
    expect(response.status).toBe(303);
    expect(response.location).not.toMatch(/^\/signin/);
  });

  it("refuses a genuine passkey of a user it is not aimed at, audited as SND-210", async () => {
    const response = await passkeySignIn(t, budi);
    expect(response.location).toBe("/signin?passkey=refused");
    const events = await t.db
      .selectFrom("audit_event")
      .select(["activity", "reason"])
      .where("target_user_id", "=", "budi@contoh.example")
      .where("activity", "=", "signin.failed")
      .execute();
    expect(events).toEqual([{ activity: "signin.failed", reason: "SND-210" }]);
  });

  it("refuses it too when the user's group is excluded", async () => {
    await t.seed.policy({ "methodTargets.passkey": "everyone except Pilot" });
    expect((await passkeySignIn(t, ayu)).location).toBe("/signin?passkey=refused");
    expect((await passkeySignIn(t, budi)).location).not.toMatch(/^\/signin/);
    await t.seed.policy({ "methodTargets.passkey": "Pilot" });
  });

  it("/help lists the passkey to a signed-in user it is aimed at and to anonymous readers, not to others", async () => {
    expect((await browser(t).get("/help?lang=en")).body).toContain(PASSKEY_FAQ);
    expect((await (await signedIn(t, "ayu@contoh.example")).get("/help?lang=en")).body).toContain(PASSKEY_FAQ);
    const budiHelp = (await (await signedIn(t, "budi@contoh.example")).get("/help?lang=en")).body;
    expect(budiHelp).not.toContain(PASSKEY_FAQ);
    expect(budiHelp).toContain("Email: we send a code");
  });
});
