/**
 * Threat: an admin lowers R2 (texts to one number, SPEC §8.2 "limits settable") while a number is being flooded, and
 * Sandi keeps texting it up to SPEC's default of 3 an hour. The policy's `flood.phoneMessagesPerNumberPerHour` is the
 * limit applied, across accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildPhoneTestApp,
  PASSWORD,
  PHONE_POLICY,
  type PhoneTestApp,
  signedInClient,
  submitPhone,
} from "../../support/phone-journey.js";

const SHARED = { typed: "0819 7777 1234", e164: "+6281977771234" } as const;
let app: PhoneTestApp;

beforeAll(async () => {
  app = await buildPhoneTestApp();
  await app.t.seed.policy({ ...PHONE_POLICY, "flood.phoneMessagesPerNumberPerHour": "1" });
});
afterAll(async () => app.close());

describe("R2 from the policy", () => {
  it("with 1 text an hour per number set, the second text to a number is dropped silently", async () => {
    for (const user of ["r2a", "r2b"]) {
      const userId = `${user}@contoh.example`;
      await app.t.seed.user({ userId, password: PASSWORD, verifiedEmail: null });
      const page = await submitPhone(await signedInClient(app.t, userId), "mobile", {
        number: SHARED.typed,
        channel: "sms",
      });
      expect(page.status).toBe(200);
    }
    await app.t.deliverMail();
    const texts = app.receiver.requests.filter((request) => {
      const body = request.body as Record<string, unknown>;
      return body["to"] === SHARED.e164 && "text" in body;
    });
    expect(texts).toHaveLength(1);
    const suppressed = await app.t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "message.suppressed")
      .execute();
    expect(suppressed.map((row) => row.reason)).toEqual(["SND-213:R2"]);
  });
});
