/** Load generators: autocannon (closed loop, or its per-second `overallRate`) and an evenly paced open loop. */
import { Agent, request as httpRequest } from "node:http";
import autocannon from "autocannon";

/** One request as a scenario builds it, fresh for every send. */
export interface BenchRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What a load run measured: completed responses per second and latency percentiles in milliseconds. */
export interface LoadResult {
  /** Responses inside the measurement window. */
  readonly requests: number;
  /** Responses of the whole run, warm-up included. */
  readonly answered: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
}

/** The q-quantile (0–1) of `values`, nearest rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Responses as they complete, counted only inside the measurement window. */
function createTally(windowStart: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let answered = 0;
  return {
    record(status: number, latency: number): void {
      answered++;
      if (performance.now() < windowStart) return;
      latencies.push(latency);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    },
    summarise(end: number, errors: number): LoadResult {
      const seconds = (end - windowStart) / 1000;
      return {
        requests: latencies.length,
        answered,
        seconds,
        rps: latencies.length / seconds,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        statuses,
        errors,
      };
    },
  };
}

function toAutocannonRequest(next: () => BenchRequest) {
  return (request: autocannon.Request): autocannon.Request => {
    const built = next();
    const body = built.body === undefined ? {} : { body: built.body };
    return { ...request, method: built.method, path: built.path, headers: { ...built.headers }, ...body };
  };
}

/**
 * Runs autocannon for `warmSeconds + seconds` without a pause and measures only the responses that complete in the
 * last `seconds`: the load is already at its steady state (queues full, code warm) when the window opens. Latencies
 * come from every response (autocannon's own histogram rounds to 1 ms). `onWindow` runs when the window opens.
 */
export async function runAutocannon(input: {
  url: string;
  connections: number;
  seconds: number;
  warmSeconds?: number;
  next: () => BenchRequest;
  /** Stop after this many requests if that comes first (the flows a step consumes are finite). */
  amount?: number;
  overallRate?: number;
  onWindow?: () => void;
}): Promise<LoadResult> {
  const warmMilliseconds = (input.warmSeconds ?? 0) * 1000;
  const totalMilliseconds = warmMilliseconds + input.seconds * 1000;
  const tally = createTally(performance.now() + warmMilliseconds);
  const options = {
    url: input.url,
    connections: input.connections,
    duration: totalMilliseconds / 1000,
    ...(input.amount === undefined ? {} : { amount: input.amount }),
    ...(input.overallRate === undefined ? {} : { overallRate: input.overallRate }),
    timeout: 30,
    requests: [{ setupRequest: toAutocannonRequest(input.next) }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, finished: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error("autocannon failed"));
      else resolve(finished);
    });
    // With `amount`, autocannon ignores `duration`: the run ends at whichever comes first.
    if (input.amount !== undefined) setTimeout(() => instance.stop(), totalMilliseconds).unref();
    if (input.onWindow) setTimeout(input.onWindow, warmMilliseconds).unref();
    instance.on("response", (_client, statusCode, _bytes, responseTime) => tally.record(statusCode, responseTime));
  });
  return tally.summarise(performance.now(), result.errors + result.timeouts);
}

function send(agent: Agent, url: URL, built: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const length = built.body === undefined ? {} : { "content-length": String(Buffer.byteLength(built.body)) };
    const options = {
      agent,
      host: url.hostname,
      port: url.port,
      method: built.method,
      path: built.path,
      headers: { ...built.headers, ...length },
    };
    const outgoing = httpRequest(options, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    outgoing.on("error", reject);
    outgoing.end(built.body);
  });
}

/**
 * Sends `rate` requests per second, one every 1/rate s, whatever the answers do (open loop), over keep-alive
 * connections; each latency counts from the request's scheduled time, so a stall is not hidden by sending less.
 * The first `warmSeconds` are sent but not counted.
 */
export async function runPaced(input: {
  url: string;
  rate: number;
  seconds: number;
  warmSeconds?: number;
  next: () => BenchRequest;
  onWindow?: () => void;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(input.url);
  const warmMilliseconds = (input.warmSeconds ?? 0) * 1000;
  const total = Math.round((input.rate * (warmMilliseconds + input.seconds * 1000)) / 1000);
  const interval = 1000 / input.rate;
  const start = performance.now();
  const tally = createTally(start + warmMilliseconds);
  if (input.onWindow) setTimeout(input.onWindow, warmMilliseconds).unref();
  let errors = 0;
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const scheduled = start + index * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = send(agent, url, input.next()).then(
      (status) => tally.record(status, performance.now() - scheduled),
      () => {
        errors++;
      },
    );
    pending.push(sent);
  }
  await Promise.all(pending);
  agent.destroy();
  return tally.summarise(performance.now(), errors);
}
