/** Small helpers that walk the TypeBox config schema: find a key, name a type, test a value's JSON kind. */
import Type, { type TSchema } from "typebox";

/** A plain (non-array, non-null) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema's property names (an object schema), or an empty list. */
export function propertyNames(schema: TSchema): string[] {
  return Type.IsObject(schema) ? Object.keys(schema.properties) : [];
}

/** The child schema for `key`: a property of an object, the value schema of a record, or null. */
export function childSchema(schema: TSchema, key: string): TSchema | null {
  if (Type.IsObject(schema)) return Object.hasOwn(schema.properties, key) ? (schema.properties[key] ?? null) : null;
  if (Type.IsRecord(schema)) return Type.RecordValue(schema);
  return null;
}

/** True when `value` has the JSON kind `schema` describes (ignoring its limits). */
export function kindMatches(schema: TSchema, value: unknown): boolean {
  if (Type.IsNull(schema)) return value === null;
  if (Type.IsLiteral(schema)) return typeof value === typeof schema.const;
  if (Type.IsString(schema)) return typeof value === "string";
  if (Type.IsInteger(schema) || Type.IsNumber(schema)) return typeof value === "number";
  if (Type.IsBoolean(schema)) return typeof value === "boolean";
  if (Type.IsArray(schema)) return Array.isArray(value);
  if (Type.IsObject(schema) || Type.IsRecord(schema)) return isPlainObject(value);
  if (Type.IsUnion(schema)) return schema.anyOf.some((variant) => kindMatches(variant, value));
  return true;
}

/** How an error message names the kind of value a schema wants. */
export function kindName(schema: TSchema): string {
  if (Type.IsNull(schema)) return "null";
  if (Type.IsLiteral(schema)) return JSON.stringify(schema.const);
  if (Type.IsString(schema)) return "a string";
  if (Type.IsInteger(schema)) return "an integer";
  if (Type.IsNumber(schema)) return "a number";
  if (Type.IsBoolean(schema)) return "true or false";
  if (Type.IsArray(schema)) return "a list";
  if (Type.IsUnion(schema)) return schema.anyOf.map(kindName).join(" or ");
  return "a mapping";
}
