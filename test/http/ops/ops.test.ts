/** /healthz, /readyz and /metrics, and the 500 page that shows a request id and nothing else. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { latestCodeFor, requestEmailCode, submitUserId } from "../../support/reset-journey.js";

const METRICS_TOKEN = "metrics-token-for-the-ops-test-0123";
const BUDI = { userId: "budi.santoso@contoh.example", verifiedEmail: "budi@mail.example" };

async function seedResettable(t: TestApp): Promise<void> {
  await t.seed.organisation();
  await t.seed.policy({ scope: "all" });
  await t.seed.user(BUDI);
}

describe("health and readiness", () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it("/healthz answers 200 while the process is up, and /readyz 200 when database, migrations and worker are fine", async () => {
    t = await buildTestApp();
    await t.deliverMail(); // one worker round writes the heartbeat
    const health = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", checks: { database: true, migrations: true, worker: true } });
  });

  it("/readyz answers 503 naming the worker when no worker has beaten recently", async () => {
    t = await buildTestApp();
    await t.deliverMail();
    t.clock.advanceSeconds(120);
    const ready = await t.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: "not_ready", failed: ["worker"] });
  });

  it("/readyz answers 503 (not 500) when the database is closed, and /healthz still answers 200", async () => {
    t = await buildTestApp();
    await t.deliverMail();
    await t.composed.stores.handle.close();
    const ready = await t.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: "not_ready", failed: ["database", "migrations", "worker"] });
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("/metrics on the public listener", () => {
  it("does not exist without metrics.token", async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({
        method: "GET",
        url: "/metrics",
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain("sandi_");
    } finally {
      await t.close();
    }
  });

  describe("with metrics.token", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ config: { metrics: { token: METRICS_TOKEN } } });
      await seedResettable(t);
    });
    afterAll(async () => t.close());

    const scrape = (authorization?: string) =>
      t.app.inject({ method: "GET", url: "/metrics", headers: authorization === undefined ? {} : { authorization } });

    it("refuses a missing or wrong bearer token with 401", async () => {
      for (const authorization of [
        undefined,
        "Bearer wrong-token-of-some-length",
        `Basic ${METRICS_TOKEN}`,
        `Bearer ${METRICS_TOKEN}x`,
      ]) {
        const response = await scrape(authorization);
        expect(response.statusCode).toBe(401);
        expect(response.body).not.toContain("sandi_");
      }
    });

    it("serves Prometheus text with Sandi's metrics to the right token", async () => {
      const response = await scrape(`Bearer ${METRICS_TOKEN}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/plain/);
      for (const name of [
        "sandi_http_request_duration_seconds",
        "sandi_reset_steps_total",
        "sandi_codes_sent_total",
        "sandi_throttle_hits_total",
        "sandi_captcha_challenges_total",
        "sandi_outbox_depth",
        "sandi_outbox_oldest_age_seconds",
        "sandi_outbox_delivery_lag_seconds",
        "sandi_timing_floor_overrun_seconds",
        "sandi_timing_floor_exceeded_total",
      ])
        expect(response.body).toContain(`# TYPE ${name} `);
    });

    it("counts reset steps by outcome, codes sent, the outbox and HTTP latency by route pattern", async () => {
      const client = createPageClient(t.app, { ip: "10.9.0.1" });
      expect((await submitUserId(client, BUDI.userId)).status).toBe(303);
      await requestEmailCode(client, BUDI.verifiedEmail);
      const queued = (await scrape(`Bearer ${METRICS_TOKEN}`)).body;
      expect(queued).toMatch(/^sandi_reset_steps_total\{step="identify",outcome="gate_select"\} 1$/m);
      expect(queued).toMatch(/^sandi_reset_steps_total\{step="choose_method",outcome="gate_challenge"\} 1$/m);
      expect(queued).toMatch(/^sandi_reset_steps_total\{step="submit_contact",outcome="[a-z_]+"\} 1$/m);
      expect(queued).toMatch(/^sandi_outbox_depth 1$/m);
      expect(queued).toMatch(
        /^sandi_http_request_duration_seconds_count\{route="\/reset",method="POST",status_code="303"\} 1$/m,
      );
      expect(await latestCodeFor(t.composed, BUDI.verifiedEmail)).toMatch(/^\d{8}$/);
      const delivered = (await scrape(`Bearer ${METRICS_TOKEN}`)).body;
      expect(delivered).toMatch(/^sandi_codes_sent_total 1$/m);
      expect(delivered).toMatch(/^sandi_outbox_depth 0$/m);
      expect(delivered).toMatch(/^sandi_outbox_deliveries_total\{outcome="sent"\} 1$/m);
    });

    it("times requests in every context, static files and 404s included, by pattern rather than URL", async () => {
      await t.app.inject({ method: "GET", url: "/static/sandi.css" });
      await t.app.inject({ method: "GET", url: "/no/such/page-12345" });
      const body = (await scrape(`Bearer ${METRICS_TOKEN}`)).body;
      expect(body).toMatch(
        /^sandi_http_request_duration_seconds_count\{route="\/static\/\*",method="GET",status_code="200"\} \d+$/m,
      );
      expect(body).toMatch(
        /^sandi_http_request_duration_seconds_count\{route="\(unmatched\)",method="GET",status_code="404"\} \d+$/m,
      );
      expect(body).not.toContain("page-12345");
    });
  });
});

describe("the 500 page", () => {
  it("shows the request id and no stack, message or file path; the log has the error under that id", async () => {
    const t = await buildTestApp();
    try {
      vi.spyOn(t.composed.services.captcha, "createChallenge").mockRejectedValue(new Error("kaboom: secret internals"));
      const response = await t.app.inject({ method: "GET", url: "/altcha/challenge" });
      expect(response.statusCode).toBe(500);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      const requestId = /<span class="code">([A-Za-z0-9_-]+)<\/span>/.exec(response.body)?.[1];
      expect(requestId).toBeDefined();
      for (const leak of ["kaboom", "secret internals", "Error:", "    at ", ".ts:", "node_modules"])
        expect(response.body).not.toContain(leak);
      const logged = t.logLines.find((line) => line.includes("kaboom"));
      expect(logged).toContain(`"reqId":"${requestId ?? ""}"`);
    } finally {
      await t.close();
    }
  });
});

describe("the access log", () => {
  it("writes one line per request with its id, route pattern and status, and never the query string's values", async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({ method: "GET", url: "/reset?lang=id&token=not-for-logs" });
      expect(response.statusCode).toBe(200);
      const lines = t.logLines.filter((line) => line.includes('"msg":"request completed"'));
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
      expect(line).toMatchObject({ method: "GET", route: "/reset", statusCode: 200 });
      expect(typeof line.reqId).toBe("string");
      expect(typeof line.responseTimeMilliseconds).toBe("number");
      expect(t.logLines.join("\n")).not.toContain("not-for-logs");
      expect(t.logLines.some((log) => log.includes("incoming request"))).toBe(false);
    } finally {
      await t.close();
    }
  });
});
