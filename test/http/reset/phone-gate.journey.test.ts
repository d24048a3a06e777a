/**
 * The phone gates end to end (SPEC §4.1, §4.3, §6.4): the user types the full number, the provider receives the
 * text or the call, the code passes the gate. Real delivery: the outbox worker posts to a loopback provider.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhoneTestApp } from "../../support/phone-journey.js";
import {
  BUDI,
  buildPhoneGateApp,
  chooseMethod,
  deliveredTo,
  phoneCode,
  phoneGateClient,
  seedBudi,
  typePhone,
  typePhoneCode,
} from "../../support/phone-gate-journey.js";
import { submitUserId } from "../../support/reset-journey.js";

describe("the phone gates", () => {
  let app: PhoneTestApp;
  beforeAll(async () => {
    app = await buildPhoneGateApp();
    await seedBudi(app.t);
  });
  afterAll(async () => app.close());

  it("lists text, call and office call at gate 1 in SPEC's order, for everyone", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    const page = await client.get("/reset/verify");
    const order = ["method-sms", "method-voice_mobile", "method-voice_office", "method-email"].map((id) =>
      page.raw.indexOf(`id="${id}"`),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("texts a code to the mobile typed as at home (0812…), and the code passes gate 1", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "sms");
    const contact = await client.get("/reset/verify");
    expect(contact.body).toContain("Type your full phone number, including the country code");
    expect(contact.raw).toMatch(/<input id="phone" name="phone" type="tel"/);
    // Gate 1 shows nothing of the number (SPEC §6.6): it must be typed in full.
    expect(contact.body).not.toContain("ending in");
    expect(contact.body).not.toContain("7812");
    const sent = await typePhone(client, BUDI.mobile.typed);
    expect(sent.location).toBe("/reset/verify");
    const codePage = await client.get("/reset/verify");
    expect(codePage.body).toContain("If this number matches the one on file, we're sending a 6-digit code by text");
    const from = app.receiver.requests.length;
    const code = await phoneCode(app, BUDI.mobile.e164);
    const [text] = await deliveredTo(app, BUDI.mobile.e164, from);
    expect(text).toMatchObject({ to: BUDI.mobile.e164 });
    // The origin-bound autofill line of SPEC §4.3, and 6 digits.
    expect((text as { text: string }).text).toMatch(/\n\n@[^\s]+ #\d{6}$/);
    expect(code).toMatch(/^\d{6}$/);
    await typePhoneCode(client, code);
    expect((await client.get("/reset/verify")).body).toContain('name="password"');
  });

  it("calls the mobile with the number typed internationally: the call reads the code 3 times", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "voice_mobile");
    await typePhone(client, BUDI.mobile.international);
    expect((await client.get("/reset/verify")).body).toContain("we're calling it now");
    const from = app.receiver.requests.length;
    const code = await phoneCode(app, BUDI.mobile.e164);
    const [call] = (await deliveredTo(app, BUDI.mobile.e164, from)) as { say: string; dtmf: string }[];
    const spoken = code.split("").join(", ");
    expect(call?.say.split(spoken).length).toBe(4);
    expect(call?.dtmf).toBe("");
    await typePhoneCode(client, code);
    expect((await client.get("/reset/verify")).body).toContain('name="password"');
  });

  it("calls the office phone without its extension typed, and dials the extension after the answer", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "voice_office");
    await typePhone(client, `00${BUDI.office.typed.slice(1)}`);
    const from = app.receiver.requests.length;
    const code = await phoneCode(app, BUDI.office.e164);
    const [call] = (await deliveredTo(app, BUDI.office.e164, from)) as { dtmf: string }[];
    expect(call?.dtmf).toBe(BUDI.office.extension);
    await typePhoneCode(client, code);
    expect((await client.get("/reset/verify")).body).toContain('name="password"');
  });

  it("a mistyped number is refused with a phone's wording, at the phone field, and nothing is sent", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "sms");
    const from = app.receiver.requests.length;
    const refused = await typePhone(client, "not a number");
    expect(refused.status).toBe(200);
    expect(refused.body).toContain("Enter a phone number with its country code");
    expect(refused.raw).toContain('<a href="#phone">');
    expect(refused.raw).toMatch(/<input id="phone"[^>]*aria-invalid="true"/);
    expect(await deliveredTo(app, BUDI.mobile.e164, from)).toEqual([]);
  });

  it("a wrong code is worded for the text, and the code page keeps its help", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "sms");
    await typePhone(client, BUDI.mobile.typed);
    const invalid = await typePhoneCode(client, "12");
    expect(invalid.body).toContain("Enter the 6-digit code from the text, numbers only.");
    const wrong = await typePhoneCode(client, "000000");
    expect(wrong.body).toContain("That code is wrong or has expired");
    expect(wrong.raw).toContain('id="code-help"');
    expect(wrong.body).toContain("Make sure you typed exactly the number you registered");
  });

  it("the phone pages read in Indonesian, with no catalog key left raw", async () => {
    // Budi's phone checks above count in A2 (5 an hour): an hour later they no longer do.
    app.t.clock.advanceSeconds(3601);
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "voice_office");
    const contact = await client.get("/reset/verify?lang=id");
    expect(contact.body).toContain("Ketik nomor telepon lengkap Anda, termasuk kode negara");
    expect(contact.body).toContain("Telepon saya");
    await typePhone(client, BUDI.office.typed);
    const code = await client.get("/reset/verify");
    expect(code.body).toContain("panggilan tersebut membacakan kode 6 digit sebanyak 3 kali");
    expect(code.body).toContain("jawab panggilannya");
    for (const page of [contact.body, code.body]) expect(page).not.toMatch(/\bgate_(phone|two)\.[a-z_]+/);
  });

  it("the page and the API use the same step: API v1 takes the number as the contact value", async () => {
    const started = await app.t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(started.statusCode).toBe(200);
    expect(started.body).toContain('"tel"');
  });
});
