/**
 * Runs a database command directly: PostgreSQL, or the PGlite data directory when no server holds it. While
 * `sandi serve` holds the directory (PGlite is single-process) the command goes over its control socket instead.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Kysely } from "kysely";
import type { Config } from "../config/config.schema.js";
import { openDatabase } from "../compose-stores.js";
import type { DatabaseHandle } from "../store/connect.js";
import { DataDirectoryBusyError, isDataDirectoryBusy } from "../store/data-directory-lock.js";
import type { Database } from "../store/database.js";
import { migrateToLatest } from "../store/migrate.js";
import { type CliIo, type CommandOutput, EXIT } from "./command.js";
import { controlSocketPath, forwardToControlSocket } from "./control-socket.js";

/** The PGlite data directory the configuration names, resolved against the working directory. */
export function dataDirectoryOf(config: Readonly<Config>, cwd: string): string {
  return resolve(cwd, config.database.dataDirectory);
}

/** Sends the command to the server holding `directory`, or explains why it cannot run (exit 1). */
async function forwardOrRefuse(directory: string, argv: readonly string[], io: CommandOutput): Promise<number> {
  const socket = controlSocketPath(directory);
  if (existsSync(socket)) return forwardToControlSocket(socket, argv, io);
  io.err(`sandi: the data directory ${directory} is in use by another process, and it offers no control socket.`);
  io.err("PGlite allows one process: stop that process, or run this command while `sandi serve` runs there.");
  return EXIT.failed;
}

/**
 * Opens the database, migrates it (unless `migrate` is false), runs `work` and closes it; on a busy PGlite
 * directory it forwards `argv` to the running server instead.
 */
export async function runWithDatabase(
  input: { config: Readonly<Config>; io: CliIo; argv: readonly string[]; migrate: boolean },
  work: (db: Kysely<Database>) => Promise<number>,
): Promise<number> {
  const { config, io } = input;
  let handle: DatabaseHandle;
  if (config.database.url !== null) handle = await openDatabase(config, { maxConnections: 2 });
  else {
    const directory = dataDirectoryOf(config, io.cwd);
    if (isDataDirectoryBusy(directory)) return forwardOrRefuse(directory, input.argv, io);
    try {
      handle = await openDatabase(config, { cwd: io.cwd });
    } catch (error) {
      if (error instanceof DataDirectoryBusyError) return forwardOrRefuse(directory, input.argv, io);
      throw error;
    }
  }
  try {
    if (input.migrate) await migrateToLatest(handle.db);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}
