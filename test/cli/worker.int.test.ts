/**
 * `sandi worker` as a real process on PostgreSQL: it serves its metrics on 127.0.0.1:`metrics.port` without the HTTP
 * layer (outbox depth and process metrics, nothing else on the port), loads no module of http/ nor Fastify, and drains
 * and exits 0 on SIGTERM.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresDatabase } from "../support/test-databases.js";

const REPO = resolve(import.meta.dirname, "../..");
const SANDI_BIN = join(REPO, "bin/sandi.mjs");
/** Logs every module the child loads (see the file's comment). */
const RECORD_LOADED_MODULES = join(REPO, "test/support/record-loaded-modules.mjs");

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Resolves with the child's stdout once `pattern` appears; rejects if it exits first or the time is up. */
function readUntil(child: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMilliseconds: number) {
  return new Promise<string>((done, fail) => {
    let text = "";
    let stderr = "";
    const timer = setTimeout(
      () => fail(new Error(`no ${String(pattern)} in time:\n${text}\n${stderr}`)),
      timeoutMilliseconds,
    );
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (!pattern.test(text)) return;
      clearTimeout(timer);
      done(text);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      fail(new Error(`sandi worker exited (${String(code)}) before ${String(pattern)}:\n${text}\n${stderr}`));
    });
  });
}

describe("sandi worker", () => {
  let cwd: string;
  let database: { url: string; drop(): Promise<void> };
  let worker: ChildProcessWithoutNullStreams;
  let metricsPort: number;
  let loadedModulesLog: string;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "sandi-worker-"));
    database = await openPostgresDatabase({ schema: "empty" });
    metricsPort = await freePort();
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? cwd,
      DATABASE_URL: database.url,
      SANDI_SMTP__HOST: "127.0.0.1",
      SANDI_METRICS__PORT: String(metricsPort),
      SANDI_TEST_LOADED_MODULES: (loadedModulesLog = join(cwd, "loaded-modules.log")),
    };
    worker = spawn(process.execPath, ["--import", RECORD_LOADED_MODULES, SANDI_BIN, "worker"], { cwd, env });
    await readUntil(worker, /outbox worker running/, 90_000);
  }, 120_000);

  afterAll(async () => {
    if (worker.exitCode === null) worker.kill("SIGKILL");
    await database.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("serves the outbox gauges and process metrics on 127.0.0.1:metrics.port", async () => {
    const response = await fetch(`http://127.0.0.1:${String(metricsPort)}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^sandi_outbox_depth 0$/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  it("loaded composition, the outbox worker and the metrics, but no module of src/http/ and not Fastify", () => {
    const loaded = readFileSync(loadedModulesLog, "utf8").split("\n").filter(Boolean);
    const inRepo = (path: string) => loaded.some((url) => url.endsWith(path));
    expect(
      ["src/compose.ts", "src/notify/outbox-worker.ts", "src/observability/metrics-listener.ts"].filter(inRepo),
    ).toHaveLength(3);
    expect(loaded.filter((url) => url.includes("/src/http/") || url.includes("/node_modules/fastify/"))).toEqual([]);
  });

  it("answers nothing but /metrics on that port", async () => {
    expect((await fetch(`http://127.0.0.1:${String(metricsPort)}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${String(metricsPort)}/healthz`)).status).toBe(404);
  });

  it("exits 0 on SIGTERM and closes the metrics port", async () => {
    const exited = new Promise<number | null>((done) => worker.on("exit", (code) => done(code)));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${String(metricsPort)}/metrics`)).rejects.toThrow();
  });
});
