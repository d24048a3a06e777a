/**
 * Threat: a botnet spreads an identify flood over the instances behind a load balancer, so no instance alone sees a
 * surge. The surge count and the per-IP hardening live in the database: two instances on one PostgreSQL judge as one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres } from "../../src/store/connect.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { createFakeClock } from "../support/fake-clock.js";
import {
  challengeDifficulty,
  distinctIp,
  identifyFrom,
  identifyRepeatedly,
  TRUSTED_PROXY,
} from "../support/identify-traffic.js";
import { openPostgresDatabase } from "../support/test-databases.js";

describe("identify flood control across two instances on one PostgreSQL", () => {
  let database: { url: string; drop(): Promise<void> };
  let first: TestApp;
  let second: TestApp;
  const clock = createFakeClock();
  beforeAll(async () => {
    database = await openPostgresDatabase();
    const open = () => ({ ...connectPostgres(database.url, { maxConnections: 4 }), drop: () => Promise.resolve() });
    const options = { clock, dropDatabase: false, config: { trustedProxies: [TRUSTED_PROXY] } };
    first = await buildTestApp({ ...options, database: open() });
    second = await buildTestApp({ ...options, database: open() });
    await first.seed.organisation();
    await first.seed.policy({ scope: "all" });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  it("a surge split between the instances makes the CAPTCHA ten times harder on both", async () => {
    for (let index = 0; index < 300; index++) await identifyFrom(index % 2 === 0 ? first : second, distinctIp(index));
    expect(await challengeDifficulty(first, "192.0.2.10")).toBe("plain");
    await identifyFrom(second, distinctIp(300));
    expect(await challengeDifficulty(first, "192.0.2.10")).toBe("hard");
    expect(await challengeDifficulty(second, "192.0.2.10", "api")).toBe("hard");
    clock.advanceSeconds(61);
    expect(await challengeDifficulty(first, "192.0.2.10")).toBe("plain");
  });

  it("an IP over I1's 10-minute limit through one instance gets the harder CAPTCHA from the other", async () => {
    const hammer = "203.0.113.66";
    await identifyRepeatedly(first, hammer, 20);
    await identifyRepeatedly(second, hammer, 11);
    expect(await challengeDifficulty(first, hammer)).toBe("hard");
    clock.advanceSeconds(30 * 60);
    expect(await challengeDifficulty(second, hammer)).toBe("hard");
  });
});
