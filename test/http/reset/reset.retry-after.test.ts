/**
 * Threat, to honest clients: an IP refused for flooding (SND-305) is told to wait a fixed hour however much of the
 * block is left, so a well-behaved script retries late, or (told nothing true) hammers on. Retry-After counts down to
 * the end of the block, on the pages and the API alike, and the page names the time.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { identifyFrom, identifyRepeatedly, TRUSTED_PROXY } from "../../support/identify-traffic.js";
import { createPageClient, hiddenValue, type PageClient } from "../../support/page-client.js";

/** I1: more identify submissions than this from one IP in an hour are refused for an hour. */
const HOURLY_LIMIT = 100;

async function postIdentifyPage(client: PageClient) {
  const form = hiddenValue((await client.get("/reset")).body, "form");
  return client.post("/reset", { form, userId: "someone@contoh.example" });
}

describe("Retry-After on SND-305 counts down to the end of the block", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({}, { config: { trustedProxies: [TRUSTED_PROXY] } });
  });
  afterEach(async () => t.close());

  it("on the API", async () => {
    const ip = "203.0.113.91";
    await identifyRepeatedly(t, ip, HOURLY_LIMIT);
    expect(await identifyFrom(t, ip)).toEqual({ status: 429, code: "SND-305", retryAfter: "3600" });
    t.clock.advanceSeconds(1000);
    expect(await identifyFrom(t, ip)).toEqual({ status: 429, code: "SND-305", retryAfter: "2600" });
    t.clock.advanceSeconds(2599.5);
    // Half a second left: rounded up, never to 0, which would invite an instant retry.
    expect((await identifyFrom(t, ip)).retryAfter).toBe("1");
    t.clock.advanceSeconds(0.5);
    // The hour is over, but the hour before holds over 100 submissions (refused ones count): refused afresh.
    expect(await identifyFrom(t, ip)).toEqual({ status: 429, code: "SND-305", retryAfter: "3600" });
  });

  it("the block is audited once, when it is applied, with the IP and SND-305 (sspr.throttled)", async () => {
    const ip = "203.0.113.94";
    await identifyRepeatedly(t, ip, HOURLY_LIMIT + 5);
    const events = await t.db
      .selectFrom("audit_event")
      .select(["result", "reason", "actor_type"])
      .where("activity", "=", "sspr.throttled")
      .where("ip", "=", ip)
      .execute();
    expect(events).toEqual([{ result: "success", reason: "SND-305", actor_type: "anonymous" }]);
  });

  it("on the pages, whose text names the end of the block", async () => {
    const client = createPageClient(t.app, { ip: "203.0.113.92" });
    for (let index = 0; index < HOURLY_LIMIT; index++) expect((await postIdentifyPage(client)).status).toBe(400);
    const first = await postIdentifyPage(client);
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("3600");
    expect(first.body).toContain("Try again after 26 November 2026 at 09:00 UTC");
    t.clock.advanceSeconds(45 * 60);
    const later = await postIdentifyPage(client);
    expect(later.headers["retry-after"]).toBe("900");
    expect(later.body).toContain("Try again after 26 November 2026 at 09:00 UTC");
  });

  it("in Indonesian, the page names the time in Indonesian", async () => {
    const client = createPageClient(t.app, { ip: "203.0.113.93" });
    await identifyRepeatedly(t, "203.0.113.93", HOURLY_LIMIT);
    const form = hiddenValue((await client.get("/reset?lang=id")).body, "form");
    const refused = await client.post("/reset?lang=id", { form, userId: "someone@contoh.example" });
    expect(refused.status).toBe(429);
    expect(refused.body).toContain("Coba lagi setelah 26 November 2026 pukul 09.00 UTC");
  });
});
