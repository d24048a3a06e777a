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
  readonly requests: number;
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

function summarise(latencies: number[], statuses: Record<string, number>, seconds: number, errors: number): LoadResult {
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    statuses,
    errors,
  };
}

/** Runs autocannon against `url`; latencies come from every response (autocannon's own histogram rounds to 1 ms). */
export async function runAutocannon(input: {
  url: string;
  connections: number;
  seconds: number;
  next: () => BenchRequest;
  amount?: number;
  overallRate?: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const built = input.next();
    return {
      ...request,
      method: built.method,
      path: built.path,
      headers: { ...built.headers },
      ...(built.body === undefined ? {} : { body: built.body }),
    };
  };
  const options = {
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    ...(input.amount === undefined ? {} : { amount: input.amount }),
    ...(input.overallRate === undefined ? {} : { overallRate: input.overallRate }),
    timeout: 30,
    requests: [{ setupRequest }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, finished: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error("autocannon failed"));
      else resolve(finished);
    });
    // With `amount`, autocannon ignores `duration`: the run ends at whichever comes first.
    if (input.amount !== undefined) setTimeout(() => instance.stop(), input.seconds * 1000).unref();
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[String(statusCode)] = (statuses[String(statusCode)] ?? 0) + 1;
    });
  });
  return summarise(latencies, statuses, result.duration, result.errors + result.timeouts);
}

function send(agent: Agent, url: URL, built: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...built.headers,
      ...(built.body === undefined ? {} : { "content-length": String(Buffer.byteLength(built.body)) }),
    };
    const outgoing = httpRequest(
      { agent, host: url.hostname, port: url.port, method: built.method, path: built.path, headers },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(built.body);
  });
}

/**
 * Sends `rate` requests per second, one every 1/rate s, whatever the answers do (open loop), over keep-alive
 * connections; each latency counts from the request's scheduled time, so a stall is not hidden by sending less.
 */
export async function runPaced(input: {
  url: string;
  rate: number;
  seconds: number;
  next: () => BenchRequest;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(input.url);
  const total = Math.round(input.rate * input.seconds);
  const interval = 1000 / input.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const scheduled = start + index * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      send(agent, url, input.next()).then(
        (status) => {
          latencies.push(performance.now() - scheduled);
          statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return summarise(latencies, statuses, seconds, errors);
}
