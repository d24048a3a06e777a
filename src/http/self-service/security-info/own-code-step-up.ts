/**
 * The step-up of a method whose code the user already holds (an authenticator app's current code, a recovery code):
 * choose the row, type the code, pass (the session is fresh for 10 minutes) or see why not. The method gives its
 * check and its page; what happens around them is the same for both.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { MethodId } from "../../../domain/methods.js";
import type { VerifiedMethod } from "../../../domain/ports.js";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { blockedPage } from "../../views/security-info/blocked-page.js";
import { type OwnCodeModel, ownCodePage } from "../../views/security-info/totp-page.js";
import {
  csrfTokenOf,
  isCsrfValidFor,
  refuseStaleForm,
  safeNextPath,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  securityInfoCaller,
  sendSecurityInfoPage,
  STEP_UP_PATH,
} from "./security-info-context.js";

const StepUpBody = Type.Object({ csrf: Type.String({ maxLength: 128 }), method: Type.String({ maxLength: 64 }) });
const StepUpCodeBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  method: Type.String({ maxLength: 64 }),
  code: Type.String({ maxLength: 64 }),
});

/** A refused code: blocked (A2), or a reason the page explains with `failure`. */
export type OwnCodeRefusal = { readonly reason: "blocked"; readonly until: Date } | { readonly reason: string };

export interface OwnCodeStepUp {
  /** The method's pages: the step-up lives at `<path>/step-up` and `<path>/step-up/code`. */
  readonly path: string;
  readonly method: MethodId;
  check(
    caller: SecurityInfoCaller,
    input: { methodId: string; code: string },
  ): Promise<{ ok: true; method: VerifiedMethod } | ({ ok: false } & OwnCodeRefusal)>;
  /** The audit reason and the message of a refusal other than a block, or null to go back to the chooser. */
  failure(request: FastifyRequest, reason: string): { audit: string; message: string } | null;
  /** The code page's title, words and field for `method`; the page itself is the same for every method. */
  formWords(request: FastifyRequest, method: VerifiedMethod): Promise<OwnCodeFormWords>;
}

/** What differs between the code pages of the methods: the title, the words around the field and its kind. */
export type OwnCodeFormWords = Pick<OwnCodeModel, "lead" | "label" | "hint" | "submit" | "input"> & {
  readonly title: string;
};

/** The code page of `method`, with an error (and 400) after a wrong code. */
async function showForm(
  context: SecurityInfoRouteContext,
  spec: OwnCodeStepUp,
  page: { request: FastifyRequest; reply: FastifyReply; caller: SecurityInfoCaller },
  method: VerifiedMethod,
  error: string | null,
): Promise<FastifyReply> {
  const { request, reply, caller } = page;
  const { title, ...words } = await spec.formWords(request, method);
  return sendSecurityInfoPage(context, request, reply, {
    title,
    status: error === null ? 200 : 400,
    body: ownCodePage(request.t, {
      action: `${spec.path}/step-up/code`,
      csrf: csrfTokenOf(context, caller),
      method: method.id,
      ...words,
      error,
    }),
  });
}

function passed(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const next = safeNextPath(request.cookies["sandi_next"]);
  return reply.clearCookie("sandi_next", { path: SECURITY_INFO_PATH }).redirect(next, 303);
}

export function registerOwnCodeStepUp(
  app: FastifyInstance,
  context: SecurityInfoRouteContext,
  spec: OwnCodeStepUp,
): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const notFound = (reply: FastifyReply) => reply.redirect(`${STEP_UP_PATH}?notice=not_found`, 303);
  typed.post(`${spec.path}/step-up`, { schema: { body: StepUpBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const method = await context.services.securityInfo.service.findOwn(caller, request.body.method);
    if (method?.method !== spec.method) return notFound(reply);
    return showForm(context, spec, { request, reply, caller }, method, null);
  });
  typed.post(`${spec.path}/step-up/code`, { schema: { body: StepUpCodeBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const service = context.services.securityInfo.service;
    const checked = await spec.check(caller, { methodId: request.body.method, code: request.body.code });
    if (checked.ok) {
      await service.passStepUp(caller, checked.method);
      return passed(request, reply);
    }
    if ("until" in checked)
      return sendSecurityInfoPage(context, request, reply, { ...blockedPage(request, checked.until), status: 429 });
    const failure = spec.failure(request, checked.reason);
    const method = failure === null ? null : await service.findOwn(caller, request.body.method);
    if (failure === null || method === null) return notFound(reply);
    await service.failStepUp(caller, method, failure.audit);
    return showForm(context, spec, { request, reply, caller }, method, failure.message);
  });
}
