/** Each request's start (where the response floors count from) is read from the services' clock, not the machine's. */
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { requestTimePlugin } from "../../src/http/plugins/request-time.js";
import { createFakeClock } from "../support/fake-clock.js";

describe("request time", () => {
  it("stamps request.startedAt from the injected clock when the request arrives", async () => {
    const clock = createFakeClock("2031-05-04T10:00:00Z");
    const app = Fastify();
    await app.register(requestTimePlugin, { clock });
    app.get("/", (request, reply) => {
      clock.advanceSeconds(5); // work in the handler happens after the stamp
      void reply.send({ startedAt: request.startedAt.toISOString() });
    });
    try {
      expect((await app.inject({ method: "GET", url: "/" })).json()).toEqual({ startedAt: "2031-05-04T10:00:00.000Z" });
      expect((await app.inject({ method: "GET", url: "/" })).json()).toEqual({ startedAt: "2031-05-04T10:00:05.000Z" });
    } finally {
      await app.close();
    }
  });
});
