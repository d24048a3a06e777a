/**
 * `/api/v1/admin/…` (issue 12 item 8): the admin API, authorised by API tokens (ADR 0020) as
 * `Authorization: Bearer <token>`. It reads no cookie, so it needs no CSRF token, and refuses any request that
 * carries a Cookie or an Origin (a browser's, riding on a session). Each operation declares its capability
 * (`config: { capability }`), checked here before it runs, and calls the one domain service the portal and the CLI
 * call, with the token as the actor; every refusal of a known token is audited. An IP that sent too many refused
 * tokens (T2) is answered 429 before its tokens are looked up.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AdminActor, actorMay } from "../../../../domain/admin/admin-actor.js";
import { summariseClient } from "../../../../domain/client-summary.js";
import type { AppServices } from "../../../app-services.js";
import { needs } from "../../../route-capability.js";
import { bearerToken } from "../reset-api-replies.js";
import { ADMIN_ERROR_RESPONSES, ADMIN_SECURITY } from "./admin-api-schemas.js";
import { type AdminOperation, jsonOf, REFUSAL_STATUS } from "./admin-operation.js";
import { USER_OPERATIONS } from "./user-operations.js";
import { GROUP_OPERATIONS } from "./group-operations.js";
import { HELPDESK_OPERATIONS } from "./helpdesk-operations.js";
import { IMPORT_BODY_LIMIT, IMPORT_OPERATIONS } from "./import-operations.js";
import { POLICY_OPERATIONS } from "./policy-operations.js";
import { CALLER_OPERATIONS } from "./caller-operations.js";
import { AUDIT_OPERATIONS } from "./audit-operations.js";

/** Every operation of the admin API; a new domain service is one entry in one of these lists. */
export const ADMIN_OPERATIONS: readonly AdminOperation[] = [
  ...POLICY_OPERATIONS,
  ...USER_OPERATIONS,
  ...GROUP_OPERATIONS,
  ...IMPORT_OPERATIONS,
  ...HELPDESK_OPERATIONS,
  ...CALLER_OPERATIONS,
  ...AUDIT_OPERATIONS,
];

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: {
    code: string;
    key: string;
    violations?: readonly unknown[] | undefined;
    details?: Readonly<Record<string, unknown>> | undefined;
  },
): FastifyReply {
  const message = request.t(`admin_api.${error.key}`, { code: error.code });
  const extra = {
    ...(error.violations === undefined ? {} : { violations: jsonOf(error.violations) }),
    ...(error.details === undefined ? {} : { details: jsonOf(error.details) }),
  };
  return reply.status(status).send({ code: error.code, message, requestId: request.id, ...extra });
}

/** Who the request's token stands for, set by the onRequest hook before any handler runs. */
const actors = new WeakMap<FastifyRequest, AdminActor>();

async function authorise(services: AppServices, request: FastifyRequest, reply: FastifyReply) {
  if (request.headers.cookie !== undefined || request.headers.origin !== undefined)
    return sendError(request, reply, 400, { code: "browser_request_refused", key: "token_required" });
  const presented = bearerToken(request.headers.authorization);
  if (presented === undefined)
    return sendError(request, reply.header("www-authenticate", "Bearer"), 401, {
      code: "token_required",
      key: "token_required",
    });
  const caller = { ip: request.ip, client: summariseClient(request.headers["user-agent"]) };
  const actor = await services.adminActions.authenticateApiToken(presented, caller);
  if (!actor.ok && actor.reason === "rate_limited")
    return sendError(request, reply.header("retry-after", String(actor.retryAfterSeconds)), 429, {
      code: "rate_limited",
      key: "tokens_rate_limited",
    });
  if (!actor.ok)
    return sendError(request, reply.header("www-authenticate", 'Bearer error="invalid_token"'), 401, {
      code: "token_invalid",
      key: "token_invalid",
    });
  // Counted before the role check: a refused request costs the token as much as an accepted one.
  const admitted = await services.adminActions.admitApiRequest(actor.value);
  if (!admitted.admitted)
    return sendError(request, reply.header("retry-after", String(admitted.retryAfterSeconds)), 429, {
      code: "rate_limited",
      key: "rate_limited",
    });
  const capability = request.routeOptions.config.capability;
  if (capability === undefined || !actorMay(actor.value, capability)) {
    await services.adminActions.recordTokenForbidden(actor.value, request.routeOptions.url ?? request.url);
    return sendError(request, reply, 403, { code: "forbidden", key: "forbidden" });
  }
  actors.set(request, actor.value);
  return undefined;
}

function register(app: FastifyInstance, services: AppServices, entry: AdminOperation): void {
  const schema = {
    tags: [entry.tag],
    summary: entry.summary,
    operationId: entry.operationId,
    security: ADMIN_SECURITY,
    ...(entry.params === undefined ? {} : { params: entry.params }),
    ...(entry.querystring === undefined ? {} : { querystring: entry.querystring }),
    ...(entry.body === undefined ? {} : { body: entry.body }),
    ...(entry.consumes === undefined ? {} : { consumes: ["application/json", ...entry.consumes] }),
    response: { 200: entry.response, ...ADMIN_ERROR_RESPONSES },
  };
  app.route({
    method: entry.method,
    url: entry.url,
    schema,
    ...(entry.bodyLimit === undefined ? {} : { bodyLimit: entry.bodyLimit }),
    ...needs(entry.capability),
    handler: async (request, reply) => {
      const actor = actors.get(request);
      if (actor === undefined) throw new Error("admin API operation without its token check");
      const input = {
        actor,
        actions: services.adminActions,
        params: request.params,
        query: request.query,
        log: request.log,
      };
      const outcome = await entry.run({ ...input, body: request.body ?? {} });
      if (outcome.ok) return reply.header("cache-control", "no-store").send(jsonOf(outcome.value));
      if (outcome.reason === "forbidden") await services.adminActions.recordTokenForbidden(actor, entry.operationId);
      const status = REFUSAL_STATUS[outcome.reason] ?? 409;
      const key = status === 403 ? "forbidden" : status === 404 ? "not_found" : status === 422 ? "invalid" : "refused";
      const { violations, details } = outcome;
      return sendError(request, reply, status, { code: outcome.reason, key, violations, details });
    },
  });
}

/** Registers the admin API (mounted under /api/v1 with `prefix: "/admin"`). */
export async function adminApi(app: FastifyInstance, context: { services: AppServices }): Promise<void> {
  const { services } = context;
  app.addHook("onRequest", (request, reply) => authorise(services, request, reply));
  // The CSV import may send its file as text/csv; only this context parses it, with the import's larger limit.
  app.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: IMPORT_BODY_LIMIT }, (_request, text, done) => {
    done(null, text);
  });
  for (const entry of ADMIN_OPERATIONS) register(app, services, entry);
  await Promise.resolve();
}
