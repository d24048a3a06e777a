/**
 * Stamps each request with the time it arrived, read from the services' clock: the start a response floor counts
 * from (SPEC §6.1), taken before body parsing and the CAPTCHA check so the floor covers them too.
 */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Clock } from "../../lib/clock.js";

declare module "fastify" {
  interface FastifyRequest {
    /** When the request arrived, by the injected clock. */
    startedAt: Date;
  }
}

export interface RequestTimeOptions {
  readonly clock: Clock;
}

async function requestTime(app: FastifyInstance, options: RequestTimeOptions): Promise<void> {
  app.decorateRequest("startedAt", null as unknown as Date);
  app.addHook("onRequest", (request, _reply, done) => {
    request.startedAt = options.clock.now();
    done();
  });
  await Promise.resolve();
}

/** Decorates `request.startedAt`. */
export const requestTimePlugin = fp(requestTime, { name: "sandi-request-time" });
