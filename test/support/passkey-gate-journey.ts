/**
 * The passkey gate through the pages, for tests: a passkey registered for a user as My security info would save it
 * (a real registration ceremony with a software authenticator), the gate's step page and its ceremony, and the
 * answer posted to /reset/step.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { newPasskeyMethod } from "../../src/methods/passkey/passkey-rows.js";
import { registrationOptions, relyingParty, verifyRegistration } from "../../src/methods/passkey/webauthn.js";
import type { SoftAuthenticator } from "../methods/passkey-soft-authenticator.js";
import type { TestApp } from "./build-test-app.js";
import type { PageClient, PageResponse } from "./page-client.js";
import { currentCsrf } from "./reset-journey.js";

/** The origin every test page claims (the test config's publicUrl). */
export const ORIGIN = "http://localhost:8080";

/** Registers `authenticator`'s passkey for `userId`, labelled `label`; returns the row's id. */
export async function registerPasskey(
  t: TestApp,
  userId: string,
  authenticator: SoftAuthenticator,
  label = "Laptop",
): Promise<string> {
  const user = await t.composed.stores.users.findUserByUserId(userId);
  if (user === null) throw new Error(`no user ${userId}`);
  const rp = relyingParty(ORIGIN, "Contoh Nusantara");
  const userHandle = randomBytes(32).toString("base64url");
  const challenge = new Uint8Array(randomBytes(32));
  const options = await registrationOptions(rp, {
    userHandle,
    userName: userId,
    displayName: userId,
    challenge,
    excludeCredentials: [],
  });
  const verified = await verifyRegistration(rp, {
    responseJson: authenticator.create(options, ORIGIN),
    expectedChallenge: challenge,
  });
  if (!verified.ok) throw new Error(`registration refused: ${verified.reason}`);
  const id = randomUUID();
  const now = t.clock.now();
  await t.composed.stores.methods.add({
    ...newPasskeyMethod(verified.value, label, userHandle),
    id,
    userRef: user.ref,
    createdAt: now,
    lastUsedAt: null,
    verifiedAt: now,
  });
  return id;
}

/** The request options a passkey step page carries in its `data-options` attribute, or null. */
export function ceremonyOf(page: PageResponse): PublicKeyCredentialRequestOptionsJSON | null {
  const attribute = /data-options="([^"]*)"/.exec(page.raw)?.[1];
  if (attribute === undefined || attribute === "") return null;
  const json = attribute
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  return JSON.parse(json) as PublicKeyCredentialRequestOptionsJSON;
}

/** Chooses the passkey at the current gate; returns the step page that follows. */
export async function choosePasskey(client: PageClient): Promise<PageResponse> {
  await client.post("/reset/method", { csrf: await currentCsrf(client), method: "passkey" });
  return client.get("/reset/verify");
}

/** Posts a passkey answer (or anything) to the gate's step. */
export async function submitPasskey(client: PageClient, credential: string): Promise<PageResponse> {
  return client.post("/reset/step", { csrf: await currentCsrf(client), step: "use_passkey", credential });
}

/** Answers the ceremony on `page` with `authenticator` (as the browser would) and posts the answer. */
export async function answerCeremony(
  client: PageClient,
  page: PageResponse,
  authenticator: SoftAuthenticator,
  bend = {},
): Promise<{ response: PageResponse; credential: string }> {
  const options = ceremonyOf(page);
  if (options === null) throw new Error("no ceremony on the page");
  const credential = authenticator.get(options, ORIGIN, bend);
  return { response: await submitPasskey(client, credential), credential };
}
