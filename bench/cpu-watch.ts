/** CPU use during a measurement window, read from /proc: the server process (all its threads), the machine, the client. */
import { readFileSync } from "node:fs";

/** CPU spent in a window. */
export interface CpuUse {
  /** The server process's CPU time (main thread, Argon2 and libuv threads, PGlite), in ms. */
  readonly serverMilliseconds: number;
  /** This process's (autocannon's) CPU time, in ms. */
  readonly clientMilliseconds: number;
  /** How busy all cores were, 0–100 (PostgreSQL's backends and other tenants included). */
  readonly machineBusyPercent: number;
  readonly seconds: number;
}

const TICK_MILLISECONDS = 10; // USER_HZ is 100 on Linux

function processMilliseconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, "utf8")
      .split(") ")[1]
      ?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MILLISECONDS;
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

/** Starts watching when `open` is called; `close` returns what the window used. */
export function createCpuWatch(pid: number): { open(): void; close(): CpuUse } {
  let start = {
    server: processMilliseconds(pid),
    client: clientMilliseconds(),
    machine: machineTicks(),
    at: performance.now(),
  };
  return {
    open: () => {
      start = {
        server: processMilliseconds(pid),
        client: clientMilliseconds(),
        machine: machineTicks(),
        at: performance.now(),
      };
    },
    close: () => {
      const machine = machineTicks();
      return {
        serverMilliseconds: processMilliseconds(pid) - start.server,
        clientMilliseconds: clientMilliseconds() - start.client,
        machineBusyPercent:
          (100 * (machine.busy - start.machine.busy)) / Math.max(1, machine.total - start.machine.total),
        seconds: (performance.now() - start.at) / 1000,
      };
    },
  };
}

/** CPU use with the server's and the client's share per answered request. */
export function cpuPerRequest(
  use: CpuUse,
  requests: number,
): CpuUse & { serverMillisecondsPerRequest: number; clientMillisecondsPerRequest: number } {
  return {
    ...use,
    serverMillisecondsPerRequest: use.serverMilliseconds / requests,
    clientMillisecondsPerRequest: use.clientMilliseconds / requests,
  };
}
