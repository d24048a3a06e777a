/** Loads the configuration: `sandi.yaml` (or --config / SANDI_CONFIG), then `SANDI_*` overrides; validated and frozen. */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Value from "typebox/value";
import { parseDocument } from "yaml";
import { type Config, ConfigSchema } from "./config.schema.js";
import { applyEnvOverrides, type ConfigError, readEnvOverrides } from "./config-env.js";
import { isPlainObject } from "./config-schema-walk.js";
import { findUnknownKeys, findValueErrors } from "./config-validate.js";

export type { ConfigError } from "./config-env.js";
export { REDACTED, redactConfig } from "./redact-config.js";

/** The file read when neither --config nor SANDI_CONFIG names one. */
export const DEFAULT_CONFIG_FILE = "sandi.yaml";

export interface LoadConfigInput {
  /** The `--config` argument; the file must exist. */
  readonly argvConfigPath?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where `sandi.yaml` and relative paths are looked up. */
  readonly cwd: string;
}

export type LoadConfigResult =
  | { ok: true; config: Readonly<Config>; source: string | null }
  | { ok: false; errors: ConfigError[] };

type FileRead =
  | { ok: true; values: Record<string, unknown>; source: string | null }
  | { ok: false; errors: ConfigError[] };

function parseYaml(text: string, source: string): FileRead {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    const errors = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const where = position === undefined ? source : `${source}:${position.line}:${position.col}`;
      const firstLine = error.message.split("\n")[0] ?? error.message;
      return { path: where, message: firstLine.replace(/ at line \d+, column \d+:?$/, "") };
    });
    return { ok: false, errors };
  }
  const values: unknown = document.toJS();
  if (values === null || values === undefined) return { ok: true, values: {}, source };
  if (!isPlainObject(values))
    return { ok: false, errors: [{ path: source, message: "must be a YAML mapping of keys" }] };
  return { ok: true, values, source };
}

function readConfigFile(input: LoadConfigInput): FileRead {
  const named = input.argvConfigPath ?? input.env.SANDI_CONFIG;
  const origin = input.argvConfigPath === undefined ? "SANDI_CONFIG" : "--config";
  const path = resolve(input.cwd, named ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (named === undefined) return { ok: true, values: {}, source: null };
    return { ok: false, errors: [{ path: origin, message: `configuration file ${path} does not exist` }] };
  }
  try {
    return parseYaml(readFileSync(path, "utf8"), path);
  } catch (error) {
    return { ok: false, errors: [{ path, message: `cannot read: ${(error as Error).message}` }] };
  }
}

function withOrigin(error: ConfigError, origins: ReadonlyMap<string, string>): ConfigError {
  for (const [path, variable] of origins)
    if (error.path === path || error.path.startsWith(`${path}.`))
      return { ...error, message: `${error.message} (from ${variable})` };
  return error;
}

/** Freezes an object graph so nobody changes the configuration after start. */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Reads, merges, defaults and validates the configuration; lists every error with its path. */
export function loadConfig(input: LoadConfigInput): LoadConfigResult {
  const file = readConfigFile(input);
  const overrides = readEnvOverrides(ConfigSchema, input.env);
  if (!file.ok) return { ok: false, errors: [...file.errors, ...overrides.errors] };
  const merged = applyEnvOverrides(file.values, overrides);
  const unknown = findUnknownKeys(ConfigSchema, merged);
  const withDefaults = Value.Default(ConfigSchema, merged);
  const invalid = findValueErrors(ConfigSchema, withDefaults).map((error) => withOrigin(error, overrides.origins));
  const errors = [...overrides.errors, ...unknown, ...invalid];
  if (errors.length > 0) return { ok: false, errors };
  if (!Value.Check(ConfigSchema, withDefaults)) return { ok: false, errors: [{ path: "(root)", message: "invalid" }] };
  return { ok: true, config: deepFreeze(withDefaults), source: file.source };
}
