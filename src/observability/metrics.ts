/** Sandi's Prometheus metrics on a registry of their own: HTTP latency, reset steps, codes, throttles, outbox, floors. */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../lib/clock.js";

/** What the outbox gauges read at scrape time. */
export interface OutboxStats {
  readonly depth: number;
  readonly oldestCreatedAt: Date | null;
}

/** The metrics Sandi records; one per process (`sandi serve` or `sandi worker`), handed to compose.ts and the HTTP layer. */
export interface Metrics {
  /** The registry /metrics serves (never prom-client's global one). */
  readonly registry: Registry;
  /** One HTTP response: its route pattern (not the URL), method, status and duration. */
  observeRequest(route: string, method: string, status: number, milliseconds: number): void;
  /** One call of a reset step and how it ended (a reason code, a notice or the state reached). */
  observeResetStep(step: string, outcome: string): void;
  /** One verification code delivered to a mail server or the dev mailbox. */
  countCodeSent(): void;
  /** One request answered by a throttle (counter id: A1…A4, I1…). */
  countThrottleHit(counter: string): void;
  /** One CAPTCHA challenge issued, normal or ten times harder (an IP over I1, or an identify surge: SPEC §6.2). */
  countCaptchaChallenge(difficulty: "normal" | "hard"): void;
  /** One outbox delivery outcome and how long the message waited in the outbox. */
  observeDelivery(outcome: string, lagMilliseconds: number): void;
  /** One response-floor wait: how far past its scheduled time the response went. */
  observeFloorOverrun(kind: string, overrunMilliseconds: number): void;
  /** Sets what the outbox depth and age gauges read at each scrape. */
  setOutboxStats(read: () => Promise<OutboxStats>): void;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop, GC); tests building many apps turn them off. */
  readonly processMetrics?: boolean;
  /** The time "now" for the outbox age gauge: the process's clock, so a test's fake clock ages the outbox too. */
  readonly clock: Clock;
}

/** Floors overrun by more than this count as exceeded (SPEC §6.1's 20 ms target). */
const FLOOR_EXCEEDED_MILLISECONDS = 20;

function createHttpHistogram(registry: Registry): Histogram<"route" | "method" | "status_code"> {
  return new Histogram({
    name: "sandi_http_request_duration_seconds",
    help: "HTTP request duration by route pattern, method and status code.",
    labelNames: ["route", "method", "status_code"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

function createOutboxGauges(registry: Registry, clock: Clock): { setRead(read: () => Promise<OutboxStats>): void } {
  let read: (() => Promise<OutboxStats>) | null = null;
  let latest: Promise<OutboxStats | null> | null = null;
  // A scrape collects both gauges at once: they share one read, forgotten as soon as it settles.
  const stats = (): Promise<OutboxStats | null> => {
    latest ??= (read === null ? Promise.resolve(null) : read().catch(() => null)).finally(() => (latest = null));
    return latest;
  };
  new Gauge({
    name: "sandi_outbox_depth",
    help: "Messages waiting in the outbox (pending or leased).",
    registers: [registry],
    async collect() {
      const current = await stats();
      if (current !== null) this.set(current.depth);
    },
  });
  new Gauge({
    name: "sandi_outbox_oldest_age_seconds",
    help: "Age of the oldest message waiting in the outbox; 0 when it is empty.",
    registers: [registry],
    async collect() {
      const current = await stats();
      if (current === null) return;
      const oldest = current.oldestCreatedAt;
      this.set(oldest === null ? 0 : Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000));
    },
  });
  return { setRead: (next) => (read = next) };
}

/** A labelled counter on `registry`. */
function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** The reset, code, throttle and outbox-delivery instruments. */
function createFlowInstruments(registry: Registry) {
  return {
    steps: counter(registry, "sandi_reset_steps_total", "Reset step calls by step and outcome.", ["step", "outcome"]),
    codes: counter(registry, "sandi_codes_sent_total", "Verification codes delivered.", []),
    throttles: counter(registry, "sandi_throttle_hits_total", "Requests answered by a throttle, by counter.", [
      "counter",
    ]),
    challenges: counter(registry, "sandi_captcha_challenges_total", "CAPTCHA challenges issued, by difficulty.", [
      "difficulty",
    ]),
    deliveries: counter(registry, "sandi_outbox_deliveries_total", "Outbox delivery attempts by outcome.", ["outcome"]),
    lag: new Histogram({
      name: "sandi_outbox_delivery_lag_seconds",
      help: "Time from a message's creation to its delivery.",
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
  };
}

/** The response-floor instruments: overrun past the scheduled time, and how often it passed the target. */
function createFloorInstruments(registry: Registry) {
  return {
    overrun: new Histogram({
      name: "sandi_timing_floor_overrun_seconds",
      help: "How far past its scheduled time a floored response went, by floor kind.",
      labelNames: ["kind"],
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    exceeded: counter(
      registry,
      "sandi_timing_floor_exceeded_total",
      `Floored responses more than ${String(FLOOR_EXCEEDED_MILLISECONDS)} ms late, by kind.`,
      ["kind"],
    ),
  };
}

/** Creates the metrics on a fresh registry. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const http = createHttpHistogram(registry);
  const flow = createFlowInstruments(registry);
  const floor = createFloorInstruments(registry);
  const outbox = createOutboxGauges(registry, options.clock);
  return {
    registry,
    observeRequest: (route, method, status, milliseconds) =>
      http.observe({ route, method, status_code: String(status) }, milliseconds / 1000),
    observeResetStep: (step, outcome) => flow.steps.inc({ step, outcome }),
    countCodeSent: () => flow.codes.inc(),
    countThrottleHit: (name) => flow.throttles.inc({ counter: name }),
    countCaptchaChallenge: (difficulty) => flow.challenges.inc({ difficulty }),
    observeDelivery: (outcome, lagMilliseconds) => {
      flow.deliveries.inc({ outcome });
      if (outcome === "sent") flow.lag.observe(Math.max(0, lagMilliseconds) / 1000);
    },
    observeFloorOverrun: (kind, overrunMilliseconds) => {
      floor.overrun.observe({ kind }, overrunMilliseconds / 1000);
      if (overrunMilliseconds > FLOOR_EXCEEDED_MILLISECONDS) floor.exceeded.inc({ kind });
    },
    setOutboxStats: (read) => outbox.setRead(read),
  };
}
