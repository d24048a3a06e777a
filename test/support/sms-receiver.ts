/**
 * A real SMS and voice provider stand-in on 127.0.0.1: it records every request, can fail or hang on purpose, and
 * finds the code in what it received. For tests and the development demo, so it imports nothing from Vitest.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the receiver got it; `body` is the parsed JSON, or null when the body was not JSON. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: unknown;
}

export interface SmsReceiver {
  /** `http://127.0.0.1:<port>`; add any path, the receiver answers on all of them. */
  readonly url: string;
  /** Every request so far, oldest first (failed and hung ones included). */
  readonly requests: readonly ReceivedRequest[];
  /** Answers the next `count` requests with `status` (500 unless told). */
  failNext(count: number, status?: number): void;
  /** Leaves the next `count` requests unanswered until `close()`. */
  hangNext(count: number): void;
  /** The first request (already received or still to come) that `predicate` accepts; rejects after the timeout. */
  waitFor(predicate: (request: ReceivedRequest) => boolean, timeoutMilliseconds?: number): Promise<ReceivedRequest>;
  /** The code in the newest request sent to `to` (E.164, or its digits), waiting for one to arrive. */
  waitForCode(to: string, timeoutMilliseconds?: number): Promise<string>;
  /** Forgets the requests received so far. */
  clear(): void;
  close(): Promise<void>;
}

/** Every string inside a parsed JSON body, depth first. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

/** True when some string of the body is the number `to`, with or without `+`. */
export function isRequestTo(request: ReceivedRequest, to: string): boolean {
  const digits = to.replace(/^\+/, "");
  return stringsOf(request.body).some((text) => text === to || text === digits);
}

/**
 * The code a request carries: a text's origin-bound line (`@host #482019`), else a call's spaced digits
 * (`4, 8, 2, 0, 1, 9`); null when neither is there.
 */
export function codeFromRequest(request: ReceivedRequest): string | null {
  const texts = stringsOf(request.body);
  for (const text of texts) {
    const autofill = /@\S+ #(\d{4,10})\s*$/.exec(text);
    if (autofill?.[1] !== undefined) return autofill[1];
  }
  for (const text of texts) {
    const spoken = /\d(?:, \d){3,9}/.exec(text);
    if (spoken !== null) return spoken[0].replaceAll(", ", "");
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}

interface Waiter {
  readonly predicate: (request: ReceivedRequest) => boolean;
  readonly resolve: (request: ReceivedRequest) => void;
}

/**
 * Starts a receiver on a free loopback port.
 *
 * @example
 * const receiver = await startSmsReceiver();
 * const code = await receiver.waitForCode("+6281234567812");
 * await receiver.close();
 */
export async function startSmsReceiver(): Promise<SmsReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<Waiter>();
  const hung: ServerResponse[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let hangs = 0;

  const server = createServer((request, response) => {
    void readBody(request).then((rawBody) => {
      const received = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        rawBody,
        body: parseJson(rawBody),
      };
      requests.push(received);
      for (const waiter of waiters)
        if (waiter.predicate(received)) {
          waiters.delete(waiter);
          waiter.resolve(received);
        }
      if (hangs > 0) {
        hangs -= 1;
        hung.push(response);
        return;
      }
      const status = failures.count > 0 ? failures.status : 200;
      if (failures.count > 0) failures = { ...failures, count: failures.count - 1 };
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor: SmsReceiver["waitFor"] = (predicate, timeoutMilliseconds = 5000) => {
    const found = requests.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching provider request within ${String(timeoutMilliseconds)} ms`));
      }, timeoutMilliseconds);
      waiters.add(waiter);
    });
  };

  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    failNext(count, status = 500) {
      failures = { count, status };
    },
    hangNext(count) {
      hangs = count;
    },
    waitFor,
    async waitForCode(to, timeoutMilliseconds) {
      const newest = requests.findLast((request) => isRequestTo(request, to) && codeFromRequest(request) !== null);
      const request =
        newest ?? (await waitFor((r) => isRequestTo(r, to) && codeFromRequest(r) !== null, timeoutMilliseconds));
      return codeFromRequest(request) ?? "";
    },
    clear() {
      requests.length = 0;
    },
    async close() {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      });
    },
  };
}
