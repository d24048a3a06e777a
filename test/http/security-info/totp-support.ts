/** Helpers for the authenticator-app and recovery-code tests: the policy switches, the setup key, a user's rows. */
import { ScureBase32Plugin } from "otplib";
import type { TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, type PageResponse } from "../../support/page-client.js";

export const PASSWORD = "Sawah-Hijau-Pagi-2026";
const base32 = new ScureBase32Plugin();
let nextIp = 1;

/** A browser from its own IP (so I2 never joins two tests). */
export function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.78.0.${String(nextIp++)}` });
}

/** Turns on `methods.authenticatorApp` and `methods.recoveryCodes`. */
export async function enableAppAndCodes(t: TestApp): Promise<void> {
  await t.seed.policy({ "methods.authenticatorApp": "on", "methods.recoveryCodes": "on" });
}

/** The setup key on a scan page, as bytes. */
export function setupKeyOf(page: string): Uint8Array {
  const match = /id="setup-key">([A-Z2-7 ]+)</.exec(page);
  if (match?.[1] === undefined) throw new Error("no setup key in page");
  return base32.decode(match[1].replace(/ /g, ""));
}

/** The user's ref in the built-in directory. */
export async function userRefOf(t: TestApp, userId: string): Promise<string> {
  const entry = await t.composed.stores.directory.findEntryByUserId(userId);
  if (entry === null) throw new Error(`no user ${userId}`);
  return entry.entryId;
}

/** Names an app and returns the scan page. */
export async function startApp(client: PageClient, label: string): Promise<PageResponse> {
  const form = await client.get("/account/security-info/authenticator-app");
  if (form.status !== 200) throw new Error(`add page: ${String(form.status)} ${form.location ?? ""}`);
  return client.post("/account/security-info/authenticator-app", { csrf: hiddenValue(form.body, "csrf"), label });
}

/** Types `code` on a scan page. */
export function submitAppCode(client: PageClient, scan: PageResponse, code: string): Promise<PageResponse> {
  return client.post("/account/security-info/authenticator-app/verify", {
    csrf: hiddenValue(scan.body, "csrf"),
    challenge: hiddenValue(scan.body, "challenge"),
    code,
  });
}

/** Audit events of a user, as JSON text: to look for secrets that must never be there. */
export async function auditTextOf(t: TestApp, userId: string): Promise<string> {
  return JSON.stringify(await t.composed.stores.auditReader.recent({ limit: 500, userId }));
}
