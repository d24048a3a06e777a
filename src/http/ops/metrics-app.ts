/** The separate metrics listener (`metrics.port`): a bare Fastify app that serves GET /metrics and nothing else. */
import Fastify, { type FastifyInstance, LogController } from "fastify";
import type { Metrics } from "./metrics.js";
import { sendMetrics } from "./ops-routes.js";

/** Builds (never listens) the metrics-only app; it needs no token, so it must listen on loopback only. */
export async function buildMetricsApp(
  metrics: Pick<Metrics, "registry">,
  logger: boolean | object,
): Promise<FastifyInstance> {
  const app = Fastify({ logger, logController: new LogController({ disableRequestLogging: true }) });
  app.get("/metrics", async (_request, reply) => sendMetrics(metrics, reply));
  await app.ready();
  return app;
}
