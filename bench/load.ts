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

/** Responses as they complete, counted only while a measurement window is open; windows add up. */
export interface Tally {
  record(status: number, latency: number): void;
  openWindow(): void;
  closeWindow(): void;
  addErrors(count: number): void;
  /** The result; `share` is the part of the window's time this tally had (alternating runs). */
  summarise(share?: number): LoadResult;
}

/** A tally with no window open yet. */
export function createTally(): Tally {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let answered = 0;
  let errors = 0;
  let measuredMilliseconds = 0;
  let openedAt: number | null = null;
  return {
    record(status, latency) {
      answered++;
      if (openedAt === null) return;
      latencies.push(latency);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    },
    openWindow() {
      openedAt = performance.now();
    },
    closeWindow() {
      if (openedAt !== null) measuredMilliseconds += performance.now() - openedAt;
      openedAt = null;
    },
    addErrors(count) {
      errors += count;
    },
    summarise(share = 1) {
      const seconds = (measuredMilliseconds / 1000) * share;
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

/** What autocannon keeps per connection: `setupRequest`'s context, readable again when that request's answer comes. */
type ConnectionContext = Record<string, unknown>;

function toAutocannonRequest(next: (connection: ConnectionContext) => BenchRequest) {
  return (request: autocannon.Request, connection: object): autocannon.Request => {
    const built = next(connection as ConnectionContext);
    const body = built.body === undefined ? {} : { body: built.body };
    return { ...request, method: built.method, path: built.path, headers: { ...built.headers }, ...body };
  };
}

/** The context of the connection that got a response (one request in flight per connection, so it is that request's). */
function contextOf(client: unknown): ConnectionContext {
  return (client as { requestIterator: { context: ConnectionContext } }).requestIterator.context;
}

interface AutocannonInput {
  url: string;
  connections: number;
  seconds: number;
  warmSeconds?: number;
  next: (connection: ConnectionContext) => BenchRequest;
  /** Stop after this many requests if that comes first (the flows a step consumes are finite). */
  amount?: number;
  overallRate?: number;
  onWindow?: () => void;
  /**
   * Asked after each request is built: true ends the run there (its seeded flows ran out). The window closes before
   * that request is sent, so no answer to a reused flow is counted.
   */
  stopWhen?: () => boolean;
}

/** `input.next`, ending the run (windows closed first) once `input.stopWhen` says so. */
function stopping(
  input: AutocannonInput,
  tallies: readonly Tally[],
  stop: () => void,
): (connection: ConnectionContext) => BenchRequest {
  if (input.stopWhen === undefined) return input.next;
  const stopWhen = input.stopWhen;
  let stopped = false;
  return (connection) => {
    const built = input.next(connection);
    if (!stopped && stopWhen()) {
      stopped = true;
      for (const tally of tallies) tally.closeWindow();
      setImmediate(stop);
    }
    return built;
  };
}

/** One autocannon run; each response is counted in the tally `tallyFor` picks from its connection's context. */
async function runInstance(
  input: AutocannonInput,
  tallies: readonly Tally[],
  tallyFor: (connection: ConnectionContext) => Tally | undefined,
): Promise<void> {
  const warmMilliseconds = (input.warmSeconds ?? 0) * 1000;
  const totalMilliseconds = warmMilliseconds + input.seconds * 1000;
  const options = {
    url: input.url,
    connections: input.connections,
    duration: totalMilliseconds / 1000,
    ...(input.amount === undefined ? {} : { amount: input.amount }),
    ...(input.overallRate === undefined ? {} : { overallRate: input.overallRate }),
    timeout: 30,
    requests: [{ setupRequest: toAutocannonRequest(stopping(input, tallies, () => instance?.stop())) }],
  };
  let opening: NodeJS.Timeout | undefined;
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const started = autocannon(options, (error: unknown, finished: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error("autocannon failed"));
      else resolve(finished);
    });
    instance = started;
    // With `amount`, autocannon ignores `duration`: the run ends at whichever comes first.
    if (input.amount !== undefined) setTimeout(() => started.stop(), totalMilliseconds).unref();
    opening = setTimeout(() => {
      for (const tally of tallies) tally.openWindow();
      input.onWindow?.();
    }, warmMilliseconds);
    started.on("response", (client, statusCode, _bytes, responseTime) =>
      tallyFor(contextOf(client))?.record(statusCode, responseTime),
    );
  });
  clearTimeout(opening);
  for (const tally of tallies) tally.closeWindow();
  tallies[0]?.addErrors(result.errors + result.timeouts);
}

/**
 * Runs autocannon for `warmSeconds + seconds` without a pause and measures only the responses that complete in the
 * last `seconds`: the load is already at its steady state (queues full, code warm) when the window opens. Latencies
 * come from every response (autocannon's own histogram rounds to 1 ms). `onWindow` runs when the window opens.
 */
export async function runAutocannon(
  input: Omit<AutocannonInput, "next"> & { next: () => BenchRequest },
): Promise<LoadResult> {
  const tally = createTally();
  await runInstance(input, [tally], () => tally);
  return tally.summarise();
}

/**
 * Like runAutocannon, but the requests come from each generator in turn, `sliceSeconds` each, in the order
 * A B B A A B …, on the same connections: a shared machine's drift falls on every generator alike. Returns one
 * result per generator; its rate counts its share of the window.
 */
export async function runAlternating(
  input: Omit<AutocannonInput, "next" | "amount"> & {
    generators: readonly (() => BenchRequest)[];
    sliceSeconds: number;
  },
): Promise<LoadResult[]> {
  const count = input.generators.length;
  const tallies = input.generators.map(() => createTally());
  const start = performance.now();
  const generatorNow = (): number => {
    const slice = Math.floor((performance.now() - start) / (input.sliceSeconds * 1000));
    const position = slice % count;
    return Math.floor(slice / count) % 2 === 0 ? position : count - 1 - position;
  };
  const next = (connection: ConnectionContext): BenchRequest => {
    const index = generatorNow();
    connection.generator = index;
    const generator = input.generators[index];
    if (generator === undefined) throw new Error("no generator");
    return generator();
  };
  await runInstance({ ...input, next }, tallies, (connection) => tallies[connection.generator as number]);
  return tallies.map((tally) => tally.summarise(1 / count));
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
  const tally = createTally();
  setTimeout(() => {
    tally.openWindow();
    input.onWindow?.();
  }, warmMilliseconds).unref();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const scheduled = start + index * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = send(agent, url, input.next()).then(
      (status) => tally.record(status, performance.now() - scheduled),
      () => tally.addErrors(1),
    );
    pending.push(sent);
  }
  await Promise.all(pending);
  tally.closeWindow();
  agent.destroy();
  return tally.summarise();
}
