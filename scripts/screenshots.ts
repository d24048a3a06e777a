/**
 * `npm run screenshots [-- <folder>]`: starts Sandi in development mode on a new temporary data directory (the demo
 * organisation), walks the journeys in Debian's Chromium in English and in Indonesian, and writes every page at
 * 1280 and 375 px wide to docs/screenshots/ (or the folder given). Not part of `npm test`: it takes about a minute.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { launchChromium } from "../test/support/services/chromium.js";
import { walkJourneys } from "./screenshot-journey.js";

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** `sandi serve --dev` on its own data directory, with the response floors off so the walk is quick. */
function startSandi(port: number, dataDirectory: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SANDI_LISTEN__PORT: String(port),
    SANDI_DATABASE__DATADIRECTORY: dataDirectory,
    SANDI_RESET__IDENTIFYFLOORMILLISECONDS: "0",
    SANDI_RESET__GATEFLOORMILLISECONDS: "0",
    SANDI_RESET__FLOORJITTERMILLISECONDS: "0",
    SANDI_LOG__LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  delete env.SANDI_DATABASE__URL;
  // The Node running this script (Node 24 from npm), with tsx as its loader: one process to stop, no npx wrapper.
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts", "serve", "--dev"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitUntilReady(origin: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`sandi serve exited with ${String(child.exitCode)}`);
    const ready = await fetch(`${origin}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(500);
  }
  throw new Error("sandi serve did not become ready in 120 s");
}

async function main(): Promise<void> {
  const outputDirectory = resolve(process.argv[2] ?? "docs/screenshots");
  mkdirSync(outputDirectory, { recursive: true });
  const dataDirectory = mkdtempSync(join(tmpdir(), "sandi-screens-"));
  const port = await freePort();
  const origin = `http://localhost:${String(port)}`;
  const child = startSandi(port, dataDirectory);
  const browser = await launchChromium();
  try {
    await waitUntilReady(origin, child);
    const written = await walkJourneys(browser, origin, outputDirectory);
    process.stdout.write(`Wrote ${String(written.length)} screenshots to ${outputDirectory}\n`);
  } finally {
    await browser.close();
    child.kill("SIGTERM");
    await new Promise((done) => child.once("exit", done));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

await main();
