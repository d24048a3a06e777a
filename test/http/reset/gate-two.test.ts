/**
 * Gate 2 (SPEC §6.6 item 2): after gate 1 the user sees only their own remaining methods of another kind, masked;
 * email sends without typing, phones still need the full number. Threats: gate 2 reusing gate 1's kind, a method
 * gate 2 did not offer, skipping gate 2 by posting a later step.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiClient, tokenOf } from "../api/api-client.js";
import type { PageClient } from "../../support/page-client.js";
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
import {
  currentCsrf,
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const NEW_PASSWORD = "Nasi-Uduk-Betawi-2026";

describe("gate 2", () => {
  let app: PhoneTestApp;
  beforeEach(async () => {
    app = await buildPhoneGateApp({ methodsToRegister: "2", methodsToReset: "2" });
    await seedBudi(app.t);
  });
  afterEach(async () => app.close());

  /** Budi passes gate 1 with a text to his mobile. */
  async function passByText(): Promise<PageClient> {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await chooseMethod(client, "sms");
    await typePhone(client, BUDI.mobile.typed);
    await typePhoneCode(client, await phoneCode(app, BUDI.mobile.e164));
    return client;
  }

  it("lists only the user's remaining methods of another kind, each with its masked target", async () => {
    const client = await passByText();
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("step 2 of 2");
    expect(page.body).toContain("Call my office phone ending in 34");
    expect(page.body).toContain("Email a code to b***@m***.example");
    expect(page.raw).not.toContain('value="sms"');
    expect(page.raw).not.toContain('value="voice_mobile"');
    // Enabled methods Budi has not set up are not listed at gate 2 (the fake or real app, passkeys…).
    expect(page.raw.match(/name="method"/g)).toHaveLength(2);
  });

  it("gate 2 cannot reuse gate 1's kind: calling the mobile just texted is refused (SND-211)", async () => {
    const client = await passByText();
    for (const method of ["voice_mobile", "sms"]) {
      const refused = await chooseMethod(client, method);
      expect(refused.location).toBe("/reset/verify");
      expect((await client.get("/reset/verify")).raw).toContain('name="method"');
    }
    const events = await app.t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("reason", "like", "method_started%")
      .execute();
    expect(events.map((event) => event.reason)).toEqual(["method_started:sms"]);
  });

  it("a method gate 2 did not offer is refused (SND-210), even one the policy enables", async () => {
    await app.t.seed.user({
      userId: "ani@contoh.example",
      verifiedMobile: "+6281355556666",
      verifiedEmail: "ani@mail.example",
    });
    const client = phoneGateClient(app.t);
    await submitUserId(client, "ani@contoh.example");
    await requestEmailCode(client, "ani@mail.example");
    await submitCode(client, (await latestCodeFor(app.t.composed, "ani@mail.example")) ?? "");
    const refused = await chooseMethod(client, "voice_office");
    expect(refused.location).toBe("/reset/verify");
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("Text my phone ending in 66");
    expect(page.raw).not.toContain('value="voice_office"');
  });

  it("email at gate 2 sends to the masked address without typing, and its code opens the new password", async () => {
    const client = await passByText();
    await chooseMethod(client, "email");
    const confirm = await client.get("/reset/verify");
    expect(confirm.body).toContain("We will send a 8-digit code to b***@m***.example.");
    expect(confirm.raw).not.toContain('name="address"');
    await client.post("/reset/step", { csrf: await currentCsrf(client), step: "confirm_send" });
    const code = await latestCodeFor(app.t.composed, BUDI.email);
    expect(code).toMatch(/^\d{8}$/);
    await submitCode(client, code ?? "");
    await submitNewPassword(client, NEW_PASSWORD);
    expect((await client.get("/reset/verify")).body).toContain("Your password has been reset");
  });

  it("a phone at gate 2 still needs the full number; the page names only its last two digits", async () => {
    const client = phoneGateClient(app.t);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.email);
    await submitCode(client, (await latestCodeFor(app.t.composed, BUDI.email)) ?? "");
    await chooseMethod(client, "voice_office");
    const contact = await client.get("/reset/verify");
    expect(contact.body).toContain("Type the full number of your phone ending in 34, including the country code.");
    expect(contact.body).not.toContain("5790");
    await typePhone(client, "+62 21 5790 0000");
    expect(await deliveredTo(app, BUDI.office.e164)).toEqual([]);
    await client.post("/reset/back", { csrf: await currentCsrf(client) });
    await chooseMethod(client, "voice_office");
    await typePhone(client, BUDI.office.typed);
    await typePhoneCode(client, await phoneCode(app, BUDI.office.e164));
    expect((await client.get("/reset/verify")).body).toContain('name="password"');
  });

  it("going back at gate 2 shows the same list again", async () => {
    const client = await passByText();
    const before = (await client.get("/reset/verify")).raw.match(/<ul class="choices">[^]*?<\/ul>/)?.[0];
    await chooseMethod(client, "email");
    await client.post("/reset/back", { csrf: await currentCsrf(client) });
    const after = (await client.get("/reset/verify")).raw.match(/<ul class="choices">[^]*?<\/ul>/)?.[0];
    expect(after).toBe(before);
  });

  it("skipping gate 2 by posting the new password, or a code before one was sent, does nothing", async () => {
    const client = await passByText();
    const csrf = await currentCsrf(client);
    const posted = await client.post("/reset/password", { csrf, password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(posted.location).toBe("/reset/verify");
    await chooseMethod(client, "voice_office");
    const early = await client.post("/reset/step", { csrf, step: "enter_code", code: "123456" });
    expect(early.location).toBe("/reset/verify");
    const user = await app.t.composed.stores.users.findUserByUserId(BUDI.userId);
    if (user === null) throw new Error("Budi is gone");
    expect(await app.t.composed.stores.directory.verifyPassword(user, BUDI.password)).toBe(true);
  });

  it("API v1 lists gate 2's offer as the pages do, and its step shows the masked target", async () => {
    const api = createApiClient(app.t.app);
    const token = tokenOf(await api.start(BUDI.userId));
    await api.step("/method", token, { method: "sms" });
    await api.step("/step", token, { step: "enter_contact", fields: { phone: BUDI.mobile.international } });
    const passed = await api.step("/step", token, {
      step: "enter_code",
      fields: { code: await phoneCode(app, BUDI.mobile.e164) },
    });
    expect(passed.body.flow).toMatchObject({
      state: "gate_select",
      gate: 2,
      methodsOffered: ["voice_office", "email"],
    });
    // The same masked labels the page shows, never a full value.
    const targets = (passed.body.flow as { offeredTargets?: Record<string, string> } | undefined)?.offeredTargets;
    expect(targets?.["voice_office"]).toBe("••• 34");
    expect(targets?.["email"]).toMatch(/^\w\*\*\*@\w\*\*\*\./);
    const office = await api.step("/method", token, { method: "voice_office" });
    expect(office.body.flow?.step).toMatchObject({ step: "enter_contact", maskedTarget: "••• 34" });
    expect(office.raw).not.toContain("5790");
  });
});
