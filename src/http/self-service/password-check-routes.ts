/**
 * The live checks behind the new-password pages' checklist (SPEC §6.7): POST /reset/password/check (bound to the flow
 * cookie and its CSRF token, PASSWORD only) and POST /account/password/check (bound to the session and its token).
 * Each answers JSON with which checklist items pass and the advisory strength; past 30 calls a minute, 429 with
 * Retry-After. Posted as the forms post (urlencoded, same origin), so the context's origin check applies too.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { ResetPasswordCheck } from "../../domain/flows/reset/password-check.js";
import type { LiveCheckOutcome, LiveCheckReport } from "../../domain/password-live-check.js";
import type { CookieSettings } from "../cookies.js";
import type { AppServices } from "../app-services.js";
import { flowCaller } from "./reset-routes.js";
import { type RouteContext, sessionCsrfToken } from "./session-context.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";

const CheckBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  password: Type.String({ maxLength: 4096 }),
  confirmation: Type.String({ maxLength: 4096 }),
});

/** Why a check was refused, as an HTTP status: the script then simply stops asking. */
const REFUSAL_STATUS: Readonly<Record<string, number>> = {
  flow_not_found: 404,
  "SND-212": 410,
  csrf_invalid: 403,
  signed_out: 401,
};

/** The JSON of a report: the items, whether a submit would pass the rules, and the score with its words. */
function reportJson(request: FastifyRequest, report: LiveCheckReport) {
  const score = report.strength;
  return {
    items: report.items,
    acceptable: report.acceptable,
    strength: score === null ? null : { score, label: request.t(`password-help.strength.level_${String(score)}`) },
  };
}

function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: ResetPasswordCheck | LiveCheckOutcome | { ok: false; reason: "signed_out" },
): FastifyReply {
  // Never cached, never indexed: the body describes a password being typed.
  reply.header("cache-control", "no-store");
  if (outcome.ok) return reply.status(200).send(reportJson(request, outcome.report));
  if (outcome.reason === "limited" && "retryAfterSeconds" in outcome) {
    reply.header("retry-after", String(outcome.retryAfterSeconds));
    return reply.status(429).send({ error: "limited", retryAfter: outcome.retryAfterSeconds });
  }
  return reply.status(REFUSAL_STATUS[outcome.reason] ?? 409).send({ error: outcome.reason });
}

/** POST /reset/password/check. */
export function registerResetPasswordCheck(
  instance: FastifyInstance,
  options: { services: AppServices; cookies: CookieSettings },
): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.post("/reset/password/check", { schema: { body: CheckBody } }, async (request, reply) => {
    const { csrf, password, confirmation } = request.body;
    const caller = flowCaller(options.cookies, request, csrf);
    return answer(request, reply, await options.services.reset.checkPassword(caller, { password, confirmation }));
  });
}

/** POST /account/password/check: a user who must replace a temporary password may use it too. */
export function registerAccountPasswordCheck(instance: FastifyInstance, context: RouteContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, sessionCookie } = context;
  app.post("/account/password/check", { schema: { body: CheckBody } }, async (request, reply) => {
    const live = await services.signIn.sessionUser(request.cookies[sessionCookie]);
    if (live === null) return answer(request, reply, { ok: false, reason: "signed_out" });
    const expected = new TextEncoder().encode(sessionCsrfToken(services.formKey, live.session.id));
    if (!constantTimeEqual(new TextEncoder().encode(request.body.csrf), expected))
      return answer(request, reply, { ok: false, reason: "csrf_invalid" });
    const { password, confirmation } = request.body;
    return answer(request, reply, await services.account.checkNewPassword(live, { password, confirmation }));
  });
}
