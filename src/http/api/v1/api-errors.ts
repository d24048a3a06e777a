/** The API's one error shape ({ code, message, requestId }), its error handler and its 404 handler. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type InvariantCode, InvariantError } from "../../../domain/invariants.js";
import { isReasonCode, REASONS, type ReasonCode } from "../../../domain/reasons.js";
import type { Translate } from "../../../i18n/i18n.js";
import { overloadOf } from "../../../lib/overload.js";

/** Codes the API answers with besides SPEC's SND-nnn reason codes. */
export type ApiErrorCode =
  | "request_invalid"
  | "browser_request_refused"
  | "body_too_large"
  | "media_type_unsupported"
  | "not_found"
  | "internal"
  | "flow_not_found"
  | "flow_changed"
  | "action_not_allowed"
  | "flow_blocked"
  | "overloaded"
  | InvariantCode;

/** The message id behind each code that is not a reason code (the pages' sentences; the code is what clients read). */
export const API_MESSAGE_KEYS = {
  request_invalid: "common.error.invalid_input",
  body_too_large: "common.error.too_large",
  media_type_unsupported: "common.error.bad_request",
  internal: "common.error.internal",
  browser_request_refused: "common.error.bad_request",
  not_found: "common.error.bad_request",
  flow_not_found: "reset.failed.message",
  flow_changed: "common.form_expired.message",
  action_not_allowed: "common.error.bad_request",
  flow_blocked: "reason.blocked",
  csrf_invalid: "common.form_expired.message",
  origin_invalid: "common.error.cross_site",
  overloaded: "common.error.overloaded",
} as const satisfies Record<ApiErrorCode, string>;

const INVARIANT_STATUS = {
  csrf_invalid: 403,
  origin_invalid: 403,
  action_not_allowed: 409,
  flow_not_found: 404,
} as const satisfies Record<InvariantCode, number>;

/** The request's translate function; the code itself if the language hook never ran (a very early failure). */
function translatorOf(request: FastifyRequest): Translate {
  const t = request.t as Translate | null;
  return t ?? ((key) => key);
}

/** The sentence for `code` in the request's language. */
export function apiMessage(
  request: FastifyRequest,
  code: ApiErrorCode | ReasonCode,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const key = isReasonCode(code) ? REASONS[code].userMessage : API_MESSAGE_KEYS[code];
  return translatorOf(request)(key, values);
}

/** Sends `{ code, message, requestId }` with `status`. */
export function sendApiError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ApiErrorCode | ReasonCode,
  values: Readonly<Record<string, string | number>> = {},
): FastifyReply {
  return reply.status(status).send({ code, message: apiMessage(request, code, values), requestId: request.id });
}

/**
 * 503 with Retry-After when Sandi is at capacity (its hasher or database queue is full): RFC 9457 problem details
 * with the API's own code, message and request id beside them.
 */
export function sendOverloaded(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const message = apiMessage(request, "overloaded");
  return reply.status(503).header("retry-after", String(retryAfterSeconds)).type("application/problem+json").send({
    type: "about:blank",
    title: "Service Unavailable",
    status: 503,
    detail: message,
    code: "overloaded",
    message,
    requestId: request.id,
  });
}

/** A failure the client caused (validation, body size, media type, malformed JSON), or null. */
function clientFailure(error: unknown): { status: number; code: ApiErrorCode } | null {
  if (typeof error !== "object" || error === null) return null;
  const { validation, statusCode } = error as Partial<FastifyError>;
  if (validation !== undefined) return { status: 400, code: "request_invalid" };
  if (typeof statusCode !== "number" || statusCode < 400 || statusCode >= 500) return null;
  if (statusCode === 413) return { status: 413, code: "body_too_large" };
  if (statusCode === 415) return { status: 415, code: "media_type_unsupported" };
  return { status: 400, code: "request_invalid" };
}

/** Installs the context's error handler (never a stack, always a code and the request id) and its JSON 404. */
export function registerApiErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof InvariantError) {
      request.log.warn({ code: error.code }, "invariant broken");
      return sendApiError(request, reply, INVARIANT_STATUS[error.code], error.code);
    }
    const overload = overloadOf(error);
    if (overload !== null) {
      request.log.warn({ err: overload.message }, "shed: at capacity");
      return sendOverloaded(request, reply, overload.retryAfterSeconds);
    }
    const failure = clientFailure(error);
    if (failure !== null) return sendApiError(request, reply, failure.status, failure.code);
    request.log.error({ err: error }, "unhandled failure");
    return sendApiError(request, reply, 500, "internal");
  });
  app.setNotFoundHandler(async (request, reply) => sendApiError(request, reply, 404, "not_found"));
}
