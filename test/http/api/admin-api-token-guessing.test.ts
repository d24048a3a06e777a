/**
 * T2, the admin API's limit on refused tokens per client IP (ADR 0020, amended). Threats: a guesser who probes tokens
 * freely from one address (each refusal once cost a token lookup and an audit row, with no limit); a guesser who
 * fills the audit log; a limit that locks out a good tool on another address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFUSED_TOKENS_PER_IP, refusedTokenKey } from "../../../src/domain/admin/api-rate-limit.js";
import { CORPORATE_EGRESS_FACTOR } from "../../../src/domain/policies/attempt-policy.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { eventsOf, tokenFor } from "./admin-api-support.js";

const GUESSER = "203.0.113.5";
const TOOL = "198.51.100.20";
/** An office's shared address, inside the corporate egress network the test app is configured with. */
const OFFICE = "192.0.2.44";
const { limit, blockSeconds } = REFUSED_TOKENS_PER_IP;

describe("admin API: refused tokens per IP (T2)", () => {
  let t: TestApp;
  let valid: string;
  let guesses = 0;

  /** GET /groups from `ip` with `token`. */
  function call(ip: string, token: string) {
    return t.app.inject({
      method: "GET",
      url: "/api/v1/admin/groups",
      remoteAddress: ip,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  /** A fresh wrong token each time, as a guesser would send. */
  function guess(ip = GUESSER) {
    guesses += 1;
    return call(ip, `sandi_at_${String(guesses).padStart(43, "A")}`);
  }

  async function deniedReasons(ip: string): Promise<string[]> {
    return (await eventsOf(t, "token.used_denied"))
      .filter((event) => event.ip === ip)
      .map((event) => event.reason ?? "");
  }

  async function t2Hits(ip: string): Promise<number> {
    const rows = await t.db.selectFrom("throttle_hit").select("id").where("key", "=", refusedTokenKey(ip)).execute();
    return rows.length;
  }

  beforeAll(async () => {
    t = await buildTestApp({ config: { throttle: { corporateEgressNetworks: ["192.0.2.0/24"] } } });
    await t.seed.organisation();
    valid = (await tokenFor(t, { role: "helpdesk_admin" })).secret;
  });
  afterAll(async () => t.close());

  it(`a token guesser from one IP is stopped after ${String(limit)} refusals with 429 and Retry-After`, async () => {
    for (let n = 1; n <= limit; n += 1) expect((await guess()).statusCode, `guess ${String(n)}`).toBe(401);
    const stopped = await guess();
    expect(stopped.statusCode).toBe(429);
    expect(stopped.headers["retry-after"]).toBe(String(blockSeconds));
    expect(stopped.json<{ code: string; message: string }>()).toMatchObject({ code: "rate_limited" });
    expect(stopped.json<{ message: string }>().message).toContain("Retry-After");
    t.clock.advanceSeconds(60);
    const later = await guess();
    expect(later.statusCode).toBe(429);
    expect(later.headers["retry-after"]).toBe(String(blockSeconds - 60));
    // The address is refused before any token is looked up: a valid one from it waits too.
    expect((await call(GUESSER, valid)).statusCode).toBe(429);
  });

  it("a valid token from another IP still works, and that IP's own refusals count apart", async () => {
    expect((await call(TOOL, valid)).statusCode).toBe(200);
    expect((await guess(TOOL)).statusCode).toBe(401);
    expect((await call(TOOL, valid)).statusCode).toBe(200);
    expect(await deniedReasons(TOOL)).toEqual(["unknown"]);
  });

  it("a corporate egress network gets ten times T2, so one tool's stale token there does not lock the others out", async () => {
    const officeLimit = limit * CORPORATE_EGRESS_FACTOR;
    for (let n = 1; n <= officeLimit; n += 1)
      expect((await guess(OFFICE)).statusCode, `refusal ${String(n)}`).toBe(401);
    expect((await call(OFFICE, valid)).statusCode).toBe(200);
    expect((await guess(OFFICE)).statusCode).toBe(429);
  });

  it("the audit log does not grow with every guess past the limit", async () => {
    for (let n = 0; n < 30; n += 1) expect((await guess()).statusCode).toBe(429);
    const reasons = await deniedReasons(GUESSER);
    expect(reasons).toEqual([...Array<string>(limit).fill("unknown"), "rate_limited"]);
    // Nor do the counter's rows: a blocked address records nothing.
    expect(await t2Hits(GUESSER)).toBe(limit + 1);
  });

  it("once the block has run out the address starts a fresh window", async () => {
    t.clock.advanceSeconds(blockSeconds);
    expect((await call(GUESSER, valid)).statusCode).toBe(200);
    expect((await guess()).statusCode).toBe(401);
    const reasons = await deniedReasons(GUESSER);
    expect(reasons.at(-1)).toBe("unknown");
    expect(reasons).toHaveLength(limit + 2);
  });

  it("addresses of one IPv6 /64 count together (SPEC §8.2 keys IPs so)", () => {
    expect(refusedTokenKey("2001:db8:1:2::5")).toBe(refusedTokenKey("2001:db8:1:2:ffff::9"));
    expect(refusedTokenKey("2001:db8:1:2::5")).not.toBe(refusedTokenKey("2001:db8:1:3::5"));
    expect(refusedTokenKey("192.0.2.1")).not.toBe(refusedTokenKey("192.0.2.2"));
  });
});
