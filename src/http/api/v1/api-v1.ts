/** JSON API v1 (being written). */
import type { FastifyInstance } from "fastify";
import type { AppOptions, AppServices } from "../../app-services.js";

/** Registers /api/v1. */
export async function apiV1(_app: FastifyInstance, _options: { services: AppServices; options: AppOptions }): Promise<void> {
  await Promise.resolve();
}
