/** What every `sandi` command is handed, and how it declares its arguments. */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { CommandServices } from "../compose-admin.js";
import type { Config } from "../config/config.schema.js";

/** Output lines (no trailing newline): stdout and stderr, or the control socket's relay. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** The process around the CLI: its output, environment and working directory. */
export interface CliIo extends CommandOutput {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/**
 * Everything a database command needs: the admin services (the same the admin portal uses) and the migrations;
 * built by the CLI (direct run) or by the running server (control socket). No command touches the database itself.
 */
export interface CommandContext extends CommandOutput, CommandServices {
  readonly config: Readonly<Config>;
}

/** What `serve` and `worker` (the lead's modules) get: they run the process themselves. */
export interface ProcessCommandInput {
  readonly args: readonly string[];
  readonly config: Readonly<Config>;
  /** The file the configuration came from, or null for defaults and environment only. */
  readonly configSource: string | null;
  readonly io: CliIo;
  /** Builds the control socket's command runner (cli.ts hands in its own, so `serve` need not import cli.ts). */
  readonly serverCommandRunner: (
    base: Omit<CommandContext, "out" | "err">,
  ) => (argv: readonly string[], output: CommandOutput) => Promise<number>;
}

/** Parsed positionals and options of one command line. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

interface CommandBase {
  /** `user add`, `migrate`, … */
  readonly name: string;
  /** Arguments after the name, as the usage line shows them. */
  readonly usage: string;
  readonly summary: string;
  readonly options?: ParseArgsOptionsConfig;
  /** How many positionals it takes: exactly `min` … `max`. */
  readonly positionals: { readonly min: number; readonly max: number };
}

/** A command that works on the database. */
export interface DatabaseCommand extends CommandBase {
  readonly kind: "database";
  /** False for `migrate`, which runs the migrations itself and reports them. */
  readonly migrateFirst?: boolean;
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/** A command that needs only the (valid) configuration. */
export interface ConfigCommand extends CommandBase {
  readonly kind: "config";
  run(
    args: ParsedArgs,
    input: { config: Readonly<Config>; configSource: string | null; io: CommandOutput },
  ): Promise<number>;
}

/** `serve` and `worker`: loaded on demand and given the process. */
export interface ProcessCommand extends CommandBase {
  readonly kind: "process";
  load(): Promise<{ run(input: ProcessCommandInput): Promise<number> }>;
}

export type Command = DatabaseCommand | ConfigCommand | ProcessCommand;

/** Exit codes: success, failure, bad arguments. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown for bad arguments; the CLI prints the message and the usage line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses `argv` (after the command name) against the command's declaration; throws UsageError. */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const count = parsed.positionals.length;
  if (count < command.positionals.min) throw new UsageError("missing argument");
  if (count > command.positionals.max) throw new UsageError(`unexpected argument "${parsed.positionals.at(-1) ?? ""}"`);
  const options: Record<string, string | boolean | undefined> = {};
  for (const [key, value] of Object.entries(parsed.values)) options[key] = Array.isArray(value) ? value.at(-1) : value;
  return { positionals: parsed.positionals, options };
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === "string" ? value : undefined;
}

/** A string option that must be present; throws UsageError naming it. */
export function requiredOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

/** The positional at `index` (the command declared it as required). */
export function positional(args: ParsedArgs, index: number): string {
  const value = args.positionals[index];
  if (value === undefined) throw new UsageError("missing argument");
  return value;
}
