/** How the reset API answers: the caller from the bearer token, and each service outcome as a status and JSON body. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { summariseClient } from "../../../domain/audit-events.js";
import type { IdentifyCaller, StartRefusal } from "../../../domain/flows/reset/identify-step.js";
import type { FlowCaller, FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { StepOutcome } from "../../../domain/flows/reset/reset-service.js";
import { InvariantError } from "../../../domain/invariants.js";
import type { AppServices } from "../../app-services.js";
import { secondsUntil } from "../../retry-after.js";
import { formatDateTime } from "../../views/format-time.js";
import { apiMessage, sendApiError } from "./api-errors.js";
import { retryAfterSeconds, toFlowJson, toMessages } from "./flow-json.js";

/** The status of each flow failure a step can return. */
export const FAILURE_STATUS = {
  flow_not_found: 404,
  "SND-212": 410,
  flow_changed: 409,
  action_not_allowed: 409,
  "SND-210": 422,
  "SND-211": 422,
} as const;

const BEARER = /^Bearer +([A-Za-z0-9_.-]{1,512}) *$/i;

/** The flow token from `Authorization: Bearer …`; undefined when absent or not shaped like one. */
export function bearerToken(header: string | undefined): string | undefined {
  return BEARER.exec(header ?? "")?.[1];
}

/** Who starts a flow: the client as the audit log records it. */
export function identifyCaller(request: FastifyRequest): IdentifyCaller {
  const client = summariseClient(request.headers["user-agent"]);
  return { ip: request.ip, client, lang: request.lang, startedAt: request.startedAt };
}

/** Who acts on a flow: the bearer token instead of the pages' cookie and form token. */
export function apiCaller(request: FastifyRequest): FlowCaller {
  return { ...identifyCaller(request), handle: bearerToken(request.headers.authorization), csrf: "api" };
}

/** 429 with Retry-After while the flow is blocked (SPEC §8.1); null when it is not. */
export function sendIfBlocked(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  view: FlowView,
): FastifyReply | null {
  const seconds = retryAfterSeconds(view, services.clock.now());
  if (seconds === null || view.blockedUntil === null) return null;
  const message = apiMessage(request, "flow_blocked", {
    time: formatDateTime(view.blockedUntil, request.lang, request.timeZone),
  });
  const body = {
    code: "flow_blocked",
    message,
    requestId: request.id,
    flow: toFlowJson(view, request.t, request.lang),
  };
  return reply.status(429).header("retry-after", String(seconds)).send(body);
}

/** 200 with the flow and its messages, 429 while blocked, or the failure's status and code. */
export function sendStep(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: StepOutcome,
): FastifyReply {
  if (!outcome.ok) {
    if (outcome.reason === "csrf_invalid") throw new InvariantError("csrf_invalid", "API callers carry no CSRF token");
    return sendApiError(request, reply, FAILURE_STATUS[outcome.reason], outcome.reason);
  }
  const view = outcome.value.view();
  const { notices } = outcome.value;
  const body = { flow: toFlowJson(view, request.t, request.lang), messages: toMessages(view, notices, request.t) };
  return sendIfBlocked(services, request, reply, view) ?? reply.status(200).send(body);
}

/** The refusal of a start: 429 until the IP's block ends for SND-305, 503 while reset is off or unset, else 400. */
export async function sendStartFailure(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: StartRefusal,
): Promise<FastifyReply> {
  const { reason } = refusal;
  if (refusal.reason === "SND-305") {
    const { blockedUntil } = refusal;
    reply.header("retry-after", String(secondsUntil(blockedUntil, services.clock.now())));
    return sendApiError(request, reply, 429, reason, {
      time: formatDateTime(blockedUntil, request.lang, request.timeZone),
    });
  }
  if (reason === "SND-104" || reason === "SND-105") {
    const site = await services.siteInfo();
    return sendApiError(request, reply, 503, reason, { org: site.orgName });
  }
  return sendApiError(request, reply, 400, reason);
}
