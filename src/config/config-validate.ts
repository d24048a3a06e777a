/** Checks configuration values against the schema and lists every problem with its dotted path. */
import Type, { type TSchema } from "typebox";
import Value from "typebox/value";
import type { ConfigError } from "./config-env.js";
import { childSchema, isPlainObject, kindMatches, kindName, propertyNames } from "./config-schema-walk.js";

function joinPath(path: readonly string[]): string {
  return path.length === 0 ? "(root)" : path.join(".");
}

function suggestion(schema: TSchema, key: string): string {
  const names = propertyNames(schema);
  const close = names.find((name) => name.toLowerCase() === key.toLowerCase().replaceAll(/[_-]/g, ""));
  return close === undefined ? `known keys: ${names.join(", ")}` : `did you mean "${close}"?`;
}

/** Keys the schema does not know, at any depth (TypeBox's defaults would silently keep them). */
export function findUnknownKeys(schema: TSchema, value: unknown, path: readonly string[] = []): ConfigError[] {
  if (!Type.IsObject(schema) || !isPlainObject(value)) return [];
  const errors: ConfigError[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childType = childSchema(schema, key);
    if (childType === null)
      errors.push({ path: joinPath([...path, key]), message: `unknown key (${suggestion(schema, key)})` });
    else errors.push(...findUnknownKeys(childType, child, [...path, key]));
  }
  return errors;
}

/** One message per failing value, worded for people: unions name their choices instead of listing each miss. */
function describeLeaf(schema: TSchema, value: unknown): string[] {
  if (Type.IsUnion(schema)) {
    const variants = schema.anyOf;
    if (variants.every((variant) => Type.IsLiteral(variant)))
      return [`must be one of ${variants.map((variant) => JSON.stringify(variant.const)).join(", ")}`];
    const matching = variants.filter((variant) => kindMatches(variant, value));
    const [only] = matching;
    if (matching.length === 1 && only !== undefined) return describeLeaf(only, value);
    return [`must be ${kindName(schema)}`];
  }
  if (!kindMatches(schema, value)) return [`must be ${kindName(schema)}`];
  const messages = Value.Errors(schema, value)
    .filter((error) => error.instancePath === "")
    .map((error) => error.message);
  return [...new Set(messages)];
}

function containerEntries(schema: TSchema, value: unknown): [string, TSchema, unknown][] | null {
  if (Type.IsObject(schema) && isPlainObject(value))
    return Object.entries(schema.properties).map(([key, child]) => [key, child, value[key]]);
  if (Type.IsRecord(schema) && isPlainObject(value)) {
    const child = Type.RecordValue(schema);
    return Object.entries(value).map(([key, entry]) => [key, child, entry]);
  }
  if (Type.IsArray(schema) && Array.isArray(value))
    return value.map((item: unknown, index) => [String(index), schema.items, item]);
  return null;
}

/** Every value that breaks its schema, walking objects, records and lists so no error hides another. */
export function findValueErrors(schema: TSchema, value: unknown, path: readonly string[] = []): ConfigError[] {
  const entries = containerEntries(schema, value);
  if (entries === null) {
    if (value === undefined) return [{ path: joinPath(path), message: "is required" }];
    if (Value.Check(schema, value)) return [];
    return describeLeaf(schema, value).map((message) => ({ path: joinPath(path), message }));
  }
  const errors: ConfigError[] = [];
  for (const [key, child, entry] of entries) {
    if (entry === undefined && Type.IsObject(schema) && !schema.required.includes(key)) continue;
    errors.push(...findValueErrors(child, entry, [...path, key]));
  }
  // Limits on the container itself (minItems, maxProperties…) once its entries are all fine.
  if (errors.length === 0 && !Value.Check(schema, value))
    return describeLeaf(schema, value).map((message) => ({ path: joinPath(path), message }));
  return errors;
}
