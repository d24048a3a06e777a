/**
 * Provisions the real services `npm test` needs before vitest starts: PostgreSQL on 127.0.0.1:5432 (started when
 * stopped) and Debian's chromium (installed when missing, as root). Fast and silent when both are there. With
 * CI=true a service that cannot be provided fails the run here; elsewhere it warns loudly and the tests that need
 * the service fail, never skip. LDAP (slapd) is not needed yet, so nothing installs it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createConnection } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { CHROMIUM_PATHS, findChromium } from "./services/chromium.js";

const POSTGRES = { host: "127.0.0.1", port: 5432 } as const;
const POSTGRES_START_TIMEOUT_MS = 30_000;
const IN_CI = process.env.CI === "true" || process.env.CI === "1";
const IS_ROOT = process.getuid?.() === 0;

function say(message: string): void {
  process.stdout.write(`[provision] ${message}\n`);
}

/** A warning nobody scrolls past. */
function shout(lines: readonly string[]): void {
  const bar = "!".repeat(78);
  process.stderr.write(`\n${bar}\n${lines.map((line) => `!!! ${line}`).join("\n")}\n${bar}\n\n`);
}

/** Fails the run in CI; elsewhere only warns, so the tests that need the service fail loudly themselves. */
function cannotProvide(lines: readonly string[]): void {
  if (IN_CI) {
    shout([...lines, "CI=true: a missing service fails the run instead of skipping tests."]);
    process.exit(1);
  }
  shout([...lines, "The tests that need it will FAIL (they never skip)."]);
}

function run(command: string, args: readonly string[], options: { quiet?: boolean } = {}): number {
  const result = spawnSync(command, args, {
    stdio: options.quiet === true ? "ignore" : "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.error === undefined ? (result.status ?? 1) : 127;
}

function tcpAccepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

/** True when PostgreSQL accepts connections; pg_isready also tells "starting up" apart from ready. */
async function postgresReady(): Promise<boolean> {
  const status = run("pg_isready", ["-q", "-h", POSTGRES.host, "-p", String(POSTGRES.port)], { quiet: true });
  if (status !== 127) return status === 0;
  return tcpAccepts(POSTGRES.host, POSTGRES.port, 1000);
}

/** Debian's clusters named `main`, one per installed PostgreSQL version. */
function postgresClusters(): string[] {
  if (!existsSync("/etc/postgresql")) return [];
  return readdirSync("/etc/postgresql")
    .filter((version) => existsSync(`/etc/postgresql/${version}/main`))
    .sort();
}

async function ensurePostgres(): Promise<void> {
  if (await postgresReady()) return;
  const clusters = postgresClusters();
  const where = `${POSTGRES.host}:${POSTGRES.port}`;
  if (!IS_ROOT || clusters.length === 0) {
    const why = IS_ROOT ? "no cluster under /etc/postgresql" : "not running as root";
    cannotProvide([
      `PostgreSQL is not running on ${where} and cannot be started here (${why}).`,
      "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    ]);
    return;
  }
  for (const version of clusters) {
    say(`PostgreSQL is not running on ${where}: starting cluster ${version}/main`);
    run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"]);
  }
  const deadline = Date.now() + POSTGRES_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await postgresReady()) {
      say(`PostgreSQL is ready on ${where}`);
      return;
    }
    await sleep(250);
  }
  cannotProvide([`PostgreSQL did not accept connections on ${where} within ${POSTGRES_START_TIMEOUT_MS / 1000} s.`]);
}

/** Installs Debian's chromium with apt; concurrent runs wait for apt's lock instead of failing on it. */
function installChromium(): boolean {
  const lockWait = ["-o", "DPkg::Lock::Timeout=300"];
  say("Chromium is missing: apt-get update (once), then apt-get install -y chromium (about 40 s)");
  const started = Date.now();
  let listsUpdated = false;
  for (let attempt = 1; attempt <= 3 && findChromium() === null; attempt += 1) {
    if (attempt > 1) say(`apt-get failed; retrying (attempt ${attempt} of 3)`);
    if (!listsUpdated) {
      const status = run("apt-get", ["-q", ...lockWait, "update"]);
      if (status === 127) return false;
      listsUpdated = status === 0;
    }
    run("apt-get", ["-q", "-y", ...lockWait, "install", "chromium"]);
  }
  const installed = findChromium();
  if (installed !== null) say(`Chromium installed at ${installed} in ${Math.round((Date.now() - started) / 1000)} s`);
  return installed !== null;
}

function ensureChromium(): void {
  if (findChromium() !== null) return;
  const canInstall = IS_ROOT && existsSync("/usr/bin/apt-get");
  if (canInstall && installChromium()) return;
  cannotProvide([
    `Debian's chromium is not installed (looked for ${CHROMIUM_PATHS.join(" and ")}),`,
    canInstall ? "and `apt-get install -y chromium` failed." : "and installing it needs root and apt-get.",
    "Install it with: apt-get update && apt-get install -y chromium",
  ]);
}

await ensurePostgres();
ensureChromium();
