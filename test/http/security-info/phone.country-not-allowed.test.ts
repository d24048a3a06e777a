/**
 * Threat: SMS pumping, or toll fraud by calls, through numbers in countries the organisation never meant to reach.
 * A number outside `allowedPhoneCountries` is never dialled (SPEC §8.2 O2): refused at registration (SND-214), and a
 * number registered under an older policy is abandoned by the worker, not sent, when the policy no longer allows it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hiddenValue } from "../../support/page-client.js";
import {
  buildPhoneTestApp,
  PASSWORD,
  PHONE_POLICY,
  type PhoneTestApp,
  registerPhone,
  signedInClient,
  submitPhone,
} from "../../support/phone-journey.js";

let app: PhoneTestApp;

beforeAll(async () => {
  app = await buildPhoneTestApp();
  for (const name of ["andi", "lina", "eko"])
    await app.t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD, verifiedEmail: null });
});
afterAll(async () => app.close());

async function outboxRowsTo(recipient: string): Promise<{ status: string; last_error: string | null }[]> {
  return app.t.db
    .selectFrom("outbox_message")
    .select(["status", "last_error"])
    .where("recipient", "=", recipient)
    .execute();
}

describe("a number outside allowedPhoneCountries is never dialled", () => {
  it("is refused at registration, typed with + or 00, and nothing is queued or sent", async () => {
    const client = await signedInClient(app.t, "andi@contoh.example");
    for (const number of ["+1 415 555 2671", "001 415 555 2671", "+44 20 7946 0958"]) {
      const page = await submitPhone(client, "mobile", { number, channel: "sms" });
      expect(page.status).toBe(400);
      expect(page.body).toContain("Phone numbers from this country cannot be used here.");
    }
    const office = await submitPhone(client, "office", { number: "+1 415 555 2671" });
    expect(office.body).toContain("Phone numbers from this country cannot be used here.");
    expect(await outboxRowsTo("+14155552671")).toEqual([]);
    await app.t.deliverMail();
    expect(app.receiver.requests).toHaveLength(0);
  });

  it("a country picked from outside the list is refused too (a forged form)", async () => {
    const client = await signedInClient(app.t, "lina@contoh.example");
    const page = await submitPhone(client, "mobile", { number: "415 555 2671", country: "1", channel: "sms" });
    expect(page.status).toBe(400);
    expect(page.body).toContain("Phone numbers from this country cannot be used here.");
    expect(await outboxRowsTo("+14155552671")).toEqual([]);
  });

  it("a number registered before the policy dropped its country gets no text at a step-up: abandoned, SND-214", async () => {
    await app.t.seed.policy({ ...PHONE_POLICY, allowedPhoneCountries: "62,1" });
    const client = await signedInClient(app.t, "eko@contoh.example");
    const saved = await registerPhone(app, client, "mobile", { number: "+1 415 555 0199", e164: "+14155550199" });
    expect(saved.location).toBe("/account/security-info?notice=saved");
    await app.t.seed.policy({ ...PHONE_POLICY, allowedPhoneCountries: "62" });
    app.receiver.clear();
    app.t.clock.advanceSeconds(11 * 60);
    const verify = await client.follow(await client.get("/account/security-info/office"));
    const sent = await client.post("/account/security-info/mobile/step-up", {
      csrf: hiddenValue(verify.body, "csrf"),
      method: hiddenValue(verify.body, "method"),
      channel: "voice",
    });
    expect(sent.status).toBe(200);
    await app.t.deliverMail();
    expect(app.receiver.requests).toHaveLength(0);
    const rows = await outboxRowsTo("+14155550199");
    expect(rows.at(-1)).toEqual({ status: "abandoned", last_error: "SND-214" });
    const audit = await app.t.db
      .selectFrom("audit_event")
      .select(["activity", "reason", "masked_target"])
      .where("activity", "=", "message.abandoned")
      .execute();
    expect(audit.at(-1)).toEqual({ activity: "message.abandoned", reason: "phone-call", masked_target: "+1 ••• 99" });
  });
});
