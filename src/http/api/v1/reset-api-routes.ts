/** The reset journey as JSON, on the same service calls as the pages; the flow token travels as a bearer token. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TSchema } from "typebox";
import type { StepOutcome } from "../../../domain/flows/reset/reset-service.js";
import type { AppServices } from "../../app-services.js";
import { shedWhenBehind } from "../../plugins/overload-shed.js";
import { sendApiError } from "./api-errors.js";
import {
  Bodies,
  type CaptchaChallenge,
  captchaResponses,
  LangQuery,
  startResponses,
  stepResponses,
  viewResponses,
} from "./api-schemas.js";
import { toFlowJson } from "./flow-json.js";
import {
  apiCaller,
  bearerToken,
  FAILURE_STATUS,
  identifyCaller,
  sendIfBlocked,
  sendStartFailure,
  sendStep,
} from "./reset-api-replies.js";

export interface ResetApiOptions {
  readonly services: AppServices;
  /** Benchmarks only: the service accepts any CAPTCHA (see AppOptions.skipCaptcha). */
  readonly skipCaptcha: boolean;
  readonly eventLoopLagLimitMilliseconds?: number;
}

const FLOW_SECURITY = [{ flowToken: [] }];

/** Route options of a step: its body, the flow token, and the step responses. */
function step<Body extends TSchema>(body: Body, summary: string, operationId: string) {
  const schema = {
    tags: ["reset"],
    summary,
    operationId,
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
  shedWhenBehind(app, services.databaseBacklog, options.eventLoopLagLimitMilliseconds ?? null);
  const captchaSchema = {
    tags: ["captcha"],
    summary: "A proof-of-work challenge",
    operationId: "getCaptchaChallenge",
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
    operationId: "startReset",
    querystring: LangQuery,
    body: Bodies.start,
    response: startResponses,
  };
  app.post("/reset/flows", { schema: startSchema }, async (request, reply) => {
    const captcha = options.skipCaptcha ? "skip" : request.body.captcha;
    const outcome = await reset.start({ typedUserId: request.body.userId, captcha, caller: identifyCaller(request) });
    if (!outcome.ok) return sendStartFailure(services, request, reply, outcome);
    const { handle } = outcome.value;
    const view = outcome.value.view();
    const body = { flowToken: handle, flow: toFlowJson(view, request.t, request.lang) };
    return sendIfBlocked(services, request, reply, view) ?? reply.status(201).send(body);
  });
  const viewSchema = {
    tags: ["reset"],
    summary: "The flow",
    operationId: "getFlow",
    security: FLOW_SECURITY,
    querystring: LangQuery,
    response: viewResponses,
  };
  app.get("/reset/flow", { schema: viewSchema }, async (request, reply) => {
    const outcome = await reset.view(bearerToken(request.headers.authorization));
    if (!outcome.ok) return sendApiError(request, reply, FAILURE_STATUS[outcome.reason], outcome.reason);
    const view = outcome.value.view();
    return (
      sendIfBlocked(services, request, reply, view) ?? reply.status(200).send(toFlowJson(view, request.t, request.lang))
    );
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
  app.post(
    "/reset/flow/action",
    step(Bodies.action, "Choose reset or unlock only (state action)", "chooseAction"),
    async (request, reply) => send(request, reply, await reset.chooseAction(apiCaller(request), request.body.action)),
  );
  app.post("/reset/flow/method", step(Bodies.method, "Choose a method", "chooseMethod"), async (request, reply) =>
    send(request, reply, await reset.chooseMethod(apiCaller(request), request.body.method)),
  );
  app.post(
    "/reset/flow/contact",
    step(Bodies.contact, "Type the registered address", "submitContact"),
    async (request, reply) => send(request, reply, await reset.submitContact(apiCaller(request), request.body.address)),
  );
  app.post("/reset/flow/code", step(Bodies.code, "Submit the code", "submitCode"), async (request, reply) =>
    send(request, reply, await reset.submitCode(apiCaller(request), request.body.code)),
  );
  app.post(
    "/reset/flow/step",
    step(Bodies.step, "Submit the current method's step", "submitStep"),
    async (request, reply) =>
      send(
        request,
        reply,
        await reset.submitStep(apiCaller(request), {
          step: request.body.step,
          fields: request.body.fields as Readonly<Record<string, string>>,
        }),
      ),
  );
  app.post("/reset/flow/resend", step(Bodies.empty, "Send the code again", "resendCode"), async (request, reply) =>
    send(request, reply, await reset.resendCode(apiCaller(request))),
  );
  app.post("/reset/flow/back", step(Bodies.empty, "Choose another method", "goBack"), async (request, reply) =>
    send(request, reply, await reset.back(apiCaller(request))),
  );
  app.post("/reset/flow/cancel", step(Bodies.empty, "Cancel the reset", "cancelFlow"), async (request, reply) =>
    send(request, reply, await reset.cancel(apiCaller(request))),
  );
  app.post(
    "/reset/flow/password",
    step(Bodies.password, "Set the new password", "setPassword"),
    async (request, reply) => send(request, reply, await reset.submitPassword(apiCaller(request), request.body)),
  );
  app.post(
    "/reset/flow/unlock",
    step(Bodies.empty, "Try the unlock again (state unlocking)", "retryUnlock"),
    async (request, reply) => send(request, reply, await reset.finishUnlock(apiCaller(request))),
  );
  app.post(
    "/reset/flow/reset-instead",
    step(Bodies.empty, "Reset the password instead, with no new gates (state not_locked)", "resetInstead"),
    async (request, reply) => send(request, reply, await reset.resetInstead(apiCaller(request))),
  );
  app.post(
    "/reset/flow/finish",
    step(Bodies.empty, "End the flow (state not_locked)", "finishNotLocked"),
    async (request, reply) => send(request, reply, await reset.finishNotLocked(apiCaller(request))),
  );
  done();
}
