/**
 * Threat: an office of hundreds behind one NAT address is locked out of password reset by limits meant for one
 * attacker (a denial of service by design). Networks on the corporate egress list get 10 × the I1 and I2 limits
 * (SPEC §8.2); every other network keeps SPEC's limits, so the list is no way around them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import {
  challengeDifficulty,
  identifyFrom,
  identifyRepeatedly,
  TRUSTED_PROXY,
} from "../../support/identify-traffic.js";
import { createPageClient } from "../../support/page-client.js";
import { requestEmailCode, submitUserId } from "../../support/reset-journey.js";

const OFFICE_V4 = "198.51.100.23";
const OFFICE_V6 = "2001:db8:1:7::23";
const OUTSIDER_V4 = "203.0.113.23";
const OUTSIDER_V6 = "2001:db8:2::23";

function codesOf(answers: readonly { code: string | undefined }[]): Set<string | undefined> {
  return new Set(answers.map((answer) => answer.code));
}

describe("a corporate egress network gets ten times the I1 and I2 limits, and other networks do not", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp(
      {},
      {
        config: {
          trustedProxies: [TRUSTED_PROXY],
          throttle: { corporateEgressNetworks: ["198.51.100.0/24", "2001:db8:1::/48"] },
        },
      },
    );
  });
  afterEach(async () => t.close());

  it("a corporate egress network gets ten times I1's hourly limit, and other networks do not", async () => {
    // One every 3 s: 1,000 in 50 minutes, all in one hour, never a surge (at most 20 a minute).
    const office = await identifyRepeatedly(t, OFFICE_V4, 1000, 3);
    expect(codesOf(office)).toEqual(new Set(["SND-111"]));
    expect(await identifyFrom(t, OFFICE_V4)).toMatchObject({ status: 429, code: "SND-305" });
    const outsider = await identifyRepeatedly(t, OUTSIDER_V4, 100);
    expect(codesOf(outsider)).toEqual(new Set(["SND-111"]));
    expect(await identifyFrom(t, OUTSIDER_V4)).toMatchObject({ status: 429, code: "SND-305" });
  });

  it("an IPv6 corporate egress network gets the tenfold limit too, and the next /48 does not", async () => {
    expect(codesOf(await identifyRepeatedly(t, OFFICE_V6, 101, 3))).toEqual(new Set(["SND-111"]));
    expect(codesOf(await identifyRepeatedly(t, OUTSIDER_V6, 101))).toEqual(new Set(["SND-111", "SND-305"]));
  });

  it("a corporate egress network gets ten times I1's 10-minute limit before its CAPTCHA hardens", async () => {
    // One every 1.5 s: 300 in 7.5 minutes, at most 40 a minute.
    await identifyRepeatedly(t, OFFICE_V4, 300, 1.5);
    await identifyRepeatedly(t, OUTSIDER_V4, 31);
    expect(await challengeDifficulty(t, OFFICE_V4)).toBe("plain");
    expect(await challengeDifficulty(t, OUTSIDER_V4)).toBe("hard");
    await identifyFrom(t, OFFICE_V4);
    expect(await challengeDifficulty(t, OFFICE_V4)).toBe("hard");
  });

  it("a corporate egress network gets ten times I2, so one office IP sends more than 20 codes an hour", async () => {
    const count = 22;
    for (let index = 0; index < count; index++)
      for (const who of ["office", "outsider"])
        await t.seed.user({
          userId: `${who}${String(index)}@contoh.example`,
          verifiedEmail: `${who}${String(index)}@mail.example`,
        });
    for (const [who, ip] of [
      ["office", OFFICE_V4],
      ["outsider", OUTSIDER_V4],
    ] as const)
      for (let index = 0; index < count; index++) {
        const client = createPageClient(t.app, { ip });
        expect((await submitUserId(client, `${who}${String(index)}@contoh.example`)).status).toBe(303);
        await requestEmailCode(client, `${who}${String(index)}@mail.example`);
      }
    while ((await t.deliverMail()) > 0);
    const sent = await t.composed.stores.outbox.list(200);
    expect(sent.filter((mail) => mail.recipient.startsWith("office"))).toHaveLength(count);
    expect(sent.filter((mail) => mail.recipient.startsWith("outsider"))).toHaveLength(20);
  });
});
