/** The `sandi` command line: a table from command name to handler, run directly or inside the server. */
import { hostname } from "node:os";
import { composeCommandServices } from "../compose-admin.js";
import { loadConfig } from "../config/load-config.js";
import { type Clock, createSystemClock } from "../lib/clock.js";
import { createArgon2idHasher, patientHasher, type SecretHasher } from "../lib/crypto/argon2id.js";
import { createSecureRandom, type Random } from "../lib/random.js";
import {
  type CliIo,
  type Command,
  type CommandContext,
  type CommandOutput,
  EXIT,
  parseCommandArgs,
  UsageError,
} from "./command.js";
import { ADMIN_COMMANDS } from "./commands/admin.js";
import { AUDIT_COMMANDS } from "./commands/audit.js";
import { CONFIG_COMMANDS } from "./commands/config.js";
import { GROUP_COMMANDS } from "./commands/group.js";
import { GROUP_MANAGE_COMMANDS } from "./commands/group-manage.js";
import { INIT_COMMANDS } from "./commands/init.js";
import { MIGRATE_COMMANDS } from "./commands/migrate.js";
import { POLICY_COMMANDS } from "./commands/policy.js";
import { POLICY_EVALUATE_COMMANDS } from "./commands/policy-evaluate.js";
import { USER_COMMANDS } from "./commands/user.js";
import { USER_ACCESS_COMMANDS } from "./commands/user-access.js";
import { USER_DIAGNOSE_COMMANDS } from "./commands/user-diagnose.js";
import { USER_HELPDESK_COMMANDS } from "./commands/user-helpdesk.js";
import { USER_VERIFY_CALLER_COMMANDS } from "./commands/user-verify-caller.js";
import { USER_MANAGE_COMMANDS } from "./commands/user-manage.js";
import { TOKEN_COMMANDS } from "./commands/token.js";
import { runWithDatabase } from "./open-database.js";
import { versionLine } from "./version.js";

export type { CliIo, CommandContext, CommandOutput } from "./command.js";

const PROCESS_COMMANDS: readonly Command[] = [
  {
    kind: "process",
    name: "serve",
    usage: "[--dev]",
    summary: "run the web server (--dev: demo organisation, dev outbox, 127.0.0.1 only)",
    positionals: { min: 0, max: 0 },
    load: () => import("./commands/serve.js"),
  },
  {
    kind: "process",
    name: "worker",
    usage: "",
    summary: "run the outbox worker as its own process (PostgreSQL only)",
    positionals: { min: 0, max: 0 },
    load: () => import("./commands/worker.js"),
  },
];

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly Command[] = [
  ...PROCESS_COMMANDS,
  ...MIGRATE_COMMANDS,
  ...INIT_COMMANDS,
  ...CONFIG_COMMANDS,
  ...USER_COMMANDS,
  ...USER_ACCESS_COMMANDS,
  ...USER_DIAGNOSE_COMMANDS,
  ...USER_HELPDESK_COMMANDS,
  ...USER_VERIFY_CALLER_COMMANDS,
  ...USER_MANAGE_COMMANDS,
  ...TOKEN_COMMANDS,
  ...GROUP_COMMANDS,
  ...GROUP_MANAGE_COMMANDS,
  ...ADMIN_COMMANDS,
  ...POLICY_COMMANDS,
  ...POLICY_EVALUATE_COMMANDS,
  ...AUDIT_COMMANDS,
];

/** Services a direct run may take from the caller (tests); the rest are the real ones. */
export interface CliServices {
  readonly clock?: Clock;
  readonly random?: Random;
  readonly hasher?: SecretHasher;
}

type Resolved =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "command"; command: Command; args: string[] }
  | { kind: "unknown"; message: string };

function usageLine(command: Command): string {
  return `sandi ${command.name}${command.usage === "" ? "" : ` ${command.usage}`}`;
}

function printHelp(output: CommandOutput, commands: readonly Command[] = COMMANDS): void {
  output.out("Usage: sandi [--config FILE] <command> [arguments]");
  output.out("");
  const width = Math.max(...commands.map((command) => usageLine(command).length));
  for (const command of commands) output.out(`  ${usageLine(command).padEnd(width)}  ${command.summary}`);
  output.out("");
  output.out(
    "Configuration: sandi.yaml (or --config / SANDI_CONFIG), overridden by SANDI_* variables; DATABASE_URL for PostgreSQL.",
  );
}

/** Takes `--config FILE` (anywhere before the command's own arguments end) out of argv. */
function extractGlobalOptions(argv: readonly string[]): { configPath?: string; rest: string[] } {
  const rest: string[] = [];
  let configPath: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "--config") {
      configPath = argv[++index];
      if (configPath === undefined || configPath.startsWith("-")) throw new UsageError("--config needs a file name");
    } else if (arg.startsWith("--config=")) configPath = arg.slice("--config=".length);
    else rest.push(arg);
  }
  return configPath === undefined ? { rest } : { configPath, rest };
}

function resolveCommand(rest: readonly string[]): Resolved {
  const [first, second] = rest;
  if (first === undefined || ["help", "--help", "-h"].includes(first)) return { kind: "help" };
  if (first === "--version" || first === "version") return { kind: "version" };
  const pair = COMMANDS.find((command) => command.name === `${first} ${second ?? ""}`);
  if (pair) return { kind: "command", command: pair, args: rest.slice(2) };
  const single = COMMANDS.find((command) => command.name === first);
  if (single) return { kind: "command", command: single, args: rest.slice(1) };
  const group = COMMANDS.filter((command) => command.name.startsWith(`${first} `));
  if (group.length > 0) {
    const names = group.map((command) => command.name.split(" ")[1]).join("|");
    return {
      kind: "unknown",
      message: `"${first}" needs one of: ${names}${second === undefined ? "" : ` (not "${second}")`}`,
    };
  }
  return { kind: "unknown", message: `unknown command "${first}" (see "sandi help")` };
}

function reportUsage(output: CommandOutput, message: string, command?: Command): number {
  output.err(`sandi: ${message}`);
  if (command) output.err(`Usage: ${usageLine(command)}`);
  return EXIT.usage;
}

/** Runs a resolved command's handler, turning bad arguments into exit 2 and faults into exit 1. */
async function runGuarded(command: Command, output: CommandOutput, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(output, error.message, command);
    output.err(`sandi ${command.name}: failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
}

function wantsHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

type Prepared =
  | { readonly exit: number }
  | { readonly command: Command; readonly args: string[]; readonly rest: string[]; readonly configPath?: string };

/** Global options, command lookup, `help` and `<command> --help`: everything before a command runs. */
function prepare(argv: readonly string[], output: CommandOutput): Prepared {
  let global: ReturnType<typeof extractGlobalOptions>;
  try {
    global = extractGlobalOptions(argv);
  } catch (error) {
    return { exit: reportUsage(output, (error as Error).message) };
  }
  const resolved = resolveCommand(global.rest);
  if (resolved.kind === "unknown") return { exit: reportUsage(output, resolved.message) };
  if (resolved.kind === "version") {
    output.out(versionLine());
    return { exit: EXIT.ok };
  }
  if (resolved.kind === "help" || (wantsHelp(resolved.args) && resolved.command.kind !== "process")) {
    printHelp(output, resolved.kind === "help" ? COMMANDS : [resolved.command]);
    return { exit: EXIT.ok };
  }
  return { command: resolved.command, args: resolved.args, ...global };
}

function reportConfigErrors(output: CommandOutput, errors: readonly { path: string; message: string }[]): number {
  output.err(`sandi: the configuration is invalid (${errors.length} ${errors.length === 1 ? "error" : "errors"}):`);
  for (const error of errors) output.err(`  ${error.path}: ${error.message}`);
  return EXIT.failed;
}

/** Runs `sandi <argv>` in this process: loads the configuration, opens the database if needed, returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, services: CliServices = {}): Promise<number> {
  const prepared = prepare(argv, io);
  if ("exit" in prepared) return prepared.exit;
  const { command, args, rest, configPath } = prepared;
  const loaded = loadConfig({
    ...(configPath === undefined ? {} : { argvConfigPath: configPath }),
    env: io.env,
    cwd: io.cwd,
  });
  if (!loaded.ok) return reportConfigErrors(io, loaded.errors);
  const { config, source } = loaded;
  return runGuarded(command, io, async () => {
    if (command.kind === "process")
      return (await command.load()).run({
        args,
        config,
        configSource: source,
        io,
        serverCommandRunner: createServerCommandRunner,
      });
    const parsed = parseCommandArgs(command, args);
    if (command.kind === "config") return command.run(parsed, { config, configSource: source, io });
    const input = { config, io, argv: rest, migrate: command.migrateFirst !== false };
    return runWithDatabase(input, (db) => {
      const commandServices = composeCommandServices({
        db,
        config,
        clock: services.clock ?? createSystemClock(),
        random: services.random ?? createSecureRandom(),
        // A console command is not a request: it waits for the hasher instead of failing.
        hasher: patientHasher(services.hasher ?? createArgon2idHasher(config.argon2)),
        instance: hostname(),
      });
      return command.run(parsed, {
        ...commandServices,
        config,
        out: (line) => io.out(line),
        err: (line) => io.err(line),
      });
    });
  });
}

/** The server's side of the control socket: runs command lines against the server's own database and services. */
export function createServerCommandRunner(
  base: Omit<CommandContext, "out" | "err">,
): (argv: readonly string[], output: CommandOutput) => Promise<number> {
  return async (argv, output) => {
    const prepared = prepare(argv, output);
    if ("exit" in prepared) return prepared.exit;
    const { command, args } = prepared;
    if (command.kind === "process") {
      output.err(`sandi: "${command.name}" cannot run while the server holds the data directory.`);
      return EXIT.failed;
    }
    return runGuarded(command, output, async () => {
      const parsed = parseCommandArgs(command, args);
      if (command.kind === "config")
        return command.run(parsed, { config: base.config, configSource: null, io: output });
      return command.run(parsed, { ...base, out: (line) => output.out(line), err: (line) => output.err(line) });
    });
  };
}
