/** The metrics-only listener (`metrics.port`) that `sandi serve` and `sandi worker` start without the HTTP layer. */
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";
import { type MetricsListener, startMetricsListener } from "../../src/observability/metrics-listener.js";
import { createFakeClock } from "../support/fake-clock.js";

let listener: MetricsListener | null = null;
afterEach(async () => {
  await listener?.close();
  listener = null;
});

async function listen(onError: (error: unknown) => void = () => undefined) {
  const metrics = createMetrics({ processMetrics: false, clock: createFakeClock() });
  listener = await startMetricsListener(metrics, { host: "127.0.0.1", port: 0, onError });
  return { metrics, base: `http://127.0.0.1:${String(listener.port)}` };
}

describe("metrics listener", () => {
  it("serves the registry's Prometheus text on GET /metrics", async () => {
    const { metrics, base } = await listen();
    metrics.countCodeSent();
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(metrics.registry.contentType);
    expect(await response.text()).toMatch(/^sandi_codes_sent_total 1$/m);
  });

  it("ages the oldest outbox message by the injected clock, not the machine's", async () => {
    const clock = createFakeClock("2026-11-26T08:00:00Z");
    const metrics = createMetrics({ processMetrics: false, clock });
    const oldestCreatedAt = new Date("2026-11-26T07:58:30Z");
    metrics.setOutboxStats(() => Promise.resolve({ depth: 2, oldestCreatedAt }));
    const age = async () => (await metrics.registry.getSingleMetricAsString("sandi_outbox_oldest_age_seconds")).trim();
    expect(await age()).toMatch(/ 90$/);
    clock.advanceSeconds(30);
    expect(await age()).toMatch(/ 120$/);
  });

  it("answers 404 to any other path or method, so nothing else is reachable on the port", async () => {
    const { base } = await listen();
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/extra`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(404);
  });

  it("answers 500 and reports the error when collecting fails, and keeps serving", async () => {
    const errors: unknown[] = [];
    const { metrics, base } = await listen((error) => errors.push(error));
    // The outbox gauges swallow a failed read; a registry that throws is what a broken collector looks like.
    const original = metrics.registry.metrics.bind(metrics.registry);
    metrics.registry.metrics = () => Promise.reject(new Error("collector broke"));
    expect((await fetch(`${base}/metrics`)).status).toBe(500);
    expect(errors).toHaveLength(1);
    metrics.registry.metrics = original;
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it("refuses to start on a port that is taken", async () => {
    const { base } = await listen();
    const port = Number(new URL(base).port);
    const metrics = createMetrics({ processMetrics: false, clock: createFakeClock() });
    await expect(startMetricsListener(metrics, { host: "127.0.0.1", port, onError: () => undefined })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});
