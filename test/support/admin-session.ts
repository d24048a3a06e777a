/**
 * Signed-in test sessions for the admin pages. SPEC §2 lets an admin in with "password plus one non-question method,
 * or a passkey alone", so an admin's session here passes a second factor: a passkey step-up through My security
 * info's pages with a software authenticator, registered for the admin on first use. A passkey (unlike an emailed
 * code, 5 per hour per address, SPEC §8.2 R1) can be passed as often as a test file signs its admins in.
 */
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { expect } from "vitest";
import { createSoftAuthenticator, type SoftAuthenticator } from "../methods/passkey-soft-authenticator.js";
import type { TestApp } from "./build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "./page-client.js";
import { ORIGIN, registerPasskey } from "./passkey-gate-journey.js";

export interface SignInInput {
  readonly userId: string;
  readonly password: string;
  /** The origin the client's forms claim (a cross-site test gives another). */
  readonly origin?: string;
}

let nextIp = 1;
const testPasskeys = new WeakMap<TestApp, Map<string, SoftAuthenticator>>();

/** Signs `userId` in with the password alone, from a fresh address: no second factor (a stolen password's reach). */
export async function passwordOnlyClient(t: TestApp, input: SignInInput): Promise<PageClient> {
  const ip = `10.9.${String(Math.floor(nextIp / 250))}.${String(nextIp++ % 250)}`;
  const client = createPageClient(t.app, { ip, ...(input.origin === undefined ? {} : { origin: input.origin }) });
  const response = await submitSignIn(client, input);
  expect(response.status).toBe(303);
  return client;
}

/** The user's test passkey, registered (as My security info would save it) the first time it is asked for. */
export async function testPasskeyOf(t: TestApp, userId: string): Promise<SoftAuthenticator> {
  const known = testPasskeys.get(t) ?? new Map<string, SoftAuthenticator>();
  testPasskeys.set(t, known);
  const found = known.get(userId);
  if (found !== undefined) return found;
  const authenticator = createSoftAuthenticator();
  await registerPasskey(t, userId, authenticator, "Test key");
  known.set(userId, authenticator);
  return authenticator;
}

/**
 * Passes the step-up page with the user's test passkey and checks it returns to `next`. On the way to an admin page
 * this is the second factor; later in the session it is the fresh step-up before a change.
 */
export async function stepUp(t: TestApp, client: PageClient, userId: string, next = "/admin"): Promise<void> {
  const authenticator = await testPasskeyOf(t, userId);
  const page = await client.get(`/account/security-info/verify?next=${encodeURIComponent(next)}`);
  if (page.status === 303) {
    expect(page.location).toBe(next);
    return;
  }
  const csrf = hiddenValue(page.body, "csrf");
  const options = await client.post("/account/security-info/passkey/verify/options", { csrf });
  expect(options.status).toBe(200);
  const credential = authenticator.get(JSON.parse(options.raw) as PublicKeyCredentialRequestOptionsJSON, ORIGIN);
  const passed = await client.post("/account/security-info/passkey/verify", { csrf, credential });
  expect(passed.location).toBe(next);
}

/** Signs in; a holder of an admin role also passes the second factor, as SPEC §2 asks before any admin page. */
export async function signedInClient(t: TestApp, input: SignInInput): Promise<PageClient> {
  const client = await passwordOnlyClient(t, input);
  const user = await t.composed.stores.users.findUserByUserId(input.userId);
  if (user !== null && user.roles.length > 0) await stepUp(t, client, input.userId);
  return client;
}

/** A signed-in admin fresh from a step-up (the second factor is one), with this session's CSRF token. */
export async function freshSession(t: TestApp, input: SignInInput): Promise<{ client: PageClient; csrf: string }> {
  const client = await signedInClient(t, input);
  return { client, csrf: hiddenValue((await client.get("/account")).body, "csrf") };
}
