/**
 * The metrics-only listener (`metrics.port`): GET /metrics and nothing else. Plain node:http rather than Fastify, so
 * `sandi worker`, which has no web app, serves its metrics without loading the HTTP layer; `sandi serve` uses it too.
 * It asks for no token, so callers bind it to loopback only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";

export interface MetricsListenerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the chosen one is on the result. */
  readonly port: number;
  /** A scrape that failed to collect; it is answered with 500. */
  readonly onError: (error: unknown) => void;
}

export interface MetricsListener {
  readonly port: number;
  close(): Promise<void>;
}

const METRICS_PATH = "/metrics";

/** True for GET or HEAD of /metrics, with or without a query string. */
function isScrape(request: IncomingMessage): boolean {
  const path = (request.url ?? "").split("?", 1)[0];
  return path === METRICS_PATH && (request.method === "GET" || request.method === "HEAD");
}

async function answer(
  metrics: Pick<Metrics, "registry">,
  request: IncomingMessage,
  response: ServerResponse,
  onError: (error: unknown) => void,
): Promise<void> {
  if (!isScrape(request)) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not Found\n");
    return;
  }
  try {
    const body = await metrics.registry.metrics();
    response.writeHead(200, { "content-type": metrics.registry.contentType });
    response.end(request.method === "HEAD" ? undefined : body);
  } catch (error) {
    onError(error);
    response.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error\n");
  }
}

/** Listens on `host:port` and resolves once it does (or rejects, e.g. when the port is taken). */
export async function startMetricsListener(
  metrics: Pick<Metrics, "registry">,
  options: MetricsListenerOptions,
): Promise<MetricsListener> {
  const server = createServer((request, response) => void answer(metrics, request, response, options.onError));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", options.onError);
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A scraper's keep-alive connection would otherwise hold the close open until it times out.
        server.closeIdleConnections();
      }),
  };
}

/** The listener on 127.0.0.1:`port` when a port is configured (`metrics.port`): its close function, or null. */
export async function startLoopbackMetricsListener(
  port: number | null,
  metrics: Pick<Metrics, "registry">,
  onError: (error: unknown) => void,
): Promise<(() => Promise<void>) | null> {
  if (port === null) return null;
  const listener = await startMetricsListener(metrics, { host: "127.0.0.1", port, onError });
  return () => listener.close();
}
