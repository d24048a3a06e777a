/**
 * My security info with phones (SPEC §4.1, §4.3, issue 10): a mobile proven by a text or a call, an office phone by a
 * call with its extension dialled after the answer, a step-up by text, and the refusals of the add form. Texts and
 * calls go through the HTTP provider channel to a real receiver on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hiddenValue } from "../../support/page-client.js";
import {
  BUDI_MOBILE,
  buildPhoneTestApp,
  deliveredCode,
  JAKARTA_OFFICE,
  PASSWORD,
  type PhoneTestApp,
  registerPhone,
  signedInClient,
  stepUpByText,
  submitPhone,
  submitPhoneCode,
} from "../../support/phone-journey.js";

let app: PhoneTestApp;
const USERS = ["budi", "sari", "rini", "tono", "wati", "joko", "dewi"] as const;
const userId = (name: (typeof USERS)[number]) => `${name}@contoh.example`;

beforeAll(async () => {
  app = await buildPhoneTestApp();
  for (const name of USERS) await app.t.seed.user({ userId: userId(name), password: PASSWORD, verifiedEmail: null });
});
afterAll(async () => app.close());
afterEach(() => {
  app.receiver.clear();
});

describe("a mobile phone", () => {
  it("is proven by a text from the provider and then shown only masked", async () => {
    const client = await signedInClient(app.t, userId("budi"));
    const form = await client.get("/account/security-info/mobile");
    expect(form.body).toContain('<option value="62" selected>Indonesia (+62)</option>');
    expect(form.body).toContain('autocomplete="mobile tel-national"');
    const page = await submitPhone(client, "mobile", { number: BUDI_MOBILE.typed, channel: "sms" });
    expect(page.status).toBe(200);
    expect(page.body).toContain("We texted a code to +62 81234567812.");
    await app.t.deliverMail();
    const request = await app.receiver.waitFor((r) => (r.body as { to?: string }).to === BUDI_MOBILE.e164);
    expect(request.headers["x-api-key"]).toBe("test-provider-key");
    const { text } = request.body as { text: string };
    expect(text).toMatch(
      /^Contoh Nusantara: your verification code is \d{6}\. It expires in 5 minutes\. Never share it\.\n\n/,
    );
    expect(text).toMatch(/\n\n@localhost #\d{6}$/);
    const code = await app.receiver.waitForCode(BUDI_MOBILE.e164);
    const saved = await submitPhoneCode(client, "mobile", page, code);
    expect(saved.location).toBe("/account/security-info?notice=saved");
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("+62 ••• 12");
    expect(overview.body).not.toContain("81234567812");
  });

  it("is proven by a call that reads the code digit by digit, in the user's language", async () => {
    const client = await signedInClient(app.t, userId("sari"));
    await client.get("/account/security-info?lang=id");
    const page = await submitPhone(client, "mobile", { number: "0813 1111 2233", channel: "voice" });
    expect(page.body).toContain("Kami sedang menelepon +62 81311112233.");
    await app.t.deliverMail();
    const call = await app.receiver.waitFor((r) => (r.body as { to?: string }).to === "+6281311112233");
    const body = call.body as { say: string; lang: string; dtmf: string };
    expect(body.lang).toBe("id");
    expect(body.dtmf).toBe("");
    expect(body.say).toMatch(/^Halo, ini Contoh Nusantara\. Kode verifikasi Anda adalah (\d, ){5}\d\./);
    const saved = await submitPhoneCode(client, "mobile", page, await app.receiver.waitForCode("+6281311112233"));
    expect(saved.location).toBe("/account/security-info?notice=saved");
  });

  it("refuses a landline for texts, and says why beside the field", async () => {
    const client = await signedInClient(app.t, userId("rini"));
    const page = await submitPhone(client, "mobile", { number: JAKARTA_OFFICE.typed, channel: "sms" });
    expect(page.status).toBe(400);
    expect(page.body).toContain("This looks like a landline, which cannot receive texts.");
    expect(page.body).toContain('aria-invalid="true"');
    await app.t.deliverMail();
    expect(app.receiver.requests).toHaveLength(0);
  });

  it("refuses what is not a number, or is too short, keeping what was typed", async () => {
    const client = await signedInClient(app.t, userId("rini"));
    const invalid = await submitPhone(client, "mobile", { number: "0812-CALL-BUDI", channel: "sms" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain("This is not a valid phone number.");
    expect(invalid.body).toContain('value="0812-CALL-BUDI"');
    const short = await submitPhone(client, "mobile", { number: "0812", channel: "sms" });
    expect(short.body).toContain("This phone number is too short for the country you chose.");
  });

  it("a resent code for a call comes as a call again", async () => {
    const client = await signedInClient(app.t, userId("tono"));
    const page = await submitPhone(client, "mobile", { number: "0815 4444 5566", channel: "voice" });
    await app.t.deliverMail();
    app.t.clock.advanceSeconds(31);
    const resent = await client.post("/account/security-info/mobile/resend", {
      csrf: hiddenValue(page.body, "csrf"),
      challenge: hiddenValue(page.body, "challenge"),
    });
    expect(resent.body).toContain("We sent a new code.");
    await app.t.deliverMail();
    const calls = app.receiver.requests.filter((r) => (r.body as { say?: string }).say !== undefined);
    expect(calls).toHaveLength(2);
  });
});

describe("an office phone", () => {
  it("is proven by a call that dials the extension after the answer, and keeps the extension", async () => {
    const client = await signedInClient(app.t, userId("wati"));
    const form = await client.get("/account/security-info/office");
    expect(form.body).toContain('name="extension"');
    const page = await submitPhone(client, "office", { number: JAKARTA_OFFICE.typed, extension: "204" });
    expect(page.body).toContain("We are calling +62 2157901234, extension 204, now.");
    await app.t.deliverMail();
    const call = await app.receiver.waitFor((r) => (r.body as { to?: string }).to === JAKARTA_OFFICE.e164);
    expect((call.body as { dtmf: string }).dtmf).toBe("204");
    const saved = await submitPhoneCode(client, "office", page, await app.receiver.waitForCode(JAKARTA_OFFICE.e164));
    expect(saved.location).toBe("/account/security-info?notice=saved");
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("+62 ••• 34");
    expect(overview.body).toContain("ext. 204");
  });

  it("cannot be the number already registered as the mobile (SPEC §4.1)", async () => {
    const client = await signedInClient(app.t, userId("joko"));
    const mobile = await registerPhone(app, client, "mobile", { number: "0817 7777 8899", e164: "+6281777778899" });
    expect(mobile.location).toBe("/account/security-info?notice=saved");
    await stepUpByText(app, client, "/account/security-info/office");
    const office = await submitPhone(client, "office", { number: "+62 817 7777 8899" });
    expect(office.status).toBe(400);
    expect(office.body).toContain("This number is already your mobile phone.");
  });
});

describe("a step-up by a registered mobile", () => {
  it("texts a code to the registered number after 10 minutes, naming it only masked", async () => {
    const client = await signedInClient(app.t, userId("dewi"));
    await registerPhone(app, client, "mobile", { number: "0818 1234 5601", e164: "+6281812345601" });
    app.t.clock.advanceSeconds(11 * 60);
    const stale = await client.get("/account/security-info/office");
    expect(stale.location).toMatch(/^\/account\/security-info\/verify\?next=/);
    const verify = await client.get(stale.location ?? "");
    expect(verify.body).toContain("+62 ••• 01");
    expect(verify.body).not.toContain("81812345601");
    const sent = await client.post("/account/security-info/mobile/step-up", {
      csrf: hiddenValue(verify.body, "csrf"),
      method: hiddenValue(verify.body, "method"),
      channel: "sms",
    });
    expect(sent.body).toContain("We texted a code to +62 ••• 01.");
    const code = await deliveredCode(app, "+6281812345601");
    const passed = await submitPhoneCode(client, "mobile", sent, code);
    expect(passed.location).toBe("/account/security-info/office");
  });
});
