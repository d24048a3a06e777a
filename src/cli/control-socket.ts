/**
 * The control socket: while `sandi serve` holds a PGlite data directory, other `sandi` commands run inside it.
 * A unix socket (mode 0600) in the data directory speaks newline-delimited JSON: one request `{"argv":[…]}`,
 * then any number of `{"out":"…"}` and `{"err":"…"}` lines and a final `{"exit":n}`.
 */
import { chmod, lstat, unlink } from "node:fs/promises";
import { createConnection, createServer, type Socket } from "node:net";
import { join } from "node:path";
import type { CommandOutput } from "./command.js";

/** The socket's file name inside the data directory. */
export const CONTROL_SOCKET_NAME = "sandi.sock";
/** Unix socket paths are limited to 107 bytes on Linux (sun_path). */
const MAX_SOCKET_PATH_BYTES = 107;
/** A request line longer than this is refused (argv is a few words). */
const MAX_REQUEST_BYTES = 64 * 1024;

/** Runs one command line with its output sent back over the socket; resolves to the exit code. */
export type ControlRunner = (argv: readonly string[], io: CommandOutput) => Promise<number>;

/** Where the control socket of a data directory lives. */
export function controlSocketPath(dataDirectory: string): string {
  return join(dataDirectory, CONTROL_SOCKET_NAME);
}

function parseRequest(line: string): readonly string[] | null {
  try {
    const request: unknown = JSON.parse(line);
    if (typeof request !== "object" || request === null || !("argv" in request)) return null;
    const { argv } = request;
    return Array.isArray(argv) && argv.every((item) => typeof item === "string") ? argv : null;
  } catch {
    return null;
  }
}

/** Reads the single request line of a connection; null when it is too long or the peer leaves first. */
function readRequestLine(socket: Socket): Promise<string | null> {
  return new Promise((resolve) => {
    let buffer = "";
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString("utf8");
      const end = buffer.indexOf("\n");
      if (end >= 0 || buffer.length > MAX_REQUEST_BYTES) {
        socket.off("data", onData);
        resolve(end >= 0 ? buffer.slice(0, end) : null);
      }
    };
    socket.on("data", onData);
    socket.once("close", () => resolve(null));
    socket.once("error", () => resolve(null));
  });
}

async function serveConnection(socket: Socket, run: ControlRunner): Promise<void> {
  const send = (message: object): void => {
    if (socket.writable) socket.write(`${JSON.stringify(message)}\n`);
  };
  const line = await readRequestLine(socket);
  const argv = line === null ? null : parseRequest(line);
  let exit: number;
  if (argv === null) {
    send({ err: 'sandi: bad control request (expected {"argv":[...]})' });
    exit = 2;
  } else {
    try {
      exit = await run(argv, { out: (text) => send({ out: text }), err: (text) => send({ err: text }) });
    } catch (error) {
      send({ err: `sandi: the command failed inside the server: ${(error as Error).message}` });
      exit = 1;
    }
  }
  send({ exit });
  socket.end();
}

async function removeStaleSocket(path: string): Promise<void> {
  try {
    const stats = await lstat(path);
    if (!stats.isSocket()) throw new Error(`${path} exists and is not a socket; remove it by hand`);
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Listens on `path` (a stale socket file is replaced; mode 0600) and runs each request with `run`. */
export async function startControlSocket(options: {
  path: string;
  run: ControlRunner;
}): Promise<{ close(): Promise<void> }> {
  if (Buffer.byteLength(options.path) > MAX_SOCKET_PATH_BYTES)
    throw new Error(
      `the control socket path ${options.path} is too long for a unix socket; use a shorter data directory path`,
    );
  await removeStaleSocket(options.path);
  const sockets = new Set<Socket>();
  const running = new Set<Promise<void>>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    const work = serveConnection(socket, options.run).finally(() => {
      sockets.delete(socket);
      running.delete(work);
    });
    running.add(work);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.path, () => {
      server.off("error", reject);
      resolve();
    });
  });
  await chmod(options.path, 0o600);
  return {
    /** Stops accepting, lets commands in flight finish, then removes the socket file. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
      for (const socket of sockets) socket.destroy();
      await closed;
      await unlink(options.path).catch(() => undefined);
    },
  };
}

type ControlMessage = { out: string } | { err: string } | { exit: number };

function parseMessage(line: string): ControlMessage | null {
  try {
    const message: unknown = JSON.parse(line);
    if (typeof message !== "object" || message === null) return null;
    if ("out" in message && typeof message.out === "string") return { out: message.out };
    if ("err" in message && typeof message.err === "string") return { err: message.err };
    if ("exit" in message && typeof message.exit === "number") return { exit: message.exit };
    return null;
  } catch {
    return null;
  }
}

/** Sends `argv` to the server on `path`, relays its output lines, and resolves to its exit code (1 if it goes away). */
export function forwardToControlSocket(path: string, argv: readonly string[], io: CommandOutput): Promise<number> {
  return new Promise((resolve) => {
    let buffer = "";
    let exit: number | null = null;
    let unreachable = false;
    const socket = createConnection(path, () => socket.write(`${JSON.stringify({ argv })}\n`));
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
        const message = parseMessage(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        if (message === null) continue;
        if ("out" in message) io.out(message.out);
        else if ("err" in message) io.err(message.err);
        else exit = message.exit;
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      unreachable = true;
      io.err(`sandi: cannot reach the running server at ${path} (${error.code ?? error.message}).`);
    });
    socket.on("close", () => {
      if (exit === null && !unreachable) io.err("sandi: the server closed the connection before the command finished.");
      resolve(exit ?? 1);
    });
  });
}
