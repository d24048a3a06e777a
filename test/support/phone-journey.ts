/**
 * Phone registration for tests: an app whose texts and calls go to a loopback provider receiver, a policy with the
 * phone methods on, and the steps of adding a phone through the pages. Codes are read from what the receiver got.
 */
import { expect } from "vitest";
import { buildTestApp, type TestApp } from "./build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, type PageResponse, submitSignIn } from "./page-client.js";
import { type SmsReceiver, startSmsReceiver } from "./sms-receiver.js";

export const PASSWORD = "Sawah-Hijau-Pagi-2026";
/** Budi's mobile as he types it, and as Sandi stores it. */
export const BUDI_MOBILE = { typed: "0812-3456-7812", e164: "+6281234567812" } as const;
/** A Jakarta office line (a fixed line: calls only). */
export const JAKARTA_OFFICE = { typed: "(021) 5790-1234", e164: "+622157901234" } as const;

/** The policy settings that switch the phone methods on, home country +62 only. */
export const PHONE_POLICY = {
  scope: "all",
  "methods.mobileSms": "on",
  "methods.mobileVoice": "on",
  "methods.officeVoice": "on",
  allowedPhoneCountries: "62",
} as const;

export interface PhoneTestApp {
  readonly t: TestApp;
  readonly receiver: SmsReceiver;
  close(): Promise<void>;
}

/** An app whose phone provider is a fresh receiver on 127.0.0.1. */
export async function buildPhoneTestApp(): Promise<PhoneTestApp> {
  const receiver = await startSmsReceiver();
  const t = await buildTestApp({
    config: {
      phone: {
        url: `${receiver.url}/messages`,
        secretHeader: { name: "x-api-key", valueFrom: "test-provider-key" },
        from: "SANDI",
        smsBodyTemplate: '{"to":"{{to}}","text":"{{message}}","from":"{{from}}"}',
        voiceBodyTemplate: '{"to":"{{to}}","say":"{{message}}","lang":"{{language}}","dtmf":"{{extension}}"}',
        timeoutMilliseconds: 2000,
      },
    },
  });
  await t.seed.organisation();
  await t.seed.policy(PHONE_POLICY);
  return {
    t,
    receiver,
    close: async () => {
      await t.close();
      await receiver.close();
    },
  };
}

let nextIp = 1;

/** A signed-in browser of a user with nothing registered (a fresh sign-in is their step-up, SPEC §5.1). */
export async function signedInClient(t: TestApp, userId: string): Promise<PageClient> {
  const client = createPageClient(t.app, { ip: `10.88.${String(Math.floor(nextIp / 250))}.${String(nextIp % 250)}` });
  nextIp += 1;
  await submitSignIn(client, { userId, password: PASSWORD });
  return client;
}

/** Opens a phone's add form and submits it; `slug` is `mobile` or `office`. */
export async function submitPhone(
  client: PageClient,
  slug: "mobile" | "office",
  fields: { number: string; country?: string; channel?: "sms" | "voice"; extension?: string },
): Promise<PageResponse> {
  const form = await client.get(`/account/security-info/${slug}`);
  expect(form.status).toBe(200);
  return client.post(`/account/security-info/${slug}`, {
    csrf: hiddenValue(form.body, "csrf"),
    country: fields.country ?? "62",
    number: fields.number,
    ...(fields.channel === undefined ? {} : { channel: fields.channel }),
    ...(fields.extension === undefined ? {} : { extension: fields.extension }),
  });
}

/** Submits a code on a code page. */
export function submitPhoneCode(
  client: PageClient,
  slug: "mobile" | "office",
  page: PageResponse,
  code: string,
): Promise<PageResponse> {
  return client.post(`/account/security-info/${slug}/code`, {
    csrf: hiddenValue(page.body, "csrf"),
    challenge: hiddenValue(page.body, "challenge"),
    code,
  });
}

/** Runs the worker, then reads the newest code the receiver got for `e164`. */
export async function deliveredCode(app: PhoneTestApp, e164: string): Promise<string> {
  await app.t.deliverMail();
  return app.receiver.waitForCode(e164, 2000);
}

/** Adds a phone end to end: the form, the code from the receiver, the code page; returns the saved redirect. */
export async function registerPhone(
  app: PhoneTestApp,
  client: PageClient,
  slug: "mobile" | "office",
  fields: { number: string; e164: string; channel?: "sms" | "voice"; extension?: string },
): Promise<PageResponse> {
  const page = await submitPhone(client, slug, fields);
  expect(page.status).toBe(200);
  const code = await deliveredCode(app, fields.e164);
  return submitPhoneCode(client, slug, page, code);
}

/** Passes the step-up page with a text to the registered mobile `e164`, then comes back to `next`. */
export async function stepUpByText(app: PhoneTestApp, client: PageClient, next: string): Promise<void> {
  const stale = await client.get(next);
  if (stale.status === 200) return;
  const verify = await client.get(stale.location ?? "");
  const sent = await client.post("/account/security-info/mobile/step-up", {
    csrf: hiddenValue(verify.body, "csrf"),
    method: stepUpMethodId(verify.body, "mobile"),
    channel: "sms",
  });
  await app.t.deliverMail();
  const to = app.receiver.requests.at(-1)?.body as { to?: string } | undefined;
  const code = await app.receiver.waitForCode(to?.to ?? "");
  const passed = await submitPhoneCode(client, "mobile", sent, code);
  expect(passed.location).toBe(next);
}

/** The row id a step-up page's form for `slug` (`mobile`, `office`, `email`) posts. */
export function stepUpMethodId(page: string, slug: string): string {
  const form = new RegExp(`action="/account/security-info/${slug}/step-up">[^]*?name="method" value="([^"]+)"`).exec(
    page,
  );
  if (form?.[1] === undefined) throw new Error(`no ${slug} step-up on the page`);
  return form[1];
}
