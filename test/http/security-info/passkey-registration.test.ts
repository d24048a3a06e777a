/**
 * Passkeys in My security info and at sign-in (SPEC §4.5, §5.1), over HTTP with a software authenticator: add one
 * (verified before it is saved, label 1–40, at most 10), sign in with it without a password (a fresh step-up), step
 * up with it, remove it. Threats: an answer replayed, a bent origin, another user's passkey, a counter that went
 * back (refused and flagged in the history and the audit log), passkeys switched off.
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
let nextIp = 1;

const creation = (raw: string) => JSON.parse(raw) as PublicKeyCredentialCreationOptionsJSON;
const request = (raw: string) => JSON.parse(raw) as PublicKeyCredentialRequestOptionsJSON;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.78.0.${String(nextIp++)}` });
}

async function signedIn(t: TestApp, userId: string): Promise<PageClient> {
  const client = browser(t);
  expect((await submitSignIn(client, { userId, password: PASSWORD })).status).toBe(303);
  return client;
}

/** Adds a passkey made by `authenticator` through the add page; returns the final POST's answer. */
async function addPasskey(client: PageClient, authenticator: SoftAuthenticator, label: string, bend = {}) {
  const csrf = hiddenValue((await client.get(ADD)).body, "csrf");
  const options = await client.post(`${ADD}/options`, { csrf, label });
  expect(options.status).toBe(200);
  const credential = authenticator.create(creation(options.raw), ORIGIN, bend);
  return client.post(ADD, { csrf, label, credential });
}

/** Signs in with `authenticator`'s passkey from a new browser; returns the final POST's answer and the client. */
async function passkeySignIn(t: TestApp, authenticator: SoftAuthenticator, bend = {}) {
  const client = browser(t);
  const page = await client.get("/signin");
  expect(page.body).toContain("Sign in with a passkey");
  const form = hiddenValue(page.body, "form");
  const options = await client.post("/signin/passkey/options", { form });
  expect(options.status).toBe(200);
  const credential = authenticator.get(request(options.raw), ORIGIN, bend);
  return { client, credential, form, response: await client.post("/signin/passkey", { form, credential }) };
}

async function userRef(t: TestApp, userId: string): Promise<string> {
  return (await t.composed.stores.directory.findEntryByUserId(userId))?.entryId ?? "";
}

describe("My security info: passkeys", () => {
  let t: TestApp;
  const ayu = createSoftAuthenticator();
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", "methods.passkey": "on" });
    for (const name of ["ayu", "bayu", "citra", "dewi"])
      await t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD, verifiedEmail: null });
  });
  afterAll(async () => t.close());

  it("adds a passkey only once the browser's answer is verified, and shows it by its label", async () => {
    const client = await signedIn(t, "ayu@contoh.example");
    const csrf = hiddenValue((await client.get(ADD)).body, "csrf");
    const options = creation((await client.post(`${ADD}/options`, { csrf, label: "Laptop" })).raw);
    expect(options).toMatchObject({
      rp: { id: "localhost" },
      user: { name: "ayu@contoh.example" },
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
      attestation: "none",
      timeout: 300_000,
    });
    const bent = await client.post(ADD, {
      csrf,
      label: "Laptop",
      credential: ayu.create(options, "https://evil.example"),
    });
    expect(bent.status).toBe(400);
    expect(bent.body).toContain("That passkey was not accepted");
    expect(await t.composed.stores.methods.listForUser(await userRef(t, "ayu@contoh.example"))).toEqual([]);
    const saved = await addPasskey(client, ayu, "  Laptop   kantor ");
    expect(saved.location).toBe("/account/security-info?notice=saved");
    const [row] = await t.composed.stores.methods.listForUser(await userRef(t, "ayu@contoh.example"));
    expect(row).toMatchObject({ method: "passkey", label: "Laptop kantor", credentialId: ayu.credentialId, value: "" });
    expect(row?.details?.["userHandle"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await client.get("/account/security-info")).body).toContain("Laptop kantor");
  });

  it("refuses a label outside 1–40 characters before any ceremony starts", async () => {
    const client = await signedIn(t, "dewi@contoh.example");
    const csrf = hiddenValue((await client.get(ADD)).body, "csrf");
    for (const label of ["   ", "x".repeat(41)]) {
      const refused = await client.post(`${ADD}/options`, { csrf, label });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.raw)).toEqual({ message: "Type a name of 1 to 40 characters." });
    }
    expect((await client.post(`${ADD}/options`, { csrf: "forged", label: "Phone" })).status).toBe(403);
  });

  it("signs in with the passkey and no password; the session counts as a fresh step-up", async () => {
    const { client, response } = await passkeySignIn(t, ayu);
    expect(response.status).toBe(303);
    expect(response.location).not.toMatch(/^\/signin/);
    const sessions = await t.composed.stores.sessions.listLive(await userRef(t, "ayu@contoh.example"), t.clock.now());
    expect(sessions.map((session) => session.signedInWith)).toContain("passkey");
    // Fresh without a step-up: the add page opens at once.
    expect((await client.get(ADD)).status).toBe(200);
    const audit = await t.db.selectFrom("audit_event").select(["activity", "reason"]).execute();
    expect(audit).toContainEqual({ activity: "signin.succeeded", reason: "passkey" });
  });

  it("an answer works once: the same ticket and answer again are refused", async () => {
    const { client, credential, form } = await passkeySignIn(t, ayu);
    const again = await client.post("/signin/passkey", { form, credential });
    expect(again.location).toBe("/signin?passkey=expired");
  });

  it("refuses a counter that went back, and flags the passkey in the history and the audit log", async () => {
    const { response } = await passkeySignIn(t, ayu, { counter: 1 });
    expect(response.location).toBe("/signin?passkey=refused");
    expect((await browser(t).get(response.location ?? "")).body).toContain("We couldn't sign you in with that passkey");
    const ref = await userRef(t, "ayu@contoh.example");
    const history = await t.composed.stores.methodHistory.listForUser(ref, 20);
    expect(history.map((event) => event.action)).toContain("flagged");
    const audit = await t.db.selectFrom("audit_event").select(["activity", "reason"]).execute();
    expect(audit).toContainEqual({ activity: "signin.failed", reason: "passkey_cloned" });
    // The genuine authenticator, one step on, still signs in.
    expect((await passkeySignIn(t, ayu)).response.location).not.toMatch(/^\/signin/);
  });

  it("steps up with a passkey once the sign-in is older than 10 minutes", async () => {
    const client = await signedIn(t, "ayu@contoh.example");
    t.clock.advanceSeconds(11 * 60);
    const stale = await client.get(ADD);
    expect(stale.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    const verify = await client.get(stale.location ?? "");
    expect(verify.body).toContain("Passkey: Laptop kantor");
    const csrf = hiddenValue(verify.body, "csrf");
    const chosen = await client.post("/account/security-info/passkey/step-up", {
      csrf,
      method: hiddenValue(verify.body, "method"),
    });
    const ceremony = await client.get(chosen.location ?? "");
    expect(ceremony.body).toContain('data-passkey="authenticate"');
    const options = request((await client.post("/account/security-info/passkey/verify/options", { csrf })).raw);
    const passed = await client.post("/account/security-info/passkey/verify", {
      csrf,
      credential: ayu.get(options, ORIGIN),
    });
    expect(passed.location).toBe(ADD);
    expect((await client.get(ADD)).status).toBe(200);
  });

  it("another user's passkey does not step this user up", async () => {
    const client = await signedIn(t, "bayu@contoh.example");
    await addPasskey(client, createSoftAuthenticator(), "Bayu's phone");
    t.clock.advanceSeconds(11 * 60);
    const csrf = hiddenValue((await client.get("/account/security-info/passkey/verify")).body, "csrf");
    const options = request((await client.post("/account/security-info/passkey/verify/options", { csrf })).raw);
    const refused = await client.post("/account/security-info/passkey/verify", {
      csrf,
      credential: ayu.get(options, ORIGIN),
    });
    expect(refused.status).toBe(400);
    expect((await client.get(ADD)).location).toMatch(/^\/account\/security-info\/verify/);
  });

  it("holds at most 10 passkeys, and removes one", async () => {
    const first = createSoftAuthenticator();
    expect((await addPasskey(await signedIn(t, "citra@contoh.example"), first, "Key 1")).location).toBe(
      "/account/security-info?notice=saved",
    );
    // With a method on the account, a change needs a step-up: a passkey sign-in is one.
    const { client } = await passkeySignIn(t, first);
    for (let index = 2; index <= 10; index++)
      expect((await addPasskey(client, createSoftAuthenticator(), `Key ${String(index)}`)).location).toBe(
        "/account/security-info?notice=saved",
      );
    const csrf = hiddenValue((await client.get(ADD)).body, "csrf");
    const eleventh = await client.post(`${ADD}/options`, { csrf, label: "Key 11" });
    expect(eleventh.status).toBe(409);
    const ref = await userRef(t, "citra@contoh.example");
    const [oldest] = await t.composed.stores.methods.listForUser(ref);
    const confirm = await client.get(`/account/security-info/remove?id=${oldest?.id ?? ""}`);
    const removed = await client.post("/account/security-info/remove", {
      csrf: hiddenValue(confirm.body, "csrf"),
      id: oldest?.id ?? "",
    });
    expect(removed.location).toBe("/account/security-info?notice=removed");
    expect(await t.composed.stores.methods.listForUser(ref)).toHaveLength(9);
  });

  it("with passkeys switched off, the sign-in page offers none and a passkey signs no one in", async () => {
    await t.seed.policy({ "methods.passkey": "off" });
    const client = browser(t);
    const page = await client.get("/signin");
    expect(page.body).not.toContain("Sign in with a passkey");
    const refused = await client.post("/signin/passkey/options", { form: hiddenValue(page.body, "form") });
    expect(refused.status).toBe(404);
  });
});
