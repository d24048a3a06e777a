/**
 * Threat: an attacker learns which accounts exist, or which have a phone and which number, by walking the phone
 * gates with known and unknown IDs. Until a gate is passed every ID walks the same pages, statuses, headers and
 * cookies at every step: the method, the number (right, wrong, or none on file), a resend, a code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, tokenOf } from "../api/api-client.js";
import type { PageClient, PageResponse } from "../../support/page-client.js";
import type { PhoneTestApp } from "../../support/phone-journey.js";
import {
  addOfficePhone,
  BUDI,
  buildPhoneGateApp,
  chooseMethod,
  deliveredTo,
  phoneGateClient,
  resend,
  typePhone,
  typePhoneCode,
} from "../../support/phone-gate-journey.js";
import { submitUserId } from "../../support/reset-journey.js";
import { comparablePage } from "../../support/comparable-page.js";

describe("anti-enumeration at the phone gates", () => {
  let app: PhoneTestApp;
  /** A fresh account with Budi's phones per walk: each walk counts in A1 and A2, and a block would end it early. */
  async function phoneOwner(userId: string): Promise<string> {
    const ref = await app.t.seed.user({ userId, verifiedMobile: BUDI.mobile.e164 });
    await addOfficePhone(app.t, ref, BUDI.office.e164, BUDI.office.extension);
    return userId;
  }

  beforeAll(async () => {
    app = await buildPhoneGateApp();
    await app.t.seed.user({ userId: "nophone@contoh.example", verifiedEmail: "nophone@mail.example" });
    await app.t.seed.user({ userId: "off@contoh.example", verifiedMobile: "+6281399990000", enabled: false });
  });
  afterAll(async () => app.close());

  async function walk(client: PageClient, userId: string, method: string, typed: string): Promise<object[]> {
    const steps: PageResponse[] = [];
    steps.push(await submitUserId(client, userId));
    steps.push(await client.get("/reset/verify"));
    steps.push(await chooseMethod(client, method));
    steps.push(await client.get("/reset/verify"));
    steps.push(await typePhone(client, typed));
    steps.push(await client.get("/reset/verify"));
    app.t.clock.advanceSeconds(31);
    steps.push(await resend(client));
    steps.push(await client.get("/reset/verify"));
    steps.push(await typePhoneCode(client, "123456"));
    return steps.map(comparablePage);
  }

  for (const method of ["sms", "voice_mobile", "voice_office"] as const) {
    const typed = method === "voice_office" ? BUDI.office.typed : BUDI.mobile.typed;

    it(`an unknown ID walks the same ${method} pages as the account whose number it types`, async () => {
      const known = await walk(
        phoneGateClient(app.t),
        await phoneOwner(`owner-${method}@contoh.example`),
        method,
        typed,
      );
      const unknown = await walk(phoneGateClient(app.t), `ghost-${method}@contoh.example`, method, typed);
      expect(unknown).toEqual(known);
    });
  }

  it("an account with no phone, a disabled one and an unknown ID walk the same pages as a wrong number", async () => {
    const owner = await phoneOwner("owner@contoh.example");
    const baseline = await walk(phoneGateClient(app.t), owner, "sms", "+62 812 0000 0001");
    for (const userId of ["nophone@contoh.example", "off@contoh.example", "nobody@contoh.example"]) {
      const other = await walk(phoneGateClient(app.t), userId, "sms", "+62 812 0000 0001");
      expect(other, userId).toEqual(baseline);
    }
  });

  it("through API v1 too: the same statuses and bodies for the owner of the number and an unknown ID, up to the block", async () => {
    const VARYING = new Set(["flowId", "supportCode", "flowToken", "expiresAt", "requestId", "blockedUntil"]);
    const normalise = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(normalise);
      if (typeof value !== "object" || value === null) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, field]) => [key, VARYING.has(key) ? `<${key}>` : normalise(field)]),
      );
    };
    const probe = async (userId: string) => {
      const api = createApiClient(app.t.app);
      const started = await api.start(userId);
      const token = tokenOf(started);
      const answers = [started, await api.step("/method", token, { method: "sms" })];
      answers.push(await api.step("/step", token, { step: "enter_contact", fields: { phone: "0812" } }));
      answers.push(await api.step("/step", token, { step: "enter_contact", fields: { phone: BUDI.mobile.typed } }));
      for (let attempt = 0; attempt < 5; attempt += 1)
        answers.push(await api.step("/step", token, { step: "enter_code", fields: { code: "000000" } }));
      answers.push(await api.call("GET", "/reset/flow", { token }));
      return answers.map((answer) => {
        const headers = { ...answer.headers };
        delete headers.date;
        delete headers["retry-after"];
        return { status: answer.status, headers, body: normalise(answer.body) };
      });
    };
    const known = await probe(await phoneOwner("owner-api@contoh.example"));
    const unknown = await probe("ghost-api@contoh.example");
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatchObject({ status: 429 });
  });

  it("an inert flow never texts or calls, even the number its disabled account holds", async () => {
    // The walks above counted for this account as for any (A1, A2): a day later they have run out.
    app.t.clock.advanceSeconds(25 * 3600);
    await walk(phoneGateClient(app.t), "off@contoh.example", "sms", "+62 813 9999 0000");
    await walk(phoneGateClient(app.t), "off@contoh.example", "voice_mobile", "+62 813 9999 0000");
    expect(await deliveredTo(app, "+6281399990000")).toEqual([]);
  });
});
