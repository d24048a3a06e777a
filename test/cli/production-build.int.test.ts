/**
 * The production build (issue 9, item 10): `npm run build` compiles src/ and copies what the runtime reads, and the
 * compiled `sandi` starts on Node.js 24 without tsx. Threats: a build that lacks a catalog, a static file or a
 * migration and fails only in production; a demo start that stops with "capacity exceeded" when `argon2.maxWaiting`
 * is small (the seed is not a request: it waits for the hasher).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
/** Inside the repository, so the compiled code still finds node_modules (and the package.json for its version). */
const OUT = join(REPO, ".sandi-test", `build-${String(process.pid)}`);
const READY = /Sandi is running in development mode at (http:\/\/localhost:\d+)/;

interface Started {
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
  readonly exitCode: number | null;
}

/** Starts `argv` in a new data directory, waits for the ready banner, checks /readyz, then stops it with SIGTERM. */
function startToReady(argv: readonly string[], env: Record<string, string>): Promise<Started> {
  const cwd = mkdtempSync(join(tmpdir(), "sandi-build-"));
  const started = Date.now();
  const child = spawn(process.execPath, [...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, SANDI_LISTEN__PORT: "0", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<Started>((done, fail) => {
    let milliseconds = 0;
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = READY.exec(stdout)?.[1];
      if (url === undefined || milliseconds > 0) return;
      milliseconds = Date.now() - started;
      fetch(`${url}/readyz`)
        .then((response) => {
          if (response.status !== 200) stderr += `\n/readyz answered ${String(response.status)}`;
        })
        .catch((error: unknown) => (stderr += `\n/readyz failed: ${String(error)}`))
        .finally(() => child.kill("SIGTERM"));
    });
    child.on("error", fail);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      done({ stdout, stderr, milliseconds, exitCode });
    });
  });
}

describe("npm run build and the compiled sandi", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build.ts"), OUT], {
      cwd: REPO,
      stdio: "pipe",
    });
  }, 300_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it("copies what the runtime reads beside the compiled code", () => {
    for (const file of [
      "main.js",
      "i18n/locales/en/common.json",
      "i18n/locales/id/common.json",
      "http/static/sandi.css",
      "http/static/altcha-setup.js",
      "store/migrations/index.js",
    ])
      expect(existsSync(join(OUT, file)), file).toBe(true);
    expect(existsSync(join(OUT, "main.ts"))).toBe(false);
  });

  it("prints its version on Node.js 24 without tsx", () => {
    const output = execFileSync(process.execPath, [join(OUT, "main.js"), "--version"], { encoding: "utf8" });
    expect(output.trim()).toMatch(/^sandi \d+\.\d+\.\d+ \(Node\.js 24\./);
  });

  it("compiled `serve --dev` with argon2.maxWaiting 1 seeds the demo on a new data directory and gets ready", async () => {
    const run = await startToReady([join(OUT, "main.js"), "serve", "--dev"], { SANDI_ARGON2__MAXWAITING: "1" });
    expect(run.stderr).not.toContain("capacity exceeded");
    expect(run.stderr).not.toContain("/readyz");
    expect(run.milliseconds, run.stderr).toBeGreaterThan(0);
    expect(run.exitCode).toBe(0);
  });

  it("`npm start`'s tsx path with argon2.maxWaiting 1 seeds the demo on a new data directory too", async () => {
    const run = await startToReady([join(REPO, "bin/sandi.mjs"), "serve", "--dev"], {
      SANDI_ARGON2__MAXWAITING: "1",
      SANDI_RUN: "source",
    });
    expect(run.stderr).not.toContain("capacity exceeded");
    expect(run.milliseconds, run.stderr).toBeGreaterThan(0);
    expect(run.exitCode).toBe(0);
  });
});
