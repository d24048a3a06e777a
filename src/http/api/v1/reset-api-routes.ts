/** The reset journey as JSON, on the same service calls as the pages; the flow token travels as a bearer token. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TSchema } from "typebox";
import { summariseClient } from "../../../domain/audit-events.js";
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { FlowCaller } from "../../../domain/flows/reset/reset-deps.js";
import type { StepOutcome } from "../../../domain/flows/reset/reset-service.js";
import type { IdentifyCaller, StartFailure } from "../../../domain/flows/reset/identify-step.js";
import { InvariantError } from "../../../domain/invariants.js";
import { IDENTIFY_PER_IP } from "../../../domain/policies/attempt-policy.js";
import type { AppServices } from "../../app-services.js";
import { formatDateTime } from "../../views/format-time.js";
import { apiMessage, sendApiError } from "./api-errors.js";
import {
  Bodies,
  type CaptchaChallenge,
  captchaResponses,
  LangQuery,
  startResponses,
  stepResponses,
  viewResponses,
} from "./api-schemas.js";
import { retryAfterSeconds, toFlowJson, toMessages } from "./flow-json.js";

export interface ResetApiOptions {
  readonly services: AppServices;
  /** Benchmarks only: the service accepts any CAPTCHA (see AppOptions.skipCaptcha). */
  readonly skipCaptcha: boolean;
}

type Services = AppServices;

const FAILURE_STATUS = {
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

function identifyCaller(request: FastifyRequest): IdentifyCaller {
  const client = summariseClient(request.headers["user-agent"]);
  return { ip: request.ip, client, lang: request.lang, startedAt: new Date() };
}

function apiCaller(request: FastifyRequest): FlowCaller {
  return { ...identifyCaller(request), handle: bearerToken(request.headers.authorization), csrf: "api" };
}

/** 429 with Retry-After while the flow is blocked (SPEC §8.1); null when it is not. */
function sendIfBlocked(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  view: FlowView,
): FastifyReply | null {
  const seconds = retryAfterSeconds(view, services.clock.now());
  if (seconds === null || view.blockedUntil === null) return null;
  const message = apiMessage(request, "flow_blocked", { time: formatDateTime(view.blockedUntil, request.lang) });
  const body = { code: "flow_blocked", message, requestId: request.id, flow: toFlowJson(view, request.t) };
  return reply.status(429).header("retry-after", String(seconds)).send(body);
}

function sendStep(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: StepOutcome,
): FastifyReply {
  if (!outcome.ok) {
    if (outcome.reason === "csrf_invalid") throw new InvariantError("csrf_invalid", "API callers carry no CSRF token");
    return sendApiError(request, reply, FAILURE_STATUS[outcome.reason], outcome.reason);
  }
  const { view, notices } = outcome.value;
  const body = { flow: toFlowJson(view, request.t), messages: toMessages(view, notices, request.t) };
  return sendIfBlocked(services, request, reply, view) ?? reply.status(200).send(body);
}

async function sendStartFailure(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  reason: StartFailure,
) {
  if (reason === "SND-305") {
    reply.header("retry-after", String(IDENTIFY_PER_IP.blockWindowSeconds));
    return sendApiError(request, reply, 429, reason);
  }
  if (reason === "SND-104" || reason === "SND-105") {
    const site = await services.siteInfo();
    return sendApiError(request, reply, 503, reason, { org: site.orgName });
  }
  return sendApiError(request, reply, 400, reason);
}

const FLOW_SECURITY = [{ flowToken: [] }];

/** Route options of a step: its body, the flow token, and the step responses. */
function step<Body extends TSchema>(body: Body, summary: string) {
  const schema = {
    tags: ["reset"],
    summary,
    security: FLOW_SECURITY,
    querystring: LangQuery,
    body,
    response: stepResponses,
  };
  return { schema };
}

/** Refuses anything a browser would send: the API reads no cookies, and cross-site calls carry an Origin. */
async function refuseBrowsers(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.headers.cookie === undefined && request.headers.origin === undefined) return undefined;
  return sendApiError(request, reply, 400, "browser_request_refused");
}

/** Registers the CAPTCHA challenge, POST /reset/flows and the /reset/flow steps. */
export async function resetApiRoutes(instance: FastifyInstance, options: ResetApiOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services } = options;
  const { reset } = services;
  app.addHook("onRequest", refuseBrowsers);
  const captchaSchema = {
    tags: ["captcha"],
    summary: "A proof-of-work challenge",
    querystring: LangQuery,
    response: captchaResponses,
  };
  app.get("/captcha/challenge", { schema: captchaSchema }, async (request, reply) => {
    const hard = await reset.isCaptchaHardFor(request.ip);
    // The captcha service returns altcha-lib's Challenge, typed as `object` on the way through compose.ts.
    const challenge = (await services.captcha.createChallenge({ hard })) as CaptchaChallenge;
    return reply.header("cache-control", "no-store").send(challenge);
  });
  const startSchema = {
    tags: ["reset"],
    summary: "Start a reset",
    querystring: LangQuery,
    body: Bodies.start,
    response: startResponses,
  };
  app.post("/reset/flows", { schema: startSchema }, async (request, reply) => {
    const captcha = options.skipCaptcha ? "skip" : request.body.captcha;
    const outcome = await reset.start({ typedUserId: request.body.userId, captcha, caller: identifyCaller(request) });
    if (!outcome.ok) return sendStartFailure(services, request, reply, outcome.reason);
    const { view, handle } = outcome.value;
    const body = { flowToken: handle, flow: toFlowJson(view, request.t) };
    return sendIfBlocked(services, request, reply, view) ?? reply.status(201).send(body);
  });
  const viewSchema = {
    tags: ["reset"],
    summary: "The flow",
    security: FLOW_SECURITY,
    querystring: LangQuery,
    response: viewResponses,
  };
  app.get("/reset/flow", { schema: viewSchema }, async (request, reply) => {
    const outcome = await reset.view(bearerToken(request.headers.authorization));
    if (!outcome.ok) return sendApiError(request, reply, FAILURE_STATUS[outcome.reason], outcome.reason);
    const { view } = outcome.value;
    return sendIfBlocked(services, request, reply, view) ?? reply.status(200).send(toFlowJson(view, request.t));
  });
  await app.register(stepRoutes, options);
}

/** The POST /reset/flow/* steps: each one service call, its outcome mapped by sendStep. */
function stepRoutes(instance: FastifyInstance, options: ResetApiOptions, done: () => void): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services } = options;
  const { reset } = services;
  const send = (request: FastifyRequest, reply: FastifyReply, outcome: StepOutcome) =>
    sendStep(services, request, reply, outcome);
  app.post("/reset/flow/method", step(Bodies.method, "Choose a method"), async (request, reply) =>
    send(request, reply, await reset.chooseMethod(apiCaller(request), request.body.method)),
  );
  app.post("/reset/flow/contact", step(Bodies.contact, "Type the registered address"), async (request, reply) =>
    send(request, reply, await reset.submitContact(apiCaller(request), request.body.address)),
  );
  app.post("/reset/flow/code", step(Bodies.code, "Submit the code"), async (request, reply) =>
    send(request, reply, await reset.submitCode(apiCaller(request), request.body.code)),
  );
  app.post("/reset/flow/resend", step(Bodies.empty, "Send the code again"), async (request, reply) =>
    send(request, reply, await reset.resendCode(apiCaller(request))),
  );
  app.post("/reset/flow/back", step(Bodies.empty, "Choose another method"), async (request, reply) =>
    send(request, reply, await reset.back(apiCaller(request))),
  );
  app.post("/reset/flow/cancel", step(Bodies.empty, "Cancel the reset"), async (request, reply) =>
    send(request, reply, await reset.cancel(apiCaller(request))),
  );
  app.post("/reset/flow/password", step(Bodies.password, "Set the new password"), async (request, reply) =>
    send(request, reply, await reset.submitPassword(apiCaller(request), request.body)),
  );
  done();
}
