/**
 * Fastify's own schema compilers (Ajv for validation, fast-json-stringify for responses), with each compiled function
 * kept per schema object for the life of the process. Building an app compiles every route's schemas; a server builds
 * one app and gains nothing, but the test suite builds an app for nearly every test from the same module-level schema
 * objects, and compiling them was about 40 % of each build. A schema object met again with the same shared schemas,
 * options and part of the request gets the function compiled the first time.
 */
import ajvCompiler from "@fastify/ajv-compiler";
import serializerCompiler from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>;

/** A compiler factory as both of Fastify's are shaped: (shared schemas, options) → (route) → compiled function. */
type Factory = (externalSchemas: never, options: never) => (route: never) => unknown;

/** The route fields the cache reads: the schema object, and the request part Ajv coerces differently. */
interface RouteSchema {
  readonly schema: object;
  readonly httpPart?: string;
}

/** What else a compiled function depends on besides its schema: the shared schemas' ids and the options. */
function contextKey(externalSchemas: unknown, options: unknown): string {
  const ids = typeof externalSchemas === "object" && externalSchemas !== null ? Object.keys(externalSchemas) : [];
  return JSON.stringify([ids.toSorted(), options ?? null]);
}

function cached<F extends Factory>(build: F): F {
  const compiled = new WeakMap<object, Map<string, unknown>>();
  const factory = (externalSchemas: never, options: never) => {
    const compile = build(externalSchemas, options);
    const context = contextKey(externalSchemas, options);
    return (route: RouteSchema) => {
      const key = `${context}|${route.httpPart ?? ""}`;
      const bySchema = compiled.get(route.schema) ?? new Map<string, unknown>();
      compiled.set(route.schema, bySchema);
      if (!bySchema.has(key)) bySchema.set(key, compile(route as never));
      return bySchema.get(key);
    };
  };
  return factory as unknown as F;
}

/** Fastify's `schemaController.compilersFactory`, compiling each schema object once per process. */
export const cachedCompilers: CompilersFactory = {
  buildSerializer: cached(serializerCompiler()),
  buildValidator: cached(ajvCompiler()),
};
