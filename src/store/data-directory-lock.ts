/** A lock file in the PGlite data directory: two processes on one directory would corrupt it. */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface DataDirectoryLock {
  release(): void;
}

/** Thrown when another live process holds the data directory. */
export class DataDirectoryBusyError extends Error {
  constructor(
    readonly directory: string,
    readonly holderPid: number,
  ) {
    super(
      `The data directory ${directory} is in use by process ${holderPid} (PGlite allows one process). ` +
        "Stop it, or run this command while `sandi serve` runs so it can talk to the server.",
    );
    this.name = "DataDirectoryBusyError";
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the lock or throws DataDirectoryBusyError; a lock left by a dead process is taken over. */
export function acquireDataDirectoryLock(directory: string): DataDirectoryLock {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, "sandi.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      if (holder !== null && holder !== process.pid && isProcessAlive(holder))
        throw new DataDirectoryBusyError(directory, holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${directory}`);
}

/** True when a live process other than this one holds the directory. */
export function isDataDirectoryBusy(directory: string): boolean {
  const holder = readHolder(join(directory, "sandi.lock"));
  return holder !== null && holder !== process.pid && isProcessAlive(holder);
}
