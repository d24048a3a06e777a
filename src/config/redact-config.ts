/** A copy of the configuration safe to print: secrets replaced by "[redacted]". */
import Type, { type TSchema } from "typebox";
import { type Config, ConfigSchema } from "./config.schema.js";
import { childSchema, isPlainObject } from "./config-schema-walk.js";

/** What a redacted value reads as. */
export const REDACTED = "[redacted]";

function isSecret(schema: TSchema): boolean {
  return (schema as { secret?: unknown }).secret === true;
}

/** A database URL keeps its host and name; only its password (userinfo or `?password=`) is hidden. */
function redactUrlPassword(value: string): string | null {
  if (!/^postgres(ql)?:\/\//i.test(value) || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.password !== "") url.password = REDACTED;
  if (url.searchParams.has("password")) url.searchParams.set("password", REDACTED);
  return url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

function redactSecret(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return redactUrlPassword(value) ?? REDACTED;
  return REDACTED;
}

function redactNode(schema: TSchema, value: unknown): unknown {
  if (isSecret(schema)) return redactSecret(value);
  if (Array.isArray(value))
    return value.map((item: unknown) => (Type.IsArray(schema) ? redactNode(schema.items, item) : item));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  const keys = [...new Set([...(Type.IsObject(schema) ? Object.keys(schema.properties) : []), ...Object.keys(value)])];
  for (const key of keys.filter((name) => Object.hasOwn(value, name))) {
    const entry = value[key];
    const child = childSchema(schema, key);
    copy[key] = child === null ? entry : redactNode(child, entry);
  }
  return copy;
}

/** The configuration with every `secret: true` value (and any password inside a database URL) redacted. */
export function redactConfig(config: Readonly<Config>): Record<string, unknown> {
  return redactNode(ConfigSchema, config) as Record<string, unknown>;
}
