/** `SANDI_*` environment overrides: SANDI_ + upper-case key path, `__` between levels; `DATABASE_URL` is an alias. */
import Type, { type TSchema } from "typebox";
import { childSchema, isPlainObject, propertyNames } from "./config-schema-walk.js";

/** One problem found in the configuration, at a dotted key path (or an environment variable's name). */
export interface ConfigError {
  readonly path: string;
  readonly message: string;
}

/** What the environment sets: values by dotted path, and which variable set each path. */
export interface EnvOverrides {
  readonly values: { readonly path: readonly string[]; readonly value: unknown }[];
  readonly origins: ReadonlyMap<string, string>;
  readonly errors: ConfigError[];
}

const PREFIX = "SANDI_";
/** Variables with the prefix that are not configuration keys: the file's path and the test harness's own. */
const NOT_KEYS = (name: string): boolean => name === "SANDI_CONFIG" || name.startsWith("SANDI_TEST_");
const NUMERIC = /^-?\d+(\.\d+)?$/;
const TRUE_WORDS = ["true", "yes", "on", "1"];
const FALSE_WORDS = ["false", "no", "off", "0"];

function coerceBoolean(raw: string): boolean | string {
  const lower = raw.trim().toLowerCase();
  if (TRUE_WORDS.includes(lower)) return true;
  if (FALSE_WORDS.includes(lower)) return false;
  return raw;
}

function coerceUnion(variants: readonly TSchema[], raw: string): unknown {
  const lower = raw.trim().toLowerCase();
  if (variants.some((variant) => Type.IsNull(variant)) && (lower === "" || lower === "null")) return null;
  if (variants.some((variant) => Type.IsLiteral(variant) && variant.const === raw)) return raw;
  if (variants.some((variant) => Type.IsInteger(variant) || Type.IsNumber(variant)) && NUMERIC.test(raw.trim()))
    return Number(raw);
  if (variants.some((variant) => Type.IsBoolean(variant))) {
    const flag = coerceBoolean(raw);
    if (typeof flag === "boolean") return flag;
  }
  return raw;
}

/** Turns an environment string into the type the schema wants; left as a string when it cannot (validation says why). */
export function coerceEnvValue(schema: TSchema, raw: string): unknown {
  if (Type.IsUnion(schema)) return coerceUnion(schema.anyOf, raw);
  if (Type.IsInteger(schema) || Type.IsNumber(schema)) return NUMERIC.test(raw.trim()) ? Number(raw) : raw;
  if (Type.IsBoolean(schema)) return coerceBoolean(raw);
  if (Type.IsNull(schema)) return raw.trim().toLowerCase() === "null" || raw === "" ? null : raw;
  if (Type.IsArray(schema)) {
    if (raw.trim() === "") return [];
    return raw.split(",").map((item) => coerceEnvValue(schema.items, item.trim()));
  }
  return raw;
}

type Resolved = { ok: true; path: string[]; schema: TSchema } | { ok: false; message: string };

/** Maps `SMTP__HOST` to `["smtp", "host"]`, matching schema keys case-insensitively. */
function resolveSegments(root: TSchema, segments: readonly string[]): Resolved {
  const path: string[] = [];
  let schema = root;
  for (const [index, segment] of segments.entries()) {
    if (Type.IsRecord(schema)) {
      // A record's keys are free-form: the rest of the name, lower-cased, joined by dots.
      path.push(segments.slice(index).join(".").toLowerCase());
      return { ok: true, path, schema: Type.RecordValue(schema) };
    }
    const key = propertyNames(schema).find((name) => name.toUpperCase() === segment.toUpperCase());
    const child = key === undefined ? null : childSchema(schema, key);
    if (key === undefined || child === null) return { ok: false, message: "is not a configuration key" };
    path.push(key);
    schema = child;
  }
  if (Type.IsObject(schema)) return { ok: false, message: "names a section: set one of its keys (…__KEY)" };
  return { ok: true, path, schema };
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isPlainObject(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

/** Reads every `SANDI_*` variable (and `DATABASE_URL`) into values at schema paths. */
export function readEnvOverrides(root: TSchema, env: NodeJS.ProcessEnv): EnvOverrides {
  const values: { path: string[]; value: unknown }[] = [];
  const origins = new Map<string, string>();
  const errors: ConfigError[] = [];
  const add = (name: string, segments: readonly string[], raw: string): void => {
    const resolved = resolveSegments(root, segments);
    if (!resolved.ok) {
      errors.push({ path: name, message: resolved.message });
      return;
    }
    values.push({ path: resolved.path, value: coerceEnvValue(resolved.schema, raw) });
    origins.set(resolved.path.join("."), name);
  };
  const alias = env.DATABASE_URL;
  if (alias !== undefined && alias !== "" && env.SANDI_DATABASE__URL === undefined)
    add("DATABASE_URL", ["DATABASE", "URL"], alias);
  for (const name of Object.keys(env).sort()) {
    const raw = env[name];
    if (!name.startsWith(PREFIX) || NOT_KEYS(name) || raw === undefined) continue;
    add(name, name.slice(PREFIX.length).split("__"), raw);
  }
  return { values, origins, errors };
}

/** Applies the overrides onto a copy of the file's values; the environment wins. */
export function applyEnvOverrides(
  fileValues: Record<string, unknown>,
  overrides: EnvOverrides,
): Record<string, unknown> {
  const merged = structuredClone(fileValues);
  for (const { path, value } of overrides.values) setAt(merged, path, value);
  return merged;
}
