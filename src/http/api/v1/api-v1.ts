/** JSON API v1: an encapsulated context with strict TypeBox validation, its own error handler and its OpenAPI document. */
import swagger from "@fastify/swagger";
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import Type, { type TSchema } from "typebox";
import type { AppOptions, AppServices } from "../../app-services.js";
import { registerApiErrorHandling } from "./api-errors.js";
import { SHARED_SCHEMAS } from "./api-schemas.js";
import { resetApiRoutes } from "./reset-api-routes.js";
import { adminApi } from "./admin/admin-api.js";
import { ADMIN_API_SCHEMAS, ADMIN_API_TAGS } from "./admin/admin-api-schemas.js";
import { ADMIN_RESPONSE_SCHEMAS } from "./admin/admin-response-schemas.js";

/** Where build-app.ts mounts this context; the OpenAPI paths include it. */
export const API_V1_PREFIX = "/api/v1";

/**
 * TypeBox's own checker, not Fastify's Ajv: no type coercion and no silent removal of unknown properties, so
 * `{"code": 12345678}` or an extra field is a 400. A body-less POST counts as `{}`.
 */
const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route);
  if (route.httpPart !== "body") return validate;
  return (value: unknown) => validate(value ?? {});
};

const OPENAPI = {
  // Shared schemas keep their $id as their component name.
  refResolver: {
    buildLocalReference: (json: { $id?: unknown }, _baseUri: unknown, _fragment: unknown, index: number) =>
      typeof json.$id === "string" ? json.$id : `def-${index}`,
  },
  openapi: {
    openapi: "3.1.0",
    info: {
      title: "Sandi self-service password reset API",
      version: "1.0.0",
      description:
        "The reset journey of the pages as JSON, and the admin API (/api/v1/admin, with an admin token). Start with a solved CAPTCHA, then send the flow token as " +
        "`Authorization: Bearer <flowToken>`. Requests that carry a Cookie or an Origin header are refused: " +
        "this API is for programs, not browsers. Texts follow Accept-Language or `?lang=`.",
    },
    tags: [
      { name: "captcha", description: "The proof-of-work challenge that starting a reset needs." },
      { name: "reset", description: "The reset flow, step by step." },
      ...ADMIN_API_TAGS,
    ],
    components: {
      securitySchemes: {
        flowToken: { type: "http" as const, scheme: "bearer" },
        adminToken: {
          type: "http" as const,
          scheme: "bearer",
          description:
            "An admin API token (`sandi_at_…`) a global admin created with a role, an optional group scope and an " +
            "expiry (/admin/tokens or `sandi token create`). Requests with a Cookie or an Origin are refused.",
        },
      },
    },
  },
};

const OpenApiDocument = Type.Object({}, { additionalProperties: true });

/** Registers /api/v1 (mounted with `prefix: API_V1_PREFIX`). */
export async function apiV1(
  instance: FastifyInstance,
  context: { services: AppServices; options: AppOptions },
): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // JSON only: the root's form and text parsers do not reach this context (anything else is a 415).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, app.getDefaultJsonParser("error", "error"));
  registerApiErrorHandling(app);
  // The language plugin remembers ?lang= in a cookie; an API client gets no cookies.
  app.addHook("onSend", async (_request, reply) => {
    reply.removeHeader("set-cookie");
  });
  for (const schema of [...SHARED_SCHEMAS, ...ADMIN_API_SCHEMAS, ...ADMIN_RESPONSE_SCHEMAS]) app.addSchema(schema);
  await app.register(swagger, OPENAPI);
  app.get("/openapi.json", { schema: { hide: true, response: { 200: OpenApiDocument } } }, (_request, reply) =>
    reply.send(app.swagger()),
  );
  await app.register(adminApi, { prefix: "/admin", services: context.services });
  const { skipCaptcha, eventLoopLagLimitMilliseconds } = context.options;
  await app.register(resetApiRoutes, {
    services: context.services,
    skipCaptcha,
    ...(eventLoopLagLimitMilliseconds === undefined ? {} : { eventLoopLagLimitMilliseconds }),
  });
}
