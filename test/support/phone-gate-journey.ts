/**
 * The phone gates in tests: an app whose texts and calls reach a loopback provider receiver, people with phones, and
 * the steps of a phone gate through the pages (choose the method, type the number, type the code).
 */
import type { TestApp } from "./build-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "./page-client.js";
import { buildPhoneTestApp, type PhoneTestApp } from "./phone-journey.js";
import { currentCsrf } from "./reset-journey.js";
import { codeFromRequest, isRequestTo } from "./sms-receiver.js";

export { PHONE_POLICY } from "./phone-journey.js";

/** Budi: a mobile (typed at home as `0812…`), an office line with an extension, and an email. */
export const BUDI = {
  userId: "budi@contoh.example",
  password: "Sawah-Hijau-Pagi-2026",
  mobile: { typed: "0812-3456-7812", international: "+62 812 3456 7812", e164: "+6281234567812" },
  office: { typed: "+62 21 5790 1234", e164: "+622157901234", extension: "4321" },
  email: "budi@mail.example",
} as const;

/** An app with the phone provider receiver and the phone methods on, +62 only. */
export async function buildPhoneGateApp(policy: Readonly<Record<string, string>> = {}): Promise<PhoneTestApp> {
  const app = await buildPhoneTestApp();
  if (Object.keys(policy).length > 0) await app.t.seed.policy({ ...PHONE_POLICY_BASE, ...policy });
  return app;
}

const PHONE_POLICY_BASE = {
  scope: "all",
  "methods.mobileSms": "on",
  "methods.mobileVoice": "on",
  "methods.officeVoice": "on",
  allowedPhoneCountries: "62",
} as const;

/** Adds a verified office phone (with its extension) to `userRef`, as registration would have saved it. */
export async function addOfficePhone(
  t: TestApp,
  userRef: string,
  e164: string,
  extension: string | null,
): Promise<void> {
  await t.composed.stores.methods.add({
    id: `office-${userRef}`,
    userRef,
    method: "voice_office",
    value: e164,
    label: null,
    createdAt: t.clock.now(),
    lastUsedAt: null,
    verifiedAt: t.clock.now(),
    extension,
  });
}

/** Seeds Budi with his mobile, office phone and email; returns his ref. */
export async function seedBudi(t: TestApp): Promise<string> {
  const ref = await t.seed.user({
    userId: BUDI.userId,
    password: BUDI.password,
    verifiedMobile: BUDI.mobile.e164,
    verifiedEmail: BUDI.email,
  });
  await addOfficePhone(t, ref, BUDI.office.e164, BUDI.office.extension);
  return ref;
}

let nextIp = 1;

/** A fresh browser on its own IP (I2 counts per IP). */
export function phoneGateClient(t: TestApp): PageClient {
  const client = createPageClient(t.app, { ip: `10.77.${String(Math.floor(nextIp / 250))}.${String(nextIp % 250)}` });
  nextIp += 1;
  return client;
}

/** Chooses `method` at the current gate. */
export async function chooseMethod(client: PageClient, method: string): Promise<PageResponse> {
  return client.post("/reset/method", { csrf: await currentCsrf(client), method });
}

/** Types a phone number at the phone gate's contact step. */
export async function typePhone(client: PageClient, typed: string): Promise<PageResponse> {
  return client.post("/reset/step", { csrf: await currentCsrf(client), step: "enter_contact", phone: typed });
}

/** Types a code at the phone gate's code step. */
export async function typePhoneCode(client: PageClient, code: string): Promise<PageResponse> {
  return client.post("/reset/step", { csrf: await currentCsrf(client), step: "enter_code", code });
}

/** Asks for a new code (after the 30 s wait, which the caller's clock must have passed). */
export async function resend(client: PageClient): Promise<PageResponse> {
  return client.post("/reset/resend", { csrf: await currentCsrf(client) });
}

/** Runs the worker and returns what the provider received for `e164` since `from` (request indexes). */
export async function deliveredTo(app: PhoneTestApp, e164: string, from = 0): Promise<unknown[]> {
  await app.t.deliverMail();
  return app.receiver.requests
    .slice(from)
    .filter((request) => isRequestTo(request, e164))
    .map((r) => r.body);
}

/** Runs the worker and returns the newest code the provider received for `e164`. */
export async function phoneCode(app: PhoneTestApp, e164: string): Promise<string> {
  await app.t.deliverMail();
  const request = app.receiver.requests.findLast((r) => isRequestTo(r, e164) && codeFromRequest(r) !== null);
  if (request === undefined) throw new Error(`no code reached ${e164}`);
  return codeFromRequest(request) ?? "";
}

/** Audit reasons of `activity` (e.g. `message.suppressed`), oldest first. */
export async function auditReasons(t: TestApp, activity: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_event")
    .select(["reason", "seq"])
    .where("activity", "=", activity)
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.reason ?? "");
}

/** Hits of `counter` recorded under `key`. */
export async function hitsOf(t: TestApp, counter: string, key: string): Promise<number> {
  const rows = await t.db
    .selectFrom("throttle_hit")
    .select("id")
    .where("counter", "=", counter)
    .where("key", "=", key)
    .execute();
  return rows.length;
}
