/** serve(): listens, and a shutdown lets the request in flight finish before `onShutdown` runs; a second signal exits at once. */
import { setTimeout as sleep } from "node:timers/promises";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serve } from "../../src/http/serve.js";

/** A signal no test runner uses, so emitting it reaches only serve's handler. */
const SIGNAL = "SIGUSR2";

function slowApp(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get("/slow", async () => {
    await sleep(300);
    return { done: true };
  });
  return app;
}

describe("serve", () => {
  let app: FastifyInstance;
  afterEach(async () => app.close());

  it("drains: the request in flight finishes, then onShutdown runs, then it reports exit code 0", async () => {
    app = slowApp();
    const events: string[] = [];
    // Recorded where the server finishes the response: the client may see it only after onShutdown ran.
    app.addHook("onResponse", async (_request, reply) => {
      events.push(`response ${String(reply.statusCode)}`);
      await Promise.resolve();
    });
    const running = await serve(app, {
      host: "127.0.0.1",
      port: 0,
      shutdownGraceMilliseconds: 5000,
      signals: [SIGNAL],
      onShutdown: async () => {
        events.push("onShutdown");
        await Promise.resolve();
      },
    });
    expect(running.url).toBe(`http://127.0.0.1:${String(running.port)}`);
    const inFlight = fetch(`${running.url}/slow`).then(async (response) => response.json());
    await sleep(50);
    process.emit(SIGNAL, SIGNAL);
    expect(await inFlight).toEqual({ done: true });
    expect(await running.finished).toBe(0);
    expect(events).toEqual(["response 200", "onShutdown"]);
    await expect(fetch(`${running.url}/slow`)).rejects.toThrow();
    expect(process.listenerCount(SIGNAL)).toBe(0);
  });

  it("exits at once on a second signal during the drain", async () => {
    app = slowApp();
    const exitNow = vi.fn();
    const running = await serve(app, {
      host: "127.0.0.1",
      port: 0,
      shutdownGraceMilliseconds: 5000,
      signals: [SIGNAL],
      exitNow,
      onShutdown: () => sleep(200),
    });
    const inFlight = fetch(`${running.url}/slow`);
    await sleep(50);
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    expect(exitNow).toHaveBeenCalledWith(1);
    await inFlight;
    expect(await running.finished).toBe(0);
  });

  it("cuts connections still busy after the grace period, and still runs onShutdown", async () => {
    app = Fastify({ logger: false });
    app.get("/hang", () => new Promise(() => undefined));
    const onShutdown = vi.fn(() => Promise.resolve());
    const running = await serve(app, {
      host: "127.0.0.1",
      port: 0,
      shutdownGraceMilliseconds: 100,
      signals: [SIGNAL],
      onShutdown,
    });
    const hanging = fetch(`${running.url}/hang`).catch((error: unknown) => error);
    await sleep(50);
    expect(await running.shutdown("test")).toBe(0);
    expect(await hanging).toBeInstanceOf(Error);
    expect(onShutdown).toHaveBeenCalledOnce();
  });
});
