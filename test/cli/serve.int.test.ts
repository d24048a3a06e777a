/**
 * `sandi serve --dev` as a real process: it prints where to go and who to sign in as, answers /healthz, runs other
 * `sandi` commands over its control socket, drains on SIGTERM and exits 0 with the lock released; production mode
 * refuses a database that holds demo accounts.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS_REFUSAL } from "../../src/cli/commands/serve-startup.js";
import { WORKER_NEEDS_POSTGRES } from "../../src/cli/commands/worker.js";
import { DEMO_PASSWORDS } from "../../src/cli/demo-organisation.js";

const REPO = resolve(import.meta.dirname, "../..");
/** The `sandi` binary itself, run by the Node.js 24 that runs the tests (it registers tsx). */
const SANDI_BIN = join(REPO, "bin/sandi.mjs");

let cwd: string;

function sandiEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, SANDI_LISTEN__PORT: "0", ...extra };
}

function startSandi(argv: readonly string[], env = sandiEnv()): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [SANDI_BIN, ...argv], { cwd, env });
}

/** Runs `sandi <argv>` to the end. */
function runSandi(
  argv: readonly string[],
  env = sandiEnv(),
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = startSandi(argv, env);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** Collects the child's stdout until `pattern` appears (or the child ends, or the time is up). */
function readUntil(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  timeoutMilliseconds: number,
): Promise<string> {
  return new Promise((done, fail) => {
    let text = "";
    let stderr = "";
    const timer = setTimeout(
      () => fail(new Error(`no ${String(pattern)} in time; stdout:\n${text}\nstderr:\n${stderr}`)),
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
      fail(new Error(`sandi exited (${String(code)}) before printing ${String(pattern)}:\n${text}\n${stderr}`));
    });
  });
}

function exitCodeOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.on("exit", (code) => done(code));
  });
}

describe("sandi serve --dev", () => {
  let server: ChildProcessWithoutNullStreams;
  let banner: string;
  let port: number;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "sandi-serve-"));
    server = startSandi(["serve", "--dev"]);
    banner = await readUntil(server, /Demo mailbox: http:\/\/localhost:\d+\/dev\/outbox/, 90_000);
    port = Number(/running in development mode at http:\/\/localhost:(\d+)/.exec(banner)?.[1]);
  }, 120_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(cwd, { recursive: true, force: true });
  });

  it("prints the URL, the demo credentials, the reset page and the demo mailbox", () => {
    expect(port).toBeGreaterThan(0);
    expect(banner).toMatch(new RegExp(`admin@contoh\\.example\\s+${DEMO_PASSWORDS.admin}\\s+\\(global_admin[;)]`));
    expect(banner).toMatch(new RegExp(`budi\\.santoso@contoh\\.example\\s+${DEMO_PASSWORDS.user}`));
    expect(banner).toContain(`Forgot password? http://localhost:${String(port)}/reset`);
    expect(banner).toContain(`Demo mailbox: http://localhost:${String(port)}/dev/outbox`);
    expect(banner).toContain(
      `Administration (sign in as an admin, then confirm with a code from the demo mailbox): http://localhost:${String(port)}/admin`,
    );
  });

  it("answers /healthz and /readyz", async () => {
    const health = await fetch(`http://127.0.0.1:${String(port)}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await fetch(`http://127.0.0.1:${String(port)}/readyz`)).status).toBe(200);
  });

  it("runs another sandi command over the control socket while it holds the data directory", async () => {
    const listed = await runSandi(["user", "list"]);
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("budi.santoso@contoh.example");
  });

  it("drains on SIGTERM, exits 0 within a few seconds and releases the data directory", async () => {
    const exited = exitCodeOf(server);
    const started = Date.now();
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(existsSync(join(cwd, "data", "sandi.lock"))).toBe(false);
    expect(existsSync(join(cwd, "data", "sandi.sock"))).toBe(false);
  });

  it("then refuses to start in production mode while the demo accounts exist (exit 1, clear message)", async () => {
    const refused = await runSandi(["serve"], sandiEnv({ SANDI_SMTP__HOST: "127.0.0.1" }));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(DEMO_ACCOUNTS_REFUSAL);
    expect(existsSync(join(cwd, "data", "sandi.lock"))).toBe(false);
  });
});

describe("refusals before anything starts", () => {
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), "sandi-refuse-"));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("production mode refuses a plain-http publicUrl that is not localhost", async () => {
    const refused = await runSandi(["serve"], sandiEnv({ SANDI_PUBLICURL: "http://sspr.example.org" }));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("publicUrl http://sspr.example.org is not https");
  });

  it("lists every configuration error with its path and exits 1", async () => {
    const refused = await runSandi(["serve"], sandiEnv({ SANDI_LISTEN__PORT: "eighty", SANDI_LOG__LEVEL: "loud" }));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("listen.port:");
    expect(refused.stderr).toContain("log.level:");
  });

  it("sandi worker on PGlite exits 1: the server runs the worker in-process", async () => {
    const refused = await runSandi(["worker"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(WORKER_NEEDS_POSTGRES);
  });
});
