/** Health, readiness and metrics: /healthz, /readyz, /metrics (behind a token), and the HTTP latency hook. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { sha256 } from "../../lib/crypto/sha256.js";
import type { AppOptions, AppServices, HealthChecks } from "../app-services.js";
import type { Metrics } from "../../observability/metrics.js";

/** A readiness check that has not answered after this long counts as failed. */
const CHECK_TIMEOUT_MILLISECONDS = 2000;

const READINESS_CHECKS = {
  database: (health: HealthChecks) => health.isDatabaseReachable(),
  migrations: (health: HealthChecks) => health.areMigrationsCurrent(),
  worker: (health: HealthChecks) => health.isWorkerAlive(),
} as const;

type CheckName = keyof typeof READINESS_CHECKS;

/** Runs one check; a throw, a rejection or a timeout is a failure, never an error. */
async function passes(check: () => Promise<boolean>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MILLISECONDS);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Every readiness check's result, run together. */
export async function readiness(health: HealthChecks): Promise<{ ready: boolean; checks: Record<CheckName, boolean> }> {
  const names = Object.keys(READINESS_CHECKS) as CheckName[];
  const results = await Promise.all(names.map((name) => passes(() => READINESS_CHECKS[name](health))));
  const checks = Object.fromEntries(names.map((name, index) => [name, results[index] === true])) as Record<
    CheckName,
    boolean
  >;
  return { ready: results.every(Boolean), checks };
}

/** Sends the Prometheus text exposition of `metrics`. */
export async function sendMetrics(metrics: Pick<Metrics, "registry">, reply: FastifyReply): Promise<FastifyReply> {
  const body = await metrics.registry.metrics();
  return reply.header("content-type", metrics.registry.contentType).send(body);
}

/** True when the request carries `Authorization: Bearer <token>`; compared in constant time. */
export function hasBearerToken(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return false;
  return constantTimeEqual(sha256(match[1]), sha256(token));
}

/** The HTTP latency hook, at the root so every context's routes (and 404s) are timed by route pattern. */
function registerLatencyHook(app: FastifyInstance, metrics: Metrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "(unmatched)";
    metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime);
  });
}

async function ops(app: FastifyInstance, context: { services: AppServices; options: AppOptions }): Promise<void> {
  const { services, options } = context;
  registerLatencyHook(app, services.metrics);
  app.get("/healthz", async (_request, reply) => reply.header("cache-control", "no-store").send({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const { ready, checks } = await readiness(services.health);
    const failed = (Object.keys(checks) as CheckName[]).filter((name) => !checks[name]);
    return reply
      .status(ready ? 200 : 503)
      .header("cache-control", "no-store")
      .send(ready ? { status: "ready", checks } : { status: "not_ready", failed, checks });
  });
  const token = options.metricsToken;
  // Without a token, /metrics is not on the public listener at all (serve it with `metrics.port` instead).
  if (token === null) return;
  app.get("/metrics", async (request, reply) => {
    if (!hasBearerToken(request, token))
      return reply.status(401).header("www-authenticate", 'Bearer realm="metrics"').send({ status: "unauthorized" });
    return sendMetrics(services.metrics, reply);
  });
  await Promise.resolve();
}

/** Registers /healthz, /readyz and (with `metricsToken`) /metrics at the root, with the latency hook. */
export const opsRoutes = fp(ops, { name: "sandi-ops", fastify: "5.x" });
