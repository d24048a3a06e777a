/** Sandi's own static files (CSS, small scripts) under /static/. */
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Serves src/http/static at /static/. */
export async function staticAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(import.meta.dirname, "..", "static"),
    prefix: "/static/",
    decorateReply: false,
    maxAge: 3_600_000,
  });
}
