/**
 * `/signin?next=`: a browser sent to sign in from a page behind it (an admin page, My security info) comes back to
 * it after signing in, by password or passkey, and for an admin after the second factor too. The page travels in a
 * hidden field, so it works without a script. Threat: an open redirect — `next=` pointing off the site, plainly,
 * with a backslash, percent-encoded or with a control character — is refused, and the sign-in lands on My account.
 */
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepUp, testPasskeyOf } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient } from "../../support/page-client.js";
import { ORIGIN } from "../../support/passkey-gate-journey.js";

const PASSWORD = "Right-Password-1";
const HADI = { userId: "hadi@contoh.example", verifiedEmail: "hadi@mail.example", roles: ["helpdesk_admin"] } as const;
const BUDI = { userId: "budi@contoh.example", verifiedEmail: "budi@mail.example" } as const;

/** Leave the site, as typed into `next=` after decoding (query and form bodies are decoded once). */
const OFF_SITE = [
  "//evil.example",
  "https://evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%2F/evil.example",
  "/\t/evil.example",
  "/admin/..//evil.example",
  "/%E0%A4%A",
  "javascript:alert(1)",
] as const;

let ipCount = 1;
const newClient = (t: TestApp): PageClient => createPageClient(t.app, { ip: `10.77.0.${String(ipCount++)}` });

describe("/signin?next=", () => {
  let t: TestApp;
  let budiPage = "";

  /** The sign-in page at `path`, then its password form posted with `userId` and the page's own `next` field. */
  async function signInFrom(client: PageClient, path: string, userId: string) {
    const page = await client.get(path);
    expect(page.status).toBe(200);
    const next = /name="next" value="([^"]*)"/.exec(page.body)?.[1];
    const fields = { form: hiddenValue(page.body, "form"), userId, password: PASSWORD };
    return client.post("/signin", next === undefined ? fields : { ...fields, next: decodeEntities(next) });
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ ...HADI, password: PASSWORD, passkey: true });
    budiPage = `/admin/users/${await t.seed.user({ ...BUDI, password: PASSWORD })}`;
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("an admin sent to sign in from an admin page comes back to it after signing in and the second factor", async () => {
    const client = newClient(t);
    const asked = await client.get(budiPage);
    expect(asked.status).toBe(303);
    expect(asked.location).toBe(`/signin?next=${encodeURIComponent(budiPage)}`);
    const page = await client.get(asked.location ?? "");
    // In the form itself: no script needed to carry it.
    expect(page.body).toContain(`<input type="hidden" name="next" value="${budiPage}">`);
    const signedIn = await signInFrom(client, asked.location ?? "", HADI.userId);
    expect(signedIn.location).toBe(budiPage);
    const gate = await client.get(budiPage);
    expect(gate.location).toBe(`/account/security-info/verify?next=${encodeURIComponent(budiPage)}`);
    await stepUp(t, client, HADI.userId, budiPage);
    expect((await client.get(budiPage)).status).toBe(200);
  });

  it("a user sent to sign in from My security info comes back to it; a wrong password keeps the way back", async () => {
    const client = newClient(t);
    const asked = await client.get("/account/security-info");
    expect(asked.location).toBe(`/signin?next=${encodeURIComponent("/account/security-info")}`);
    const page = await client.get(asked.location ?? "");
    const wrong = await client.post("/signin", {
      form: hiddenValue(page.body, "form"),
      userId: BUDI.userId,
      password: "Wrong-Password-1",
      next: "/account/security-info",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('<input type="hidden" name="next" value="/account/security-info">');
    const signedIn = await signInFrom(client, asked.location ?? "", BUDI.userId);
    expect(signedIn.location).toBe("/account/security-info");
    // Signed in already: /signin goes straight to the page asked for.
    expect((await client.get(`/signin?next=${encodeURIComponent(budiPage)}`)).location).toBe(budiPage);
  });

  it("an open redirect through next= is refused", async () => {
    for (const next of OFF_SITE) {
      const client = newClient(t);
      const page = await client.get(`/signin?next=${encodeURIComponent(next)}`);
      expect(page.status, next).toBe(200);
      expect(page.body, next).not.toContain('name="next"');
      const posted = await client.post("/signin", {
        form: hiddenValue(page.body, "form"),
        userId: BUDI.userId,
        password: PASSWORD,
        next,
      });
      expect(posted.status, next).toBe(303);
      expect(posted.location, next).toBe("/account");
      expect((await client.get(`/signin?next=${encodeURIComponent(next)}`)).location, next).toBe("/account");
    }
  });

  it("a page of the site that is not behind the sign-in is not returned to either", async () => {
    const client = newClient(t);
    const page = await client.get("/signin?next=%2Freset");
    expect(page.body).not.toContain('name="next"');
  });

  it("a passkey sign-in returns to next= too, and a failed one keeps it", async () => {
    const authenticator = await testPasskeyOf(t, HADI.userId);
    const client = newClient(t);
    const page = await client.get(`/signin?next=${encodeURIComponent("/admin")}`);
    const passkeyForm = /<form method="post" action="\/signin\/passkey"[\s\S]*?<\/form>/.exec(page.body)?.[0] ?? "";
    expect(passkeyForm).toContain('<input type="hidden" name="next" value="/admin">');
    const form = hiddenValue(page.body, "form");
    const noScript = await client.post("/signin/passkey", { form, credential: "", next: "/admin" });
    expect(noScript.location).toBe("/signin?passkey=script&next=%2Fadmin");
    const offSite = await client.post("/signin/passkey", { form, credential: "", next: "//evil.example" });
    expect(offSite.location).toBe("/signin?passkey=script");
    const options = await client.post("/signin/passkey/options", { form, next: "/admin" });
    const request = JSON.parse(options.raw) as PublicKeyCredentialRequestOptionsJSON;
    const credential = authenticator.get(request, ORIGIN);
    const signedIn = await client.post("/signin/passkey", { form, credential, next: "/admin" });
    expect(signedIn.location).toBe("/admin");
    // A passkey alone is the admin's second factor (SPEC §2): the page opens at once.
    expect((await client.get("/admin")).status).toBe(200);
  });
});

/** The page escapes `&` and friends in attribute values; a browser posts them unescaped. */
function decodeEntities(value: string): string {
  return value.replaceAll("&amp;", "&").replaceAll("&#x2F;", "/").replaceAll("&quot;", '"').replaceAll("&#39;", "'");
}
