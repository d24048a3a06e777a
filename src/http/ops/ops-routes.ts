/** Health, readiness and metrics routes (being written). */
import type { FastifyInstance } from "fastify";
import type { AppOptions, AppServices } from "../app-services.js";

/** Registers /healthz, /readyz and /metrics. */
export async function opsRoutes(app: FastifyInstance, _options: { services: AppServices; options: AppOptions }): Promise<void> {
  app.get("/healthz", async () => ({ status: "ok" }));
  await Promise.resolve();
}
