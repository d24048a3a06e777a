// PGlite is single-process: while the server holds the data directory, other `sandi` processes must go through
// its control socket (mode 0600) or refuse clearly, never open the directory a second time.
import { spawn } from "node:child_process";
import { createConnection } from "node:net";
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerCommandRunner } from "../../src/cli/cli.js";
import { controlSocketPath, forwardToControlSocket, startControlSocket } from "../../src/cli/control-socket.js";
import { connectPGlite, type DatabaseHandle } from "../../src/store/connect.js";
import { migrateToLatest } from "../../src/store/migrate.js";
import { commandContextOn, temporaryDirectory } from "./cli-harness.js";

const REPO = resolve(import.meta.dirname, "../..");
const TSX_CLI = join(REPO, "node_modules/tsx/dist/cli.mjs");
const MAIN = join(REPO, "src/main.ts");

let cwd: string;
let dataDirectory: string;
let handle: DatabaseHandle;
let runner: ReturnType<typeof createServerCommandRunner>;

/** Runs `sandi <argv>` as a separate process (Node 24, the one running the tests) in `cwd`. */
function spawnSandi(argv: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? cwd,
      SANDI_DATABASE__DATADIRECTORY: dataDirectory,
    };
    const child = spawn(process.execPath, [TSX_CLI, MAIN, ...argv], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  cwd = temporaryDirectory();
  dataDirectory = join(cwd, "server-data");
  handle = await connectPGlite(dataDirectory); // this process now holds the lock, as `sandi serve` would
  await migrateToLatest(handle.db);
  runner = createServerCommandRunner(commandContextOn(handle));
  const out: string[] = [];
  await runner(
    ["user", "add", "sari@contoh.example", "--email", "sari@mail.example", "--first", "Sari", "--last", "Dewi"],
    {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    },
  );
});
afterAll(async () => {
  await handle.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe("the control socket", () => {
  it("forwards another process's command to the server holding the data directory", async () => {
    const socketPath = controlSocketPath(dataDirectory);
    const socket = await startControlSocket({ path: socketPath, run: runner });
    try {
      expect(statSync(socketPath).mode & 0o777).toBe(0o600);
      const child = await spawnSandi(["user", "list"]);
      expect(child.stderr).toBe("");
      expect(child.stdout).toContain("sari@contoh.example");
      expect(child.code).toBe(0);
      const failing = await spawnSandi(["user", "show", "nobody@contoh.example"]);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain("No user with user ID nobody@contoh.example");
    } finally {
      await socket.close();
    }
    expect(existsSync(socketPath)).toBe(false);
  });

  it("refuses clearly (exit 1) when the directory is held and there is no socket", async () => {
    const child = await spawnSandi(["user", "list"]);
    expect(child.code).toBe(1);
    expect(child.stderr).toContain(`the data directory ${dataDirectory} is in use by another process`);
    expect(child.stdout).toBe("");
  });

  it("answers a malformed request with an error and exit 2, and relays exit codes in process", async () => {
    const socketPath = controlSocketPath(dataDirectory);
    const socket = await startControlSocket({ path: socketPath, run: runner });
    try {
      const reply = await new Promise<string>((done) => {
        let text = "";
        const client = createConnection(socketPath, () => client.write("not json\n"));
        client.on("data", (chunk: Buffer) => (text += chunk.toString()));
        client.on("close", () => done(text));
      });
      const lines = reply
        .trim()
        .split("\n")
        .map((line): unknown => JSON.parse(line));
      expect(lines.at(-1)).toEqual({ exit: 2 });
      expect(lines[0]).toMatchObject({ err: expect.stringContaining("bad control request") });
      const out: string[] = [];
      const code = await forwardToControlSocket(socketPath, ["user", "frob"], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      expect(code).toBe(2);
      expect(out.join("\n")).toContain('"user" needs one of');
    } finally {
      await socket.close();
    }
  });

  it("will not replace a file at the socket path that is not a socket", async () => {
    const path = join(cwd, "not-a-socket");
    writeFileSync(path, "keep me");
    await expect(startControlSocket({ path, run: runner })).rejects.toThrow("is not a socket");
    expect(existsSync(path)).toBe(true);
  });
});
