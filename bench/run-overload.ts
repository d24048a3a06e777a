/**
 * `npm run bench:overload` (issue 9, item 5): Sandi past its ceilings on PGlite. First the hash ceiling and the
 * storage ceiling are measured as the full bench measures them; then, for 30 s each after a 5 s warm-up, open-loop:
 *
 * - **hash**: the new-password and sign-in steps together at twice the hash ceiling's rate in Argon2 operations
 *   (half of it each: a new password costs 7 operations, a sign-in 1);
 * - **identify**: the identify step at twice the storage ceiling's rate.
 *
 * It checks what the issue asks: no 500 and no crash (the server answers /readyz afterwards), the excess answered 503
 * or 429 with Retry-After, the p99 of admitted requests (every answer that is not 503 or 429) ≤ 2 s, and RSS sampled
 * every second. Writes bench/results/overload.json and prints a summary; runs alone, never in `npm run bench`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ServerProcess } from "./ipc.js";
import { type BenchRequest, percentile } from "./load.js";
import { NEW_PASSWORD, OLD_PASSWORDS } from "./passwords.js";
import { describeMachine } from "./report.js";
import { measureHashCeiling, residentMegabytes, withServer } from "./run-bare.js";
import { measureStorageCeiling, type StoreExtras, sandiArgs, takeCensus } from "./run-store.js";
import { type FlowTicket, fetchIdentifyForm, identifyRequests, nextClientIp, passwordRequests } from "./scenarios.js";

const SECONDS = Number(process.env.SANDI_BENCH_OVERLOAD_SECONDS ?? 30);
const WARM_SECONDS = 5;
const ARGON2_PER_NEW_PASSWORD = 7;
const ADMITTED_P99_GOAL_MILLISECONDS = 2000;
const RESULTS_DIRECTORY = new URL("./results/", import.meta.url);

interface Answer {
  readonly step: string;
  readonly status: number;
  readonly milliseconds: number;
  readonly retryAfter: boolean;
  readonly inWindow: boolean;
}

function send(agent: Agent, url: URL, built: BenchRequest): Promise<{ status: number; retryAfter: boolean }> {
  return new Promise((resolve, reject) => {
    const length = built.body === undefined ? {} : { "content-length": String(Buffer.byteLength(built.body)) };
    const outgoing = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: built.method,
        path: built.path,
        headers: { ...built.headers, ...length },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"] !== undefined }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(built.body);
  });
}

/** Open loop: each generator sends at its own even rate whatever the answers do; latency from the scheduled time. */
async function runOpenLoop(
  baseUrl: string,
  generators: readonly { step: string; rate: number; next: () => BenchRequest }[],
): Promise<{ answers: Answer[]; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const url = new URL(baseUrl);
  const answers: Answer[] = [];
  let errors = 0;
  const start = performance.now();
  const windowOpensAt = start + WARM_SECONDS * 1000;
  const lanes = generators.map(async ({ step, rate, next }) => {
    const total = Math.round(rate * (WARM_SECONDS + SECONDS));
    const pending: Promise<void>[] = [];
    for (let index = 0; index < total; index++) {
      const scheduled = start + (index * 1000) / rate;
      const wait = scheduled - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(
        send(agent, url, next()).then(
          ({ status, retryAfter }) => {
            const milliseconds = performance.now() - scheduled;
            answers.push({ step, status, milliseconds, retryAfter, inWindow: scheduled >= windowOpensAt });
          },
          () => {
            errors++;
          },
        ),
      );
    }
    await Promise.all(pending);
  });
  await Promise.all(lanes);
  agent.destroy();
  return { answers, errors };
}

/** Samples the server's RSS every second while `work` runs. */
async function sampledRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; rssMegabytes: number[] }> {
  const rssMegabytes = [residentMegabytes(pid)];
  const timer = setInterval(() => rssMegabytes.push(residentMegabytes(pid)), 1000);
  try {
    return { result: await work(), rssMegabytes };
  } finally {
    clearInterval(timer);
  }
}

interface StepSummary {
  readonly sent: number;
  readonly statuses: Record<string, number>;
  readonly admitted: number;
  readonly shed: number;
  readonly shedWithoutRetryAfter: number;
  readonly admittedP50: number;
  readonly admittedP99: number;
  readonly shedP99: number;
}

function summarise(answers: readonly Answer[]): StepSummary {
  const measured = answers.filter((answer) => answer.inWindow);
  const statuses: Record<string, number> = {};
  for (const { status } of measured) statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
  const isShed = (answer: Answer): boolean => answer.status === 503 || answer.status === 429;
  const admitted = measured.filter((answer) => !isShed(answer)).map((answer) => answer.milliseconds);
  const shed = measured.filter(isShed);
  return {
    sent: measured.length,
    statuses,
    admitted: admitted.length,
    shed: shed.length,
    shedWithoutRetryAfter: shed.filter((answer) => !answer.retryAfter).length,
    admittedP50: percentile(admitted, 0.5),
    admittedP99: percentile(admitted, 0.99),
    shedP99: percentile(
      shed.map((answer) => answer.milliseconds),
      0.99,
    ),
  };
}

/** The sign-in form's stateless pair (cookie and token), read once from GET /signin. */
async function fetchSignInForm(baseUrl: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${baseUrl}/signin`, { headers: { "x-forwarded-for": nextClientIp() } });
  const cookie = response.headers
    .getSetCookie()
    .find((line) => line.startsWith("sandi-form="))
    ?.split(";")[0];
  const token = /name="form" value="([^"]+)"/.exec(await response.text())?.[1];
  if (cookie === undefined || token === undefined) throw new Error("GET /signin gave no form cookie or token");
  return { cookie, token };
}

function signInRequests(form: { cookie: string; token: string }, userIds: readonly string[]): () => BenchRequest {
  let index = 0;
  return () => ({
    method: "POST",
    path: "/signin",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "sec-fetch-site": "same-origin",
      "user-agent": "sandi-bench",
      "x-forwarded-for": nextClientIp(),
      cookie: form.cookie,
    },
    body: new URLSearchParams({
      form: form.token,
      userId: userIds[index++ % userIds.length] ?? "",
      password: OLD_PASSWORDS[0] ?? "",
    }).toString(),
  });
}

/** Retries `read` while the server sheds (its own seeding just kept its event loop busy). */
async function once<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++)
    try {
      return await read();
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(1000);
    }
}

async function isReady(server: ServerProcess): Promise<boolean> {
  try {
    return (await fetch(`${server.url}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

async function hashPhase(server: ServerProcess, hashCeiling: number) {
  const passwordRate = (hashCeiling * 2) / 2 / ARGON2_PER_NEW_PASSWORD;
  const signInRate = (hashCeiling * 2) / 2;
  const tickets = await server.call<FlowTicket[]>("seedFlows", {
    prefix: "overload",
    count: Math.ceil(passwordRate * (WARM_SECONDS + SECONDS)) + 10,
    at: "password",
  });
  const users = await server.call<string[]>("seedUsers", { prefix: "signin", count: 2000 });
  await server.call("analyze");
  const signInForm = await once(() => fetchSignInForm(server.url));
  const { result, rssMegabytes } = await sampledRss(server.pid, () =>
    runOpenLoop(server.url, [
      { step: "new password", rate: passwordRate, next: passwordRequests(tickets, NEW_PASSWORD) },
      { step: "sign-in", rate: signInRate, next: signInRequests(signInForm, users) },
    ]),
  );
  return {
    rates: { "new password": passwordRate, "sign-in": signInRate },
    steps: {
      "new password": summarise(result.answers.filter((answer) => answer.step === "new password")),
      "sign-in": summarise(result.answers.filter((answer) => answer.step === "sign-in")),
    },
    errors: result.errors,
    rssMegabytes,
  };
}

async function identifyPhase(server: ServerProcess, storageCeiling: number, knownUserIds: readonly string[]) {
  const rate = storageCeiling * 2;
  const form = await once(() => fetchIdentifyForm(server.url));
  const { result, rssMegabytes } = await sampledRss(server.pid, () =>
    runOpenLoop(server.url, [{ step: "identify", rate, next: identifyRequests(form, knownUserIds) }]),
  );
  return {
    rates: { identify: rate },
    steps: { identify: summarise(result.answers) },
    errors: result.errors,
    rssMegabytes,
  };
}

function verdict(phases: readonly { steps: Record<string, StepSummary>; errors: number }[], alive: boolean) {
  const steps = phases.flatMap((phase) => Object.values(phase.steps));
  return {
    no500: steps.every((step) =>
      Object.keys(step.statuses).every((status) => Number(status) < 500 || status === "503"),
    ),
    noCrash: alive && phases.every((phase) => phase.errors === 0),
    excessHasRetryAfter: steps.every((step) => step.shedWithoutRetryAfter === 0),
    admittedP99WithinGoal: steps.every(
      (step) => step.admitted === 0 || step.admittedP99 <= ADMITTED_P99_GOAL_MILLISECONDS,
    ),
  };
}

async function main(): Promise<void> {
  // The bench's Sandi server sheds on a late event loop as `sandi serve` does (see sandi-server.ts).
  process.env.BENCH_SHED_ON_EVENT_LOOP_LAG = "1";
  const work = mkdtempSync(join(tmpdir(), "sandi-bench-overload-"));
  const run = {
    name: "pglite" as const,
    location: { engine: "pglite" as const, dataDirectory: join(work, "pglite") },
    work,
    full: false,
  };
  process.stdout.write(`sandi bench overload: ${describeMachine()}, load average ${loadavg().join(" ")}\n`);
  try {
    const extras: StoreExtras = { checks: {}, loads: {}, eventLoop: {}, cpu: {} };
    const { knownUserIds, captureFile } = await takeCensus(run, extras);
    const storage = await measureStorageCeiling(run, captureFile, extras);
    const hash = await measureHashCeiling(work, "pglite");
    const outcome = await withServer(sandiArgs(run, "off"), work, async (server) => {
      const idleRssMegabytes = residentMegabytes(server.pid);
      const hashing = await hashPhase(server, hash.load.rps);
      await sleep(3000);
      const identifying = await identifyPhase(server, storage.rps, knownUserIds);
      await sleep(3000);
      const alive = await isReady(server);
      return { idleRssMegabytes, hashing, identifying, alive, rssAfterMegabytes: residentMegabytes(server.pid) };
    });
    const results = {
      machine: describeMachine(),
      date: new Date().toISOString(),
      seconds: SECONDS,
      ceilings: { hashRps: hash.load.rps, storageRps: storage.rps },
      ...outcome,
      verdict: verdict([outcome.hashing, outcome.identifying], outcome.alive),
    };
    mkdirSync(RESULTS_DIRECTORY, { recursive: true });
    writeFileSync(new URL("overload.json", RESULTS_DIRECTORY), `${JSON.stringify(results, null, 2)}\n`);
    const rss = [...outcome.hashing.rssMegabytes, ...outcome.identifying.rssMegabytes];
    process.stdout.write(`ceilings: hash ${hash.load.rps.toFixed(1)} rps, storage ${storage.rps.toFixed(1)} rps\n`);
    for (const phase of [outcome.hashing, outcome.identifying])
      for (const [step, summary] of Object.entries(phase.steps))
        process.stdout.write(
          `${step}: sent ${String(summary.sent)}, ${JSON.stringify(summary.statuses)}, admitted p50 ${summary.admittedP50.toFixed(0)} ms p99 ${summary.admittedP99.toFixed(0)} ms, shed ${String(summary.shed)} (p99 ${summary.shedP99.toFixed(0)} ms, without Retry-After ${String(summary.shedWithoutRetryAfter)})\n`,
        );
    process.stdout.write(
      `RSS: idle ${outcome.idleRssMegabytes.toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB, after ${outcome.rssAfterMegabytes.toFixed(0)} MB; ready afterwards: ${String(outcome.alive)}\n`,
    );
    process.stdout.write(`verdict: ${JSON.stringify(results.verdict)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
