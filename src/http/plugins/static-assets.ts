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
  // Browsers ask for it on every first visit; an empty answer keeps the console clean.
  app.get("/favicon.ico", async (_request, reply) =>
    reply.code(204).header("cache-control", "public, max-age=86400").send(),
  );
}
