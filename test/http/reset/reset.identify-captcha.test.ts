/**
 * Threats: a botnet floods the identify step from many IPs, each under the per-IP limit; one IP hammers it, then
 * pauses just long enough for a 10-minute window to forget it. The proof-of-work CAPTCHA gets ten times harder for
 * everyone during a surge (SPEC §6.2) and for an hour for an IP over I1's 10-minute limit (§8.2).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import {
  challengeDifficulty,
  distinctIp,
  identifyFrom,
  identifyRepeatedly,
  TRUSTED_PROXY,
} from "../../support/identify-traffic.js";

/** More identify submissions than this in a minute, organisation-wide, harden everyone's CAPTCHA. */
const SURGE_LIMIT = 300;
/** More identify submissions than this in 10 min from one IP harden its CAPTCHA for an hour. */
const IP_HARD_LIMIT = 30;

describe("identify CAPTCHA difficulty", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({}, { config: { trustedProxies: [TRUSTED_PROXY] } });
  });
  afterEach(async () => t.close());

  it("a surge of identify requests from many IPs makes the CAPTCHA ten times harder for everyone", async () => {
    const bystander = "192.0.2.10";
    for (let index = 0; index < SURGE_LIMIT; index++) {
      expect((await identifyFrom(t, distinctIp(index))).code).toBe("SND-111");
      // Spread over 55 s: the whole surge stays inside one minute.
      if (index % 60 === 59) t.clock.advanceSeconds(11);
    }
    expect(await challengeDifficulty(t, bystander)).toBe("plain");
    await identifyFrom(t, distinctIp(SURGE_LIMIT));
    expect(await challengeDifficulty(t, bystander, "pages")).toBe("hard");
    expect(await challengeDifficulty(t, bystander, "api")).toBe("hard");
    expect(await challengeDifficulty(t, distinctIp(0))).toBe("hard");
    // Operators see the surge: the hardened challenges are counted apart from the plain ones.
    const metrics = await t.composed.services.metrics.registry.metrics();
    expect(metrics).toMatch(/^sandi_captcha_challenges_total\{difficulty="normal"\} 1$/m);
    expect(metrics).toMatch(/^sandi_captcha_challenges_total\{difficulty="hard"\} 3$/m);
  });

  it("the surge eases once its minute has passed", async () => {
    for (let index = 0; index <= SURGE_LIMIT; index++) await identifyFrom(t, distinctIp(index));
    t.clock.advanceSeconds(59);
    expect(await challengeDifficulty(t, "192.0.2.10")).toBe("hard");
    t.clock.advanceSeconds(2);
    expect(await challengeDifficulty(t, "192.0.2.10")).toBe("plain");
    expect(await challengeDifficulty(t, distinctIp(0), "api")).toBe("plain");
  });

  it("an IP that crossed I1's 10-minute limit keeps the harder CAPTCHA for an hour", async () => {
    const hammer = "203.0.113.66";
    await identifyRepeatedly(t, hammer, IP_HARD_LIMIT, 10);
    expect(await challengeDifficulty(t, hammer)).toBe("plain");
    await identifyFrom(t, hammer);
    expect(await challengeDifficulty(t, hammer, "pages")).toBe("hard");
    expect(await challengeDifficulty(t, hammer, "api")).toBe("hard");
    expect(await challengeDifficulty(t, "203.0.113.67")).toBe("plain");
    // Quiet for 50 minutes: the 10-minute window is long empty, but the hour since it went over is not.
    t.clock.advanceSeconds(50 * 60);
    expect(await challengeDifficulty(t, hammer)).toBe("hard");
    t.clock.advanceSeconds(10 * 60 - 1);
    expect(await challengeDifficulty(t, hammer)).toBe("hard");
    t.clock.advanceSeconds(1);
    expect(await challengeDifficulty(t, hammer)).toBe("plain");
  });

  it("an IP that stays under I1's 10-minute limit keeps the plain CAPTCHA, however many it sends in the hour", async () => {
    const steady = "203.0.113.70";
    // One every 21 s for half an hour: 90 in all, never more than 29 in any 10 minutes.
    const answers = await identifyRepeatedly(t, steady, 3 * IP_HARD_LIMIT, 21);
    expect(new Set(answers.map((answer) => answer.code))).toEqual(new Set(["SND-111"]));
    expect(await challengeDifficulty(t, steady)).toBe("plain");
  });
});
