/** CPU use during a measurement window, read from /proc: the server process, PostgreSQL, the client, the machine. */
import { readdirSync, readFileSync } from "node:fs";

/** CPU spent in a window. */
export interface CpuUse {
  /** The server process's CPU time (main thread, Argon2 and libuv threads, PGlite), in ms. */
  readonly serverMilliseconds: number;
  /** This process's (autocannon's) CPU time, in ms. */
  readonly clientMilliseconds: number;
  /** CPU time of every `postgres` process on the machine (the local server's backends), in ms. */
  readonly postgresMilliseconds: number;
  /** Busy CPU time of all cores, in ms; what server, client and PostgreSQL do not explain is other tenants. */
  readonly machineBusyMilliseconds: number;
  /** How busy all cores were, 0–100. */
  readonly machineBusyPercent: number;
  readonly seconds: number;
}

const TICK_MILLISECONDS = 10; // USER_HZ is 100 on Linux

function processMilliseconds(pid: number | string): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, "utf8")
      .split(") ")[1]
      ?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MILLISECONDS;
}

/** CPU time of the `postgres` processes alive now, by pid (the pool keeps its backends through a window). */
function postgresMilliseconds(): Map<string, number> {
  const times = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name)))
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") times.set(pid, processMilliseconds(pid));
    } catch {
      // The process ended while we looked.
    }
  return times;
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((sum, value) => sum + value, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

function clientMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function sample(pid: number) {
  return {
    server: processMilliseconds(pid),
    client: clientMilliseconds(),
    postgres: postgresMilliseconds(),
    machine: machineTicks(),
    at: performance.now(),
  };
}

/** Starts watching when `open` is called; `close` returns what the window used. */
export function createCpuWatch(pid: number): { open(): void; close(): CpuUse } {
  let start = sample(pid);
  return {
    open: () => {
      start = sample(pid);
    },
    close: () => {
      const end = sample(pid);
      let postgres = 0;
      for (const [backend, milliseconds] of end.postgres) postgres += milliseconds - (start.postgres.get(backend) ?? 0);
      const busyTicks = end.machine.busy - start.machine.busy;
      return {
        serverMilliseconds: end.server - start.server,
        clientMilliseconds: end.client - start.client,
        postgresMilliseconds: postgres,
        machineBusyMilliseconds: busyTicks * TICK_MILLISECONDS,
        machineBusyPercent: (100 * busyTicks) / Math.max(1, end.machine.total - start.machine.total),
        seconds: (end.at - start.at) / 1000,
      };
    },
  };
}

/** CpuUse with the server's, PostgreSQL's and the whole machine's share per answered request. */
export interface CpuPerRequest extends CpuUse {
  readonly serverMillisecondsPerRequest: number;
  readonly postgresMillisecondsPerRequest: number;
  readonly machineMillisecondsPerRequest: number;
}

/** The window's CPU use per answered request. */
export function cpuPerRequest(use: CpuUse, requests: number): CpuPerRequest {
  return {
    ...use,
    serverMillisecondsPerRequest: use.serverMilliseconds / requests,
    postgresMillisecondsPerRequest: use.postgresMilliseconds / requests,
    machineMillisecondsPerRequest: use.machineBusyMilliseconds / requests,
  };
}
