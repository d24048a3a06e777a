/** The pages' posts of SPEC §6.5's choice and of unlock only; each answers as every other reset step does. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { type FlowAction, isFlowAction } from "../../domain/flows/reset/choose-action-step.js";
import type { FlowCaller } from "../../domain/flows/reset/reset-deps.js";
import type { StepOutcome } from "../../domain/flows/reset/reset-service.js";
import type { AppServices } from "../app-services.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";

const Csrf = Type.String({ maxLength: 128 });
const Bodies = {
  csrfOnly: Type.Object({ csrf: Csrf }),
  action: Type.Object({ csrf: Csrf, action: Type.String({ maxLength: 16 }) }),
};

export interface UnlockRouteOptions {
  readonly services: AppServices;
  readonly cookies: CookieSettings;
  readonly caller: (request: FastifyRequest, csrf: string) => FlowCaller;
  /** How reset-routes.ts answers a step: a 303 to the flow's page, or the page with its messages. */
  readonly answer: (request: FastifyRequest, reply: FastifyReply, outcome: StepOutcome) => Promise<FastifyReply>;
}

/** The action a page link asked for (`?action=unlock`, from "Unlock my account"), to check it on the choice page. */
export function requestedAction(value: unknown): FlowAction | undefined {
  return typeof value === "string" && isFlowAction(value) ? value : undefined;
}

/** Registers POST /reset/action, /reset/unlock, /reset/reset-instead and /reset/finish. */
export function unlockRoutes(instance: FastifyInstance, options: UnlockRouteOptions): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, cookies, caller, answer } = options;
  const { reset } = services;
  app.post("/reset/action", { schema: { body: Bodies.action } }, async (request, reply) => {
    const { csrf, action } = request.body;
    if (!isFlowAction(action)) return reply.redirect("/reset/verify", 303);
    return answer(request, reply, await reset.chooseAction(caller(request, csrf), action));
  });
  // The unlock runs by itself after the last gate; this post is the page's "Try again" when the directory did not
  // answer. Before the gates are passed the state refuses it, as it refuses every step out of turn.
  app.post("/reset/unlock", { schema: { body: Bodies.csrfOnly } }, async (request, reply) =>
    answer(request, reply, await reset.finishUnlock(caller(request, request.body.csrf))),
  );
  app.post("/reset/reset-instead", { schema: { body: Bodies.csrfOnly } }, async (request, reply) =>
    answer(request, reply, await reset.resetInstead(caller(request, request.body.csrf))),
  );
  // "Finish": the flow ends, this browser lets go of it, and the user goes on to sign in.
  app.post("/reset/finish", { schema: { body: Bodies.csrfOnly } }, async (request, reply) => {
    const outcome = await reset.finishNotLocked(caller(request, request.body.csrf));
    if (!outcome.ok) return answer(request, reply, outcome);
    reply.clearCookie(cookies.name("flow"), cookieOptions(cookies, { sameSite: "strict" }));
    return reply.redirect("/signin", 303);
  });
}
