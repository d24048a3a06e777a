/** The runner and a bench server talk over the child-process IPC channel: one request, one reply, matched by id. */
import { type ChildProcess, fork } from "node:child_process";
import { openSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Request {
  readonly id: number;
  readonly command: string;
  readonly argument: unknown;
}

type Reply = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

interface Ready {
  readonly ready: true;
  readonly port: number;
}

/** A bench server as the runner sees it. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Sends a command and waits for its reply. */
  call<T>(command: string, argument?: unknown): Promise<T>;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `bench/server.ts` with `args` in a child process (tsx's loader, inherited) and waits until it listens. */
export async function startServer(args: readonly string[], logFile: string): Promise<ServerProcess> {
  const log = openSync(logFile, "a");
  const child = fork(fileURLToPath(new URL("./server.ts", import.meta.url)), [...args], {
    stdio: ["ignore", log, log, "ipc"],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`bench server ${args.join(" ")} exited (${String(code)}); see ${logFile}`)),
    );
    child.on("message", (message: Ready | Reply) => {
      if ("ready" in message) return resolve(message.port);
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if ("error" in message) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
  });
  return {
    url: `http://127.0.0.1:${String(port)}`,
    pid: child.pid ?? 0,
    call: <T>(command: string, argument?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, command, argument } satisfies Request);
      }),
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Command handlers of a bench server. */
export type Handlers = Readonly<Record<string, (argument: unknown) => Promise<unknown>>>;

/** In the server: tells the runner which port it listens on, then answers its commands. */
export function serveCommands(port: number, handlers: Handlers): void {
  const send = (message: Ready | Reply): void => {
    process.send?.(message);
  };
  process.on("message", (message: Request) => {
    const handler = handlers[message.command];
    if (handler === undefined) return send({ id: message.id, error: `unknown command ${message.command}` });
    handler(message.argument).then(
      (result) => send({ id: message.id, result: result ?? null }),
      (error: unknown) =>
        send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  send({ ready: true, port });
}
