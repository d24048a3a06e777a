/**
 * Threat: a flood of codes at one number (harassment, SMS pumping) or a bill run up across many numbers. SPEC §8.2:
 * R2 drops the 4th text to a number within an hour, whoever asks, with calls counted apart; O1 caps the organisation's
 * texts plus calls per hour. A dropped code changes nothing on the page, and `message.suppressed` records it.
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

const SHARED = { typed: "0819 5555 1234", e164: "+6281955551234" } as const;
const ORG_LIMIT = 10;
let app: PhoneTestApp;
let users = 0;

beforeAll(async () => {
  app = await buildPhoneTestApp();
  await app.t.seed.policy({ ...PHONE_POLICY, "flood.phoneMessagesPerHour": String(ORG_LIMIT) });
});
afterAll(async () => app.close());

/** A new user with nothing registered, signed in from an IP of its own. */
async function newUserClient() {
  users += 1;
  const userId = `flood${String(users)}@contoh.example`;
  await app.t.seed.user({ userId, password: PASSWORD, verifiedEmail: null });
  return signedInClient(app.t, userId);
}

async function suppressedReasons(): Promise<string[]> {
  const rows = await app.t.db
    .selectFrom("audit_event")
    .select("reason")
    .where("activity", "=", "message.suppressed")
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.reason ?? "");
}

function requestsTo(e164: string, kind: "text" | "say"): number {
  return app.receiver.requests.filter((request) => {
    const body = request.body as Record<string, unknown>;
    return body["to"] === e164 && kind in body;
  }).length;
}

describe("flood limits on phone codes", () => {
  it("R2: the 4th text to one number within an hour is dropped silently, across accounts", async () => {
    const pages: string[] = [];
    for (let sender = 0; sender < 4; sender++) {
      const page = await submitPhone(await newUserClient(), "mobile", { number: SHARED.typed, channel: "sms" });
      expect(page.status).toBe(200);
      pages.push(page.body.replace(/value="[^"]*"/g, ""));
    }
    await app.t.deliverMail();
    expect(requestsTo(SHARED.e164, "text")).toBe(3);
    expect(await suppressedReasons()).toEqual(["SND-213:R2"]);
    const dropped = await app.t.db
      .selectFrom("audit_event")
      .select("masked_target")
      .where("activity", "=", "message.suppressed")
      .execute();
    expect(dropped).toEqual([{ masked_target: "+62 ••• 34" }]);
    expect(new Set(pages).size).toBe(1);
  });

  it("R2 counts calls apart from texts: a call to that number still goes", async () => {
    await submitPhone(await newUserClient(), "mobile", { number: SHARED.typed, channel: "voice" });
    await app.t.deliverMail();
    expect(requestsTo(SHARED.e164, "say")).toBe(1);
  });

  it("O1: past the organisation's texts plus calls per hour, every further code is dropped", async () => {
    // 4 sent so far (3 texts and a call); 6 more reach the limit of 10.
    for (let sender = 0; sender < ORG_LIMIT - 4; sender++) {
      const number = `0821 0000 ${String(1000 + sender)}`;
      await submitPhone(await newUserClient(), "mobile", { number, channel: "sms" });
    }
    const over = await submitPhone(await newUserClient(), "mobile", { number: "0821 0000 9999", channel: "sms" });
    expect(over.status).toBe(200);
    await app.t.deliverMail();
    expect(app.receiver.requests).toHaveLength(ORG_LIMIT);
    expect((await suppressedReasons()).at(-1)).toBe("SND-213:O1");
  });
});
