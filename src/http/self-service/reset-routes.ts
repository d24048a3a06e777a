/** The reset journey as plain HTML forms: each POST answers with a 303 to the step page, or the page with its message. */
import { EDGE_SPACES_WARNING_KEY, hasEdgeSpaces } from "../../domain/policies/edge-spaces.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { StepOutcome } from "../../domain/flows/reset/reset-service.js";
import type { FlowCaller, FlowView } from "../../domain/flows/reset/reset-deps.js";
import { summariseClient } from "../../domain/audit-events.js";
import { preparePasswordStrength } from "../../domain/password-strength.js";
import { METHOD_IDS, type MethodId } from "../../domain/methods.js";
import { METHOD_STEP_IDS, type MethodStepId } from "../../domain/methods/method-port.js";
import type { AppServices } from "../app-services.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";
import { type Html, html } from "../../lib/html.js";
import { flowPage, flowPageTitle } from "../views/reset/flow-pages.js";
import { flowUserError } from "../views/reset/flow-user-error.js";
import { PASSWORD_HELP_SCRIPT } from "../views/password-fields.js";
import { noticeErrors } from "./notice-messages.js";
import { sendPage } from "./page-renderer.js";
import { identifyRoutes } from "./reset-identify-routes.js";
import { requestedAction, unlockRoutes } from "./unlock-routes.js";

const Csrf = Type.String({ maxLength: 128 });
const Bodies = {
  csrfOnly: Type.Object({ csrf: Csrf }),
  method: Type.Object({ csrf: Csrf, method: Type.String({ maxLength: 32 }) }),
  contact: Type.Object({ csrf: Csrf, address: Type.String({ maxLength: 1024 }) }),
  code: Type.Object({ csrf: Csrf, code: Type.String({ maxLength: 64 }) }),
  /** Any method's step: its fields by name (answers, a passkey's response, a phone number…). */
  step: Type.Object(
    { csrf: Csrf, step: Type.Enum(METHOD_STEP_IDS, { type: "string" }) },
    { additionalProperties: Type.String({ maxLength: 8192 }), maxProperties: 16 },
  ),
  password: Type.Object({
    csrf: Csrf,
    password: Type.String({ maxLength: 4096 }),
    confirmation: Type.String({ maxLength: 4096 }),
  }),
};

export interface ResetRouteOptions {
  readonly services: AppServices;
  readonly cookies: CookieSettings;
  readonly skipCaptcha: boolean;
}

/** The caller of a flow step: the cookie's handle and the form's CSRF token. */
export function flowCaller(cookies: CookieSettings, request: FastifyRequest, csrf: string): FlowCaller {
  return {
    handle: request.cookies[cookies.name("flow")],
    csrf: { token: csrf },
    ip: request.ip,
    client: summariseClient(request.headers["user-agent"]),
    lang: request.lang,
    startedAt: request.startedAt,
  };
}

async function answerStep(
  options: ResetRouteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: StepOutcome,
): Promise<FastifyReply> {
  const { services } = options;
  if (!outcome.ok) {
    switch (outcome.reason) {
      case "flow_not_found":
        return reply.redirect("/reset", 303);
      case "SND-212":
        return reply.redirect("/reset?expired=1", 303);
      case "csrf_invalid":
        return sendPage(services, request, reply, {
          title: request.t("common.form_expired.title"),
          body: formExpiredBody(request),
          status: 403,
        });
      default:
        return reply.redirect("/reset/verify", 303);
    }
  }
  // A 303 shows nothing: the view (and its form token) is built only for a page that renders it.
  if (outcome.value.notices.length === 0) return reply.redirect("/reset/verify", 303);
  const view = outcome.value.view();
  const { errors, resendWaitSeconds } = noticeErrors(request.t, view, outcome.value.notices);
  const body = flowPage(request.t, { view, errors, lang: request.lang, timeZone: request.timeZone, resendWaitSeconds });
  return sendPage(services, request, reply, {
    title: flowPageTitle(request.t, view),
    body,
    supportCode: view.supportCode,
    scripts: flowPageScripts(view),
    userError: flowUserError(view, request.lang, request.timeZone),
  });
}

/**
 * The scripts a step names in its descriptor (the passkey ceremony), and the new-password page's (show/hide and the
 * live checklist). The strength scorer starts loading while the user reads the page, so its first answer is ready
 * when the typing starts.
 */
function flowPageScripts(view: FlowView): { src: string }[] {
  if (view.state === "gate_challenge") return (view.step?.assets ?? []).map((src) => ({ src }));
  if (view.state !== "password") return [];
  preparePasswordStrength();
  return [PASSWORD_HELP_SCRIPT];
}

function formExpiredBody(request: FastifyRequest): Html {
  return html`<p role="alert">${request.t("common.form_expired.message")}</p>
<p><a href="/reset/verify">${request.t("common.form_expired.continue")}</a></p>`;
}

function hasSpacesFlag(request: FastifyRequest): boolean {
  return (request.query as { spaces?: unknown }).spaces === "1";
}

/** The done page with SPEC §7.2's warning: the new password begins or ends with a space, which is part of it. */
function edgeSpacesWarning(request: FastifyRequest, page: Html): Html {
  return html`<p role="status">${request.t(EDGE_SPACES_WARNING_KEY)}</p>
${page}`;
}

function isMethodId(value: string): value is MethodId {
  return (METHOD_IDS as readonly string[]).includes(value);
}

/** Registers /reset and its steps. */
export async function resetRoutes(instance: FastifyInstance, options: ResetRouteOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, cookies } = options;
  const caller = (request: FastifyRequest, csrf: string) => flowCaller(cookies, request, csrf);
  await app.register(identifyRoutes, options);
  unlockRoutes(app, {
    services,
    cookies,
    caller,
    answer: (request, reply, outcome) => answerStep(options, request, reply, outcome),
  });
  app.get("/reset/verify", async (request, reply) => {
    const outcome = await services.reset.view(request.cookies[cookies.name("flow")]);
    if (!outcome.ok) return reply.redirect(outcome.reason === "SND-212" ? "/reset?expired=1" : "/reset", 303);
    const view = outcome.value.view();
    const preselect = requestedAction((request.query as { action?: unknown }).action);
    const model = { view, errors: [], lang: request.lang, timeZone: request.timeZone };
    const page = flowPage(request.t, preselect === undefined ? model : { ...model, preselect });
    const body = view.state === "done" && hasSpacesFlag(request) ? edgeSpacesWarning(request, page) : page;
    return sendPage(services, request, reply, {
      title: flowPageTitle(request.t, view),
      body,
      supportCode: view.supportCode,
      scripts: flowPageScripts(view),
      userError: flowUserError(view, request.lang, request.timeZone),
    });
  });
  app.post("/reset/method", { schema: { body: Bodies.method } }, async (request, reply) => {
    const { csrf, method } = request.body;
    if (!isMethodId(method)) return reply.redirect("/reset/verify", 303);
    return answerStep(options, request, reply, await services.reset.chooseMethod(caller(request, csrf), method));
  });
  app.post("/reset/contact", { schema: { body: Bodies.contact } }, async (request, reply) => {
    const { csrf, address } = request.body;
    return answerStep(options, request, reply, await services.reset.submitContact(caller(request, csrf), address));
  });
  app.post("/reset/code", { schema: { body: Bodies.code } }, async (request, reply) => {
    const { csrf, code } = request.body;
    return answerStep(options, request, reply, await services.reset.submitCode(caller(request, csrf), code));
  });
  app.post("/reset/step", { schema: { body: Bodies.step } }, async (request, reply) => {
    const { csrf, step, ...fields } = request.body as Record<string, string> & { step: MethodStepId };
    const outcome = await services.reset.submitStep(caller(request, csrf ?? ""), { step, fields });
    return answerStep(options, request, reply, outcome);
  });
  // "Lost a method": a session for My security info, once, after a finished reset or unlock (hand-off.ts).
  app.post("/reset/security-info", { schema: { body: Bodies.csrfOnly } }, async (request, reply) => {
    const outcome = await services.reset.handOff(caller(request, request.body.csrf));
    if (!outcome.ok)
      return outcome.reason === "csrf_invalid"
        ? answerStep(options, request, reply, { ok: false, reason: "csrf_invalid" })
        : reply.redirect("/reset/verify", 303);
    // The sign-in session's own cookie, as the sign-in form sets it.
    reply.setCookie(cookies.name("session"), outcome.value.sessionToken, cookieOptions(cookies, { sameSite: "lax" }));
    return reply.redirect("/account/security-info", 303);
  });
  app.post("/reset/resend", { schema: { body: Bodies.csrfOnly } }, async (request, reply) => {
    const { csrf } = request.body;
    return answerStep(options, request, reply, await services.reset.resendCode(caller(request, csrf)));
  });
  app.post("/reset/back", { schema: { body: Bodies.csrfOnly } }, async (request, reply) => {
    const { csrf } = request.body;
    return answerStep(options, request, reply, await services.reset.back(caller(request, csrf)));
  });
  app.post("/reset/cancel", { schema: { body: Bodies.csrfOnly } }, async (request, reply) => {
    const { csrf } = request.body;
    return answerStep(options, request, reply, await services.reset.cancel(caller(request, csrf)));
  });
  // "Start over" from GET /reset: cancels the open flow (its user chose to), then shows a fresh identify form.
  app.post("/reset/start-over", { schema: { body: Bodies.csrfOnly } }, async (request, reply) => {
    const outcome = await services.reset.cancel(caller(request, request.body.csrf));
    if (!outcome.ok && outcome.reason === "csrf_invalid") return answerStep(options, request, reply, outcome);
    // A flow that cannot be cancelled now (writing, not locked) is left to expire; this browser lets go of it.
    if (!outcome.ok) reply.clearCookie(cookies.name("flow"), cookieOptions(cookies, { sameSite: "strict" }));
    return reply.redirect("/reset", 303);
  });
  app.post("/reset/password", { schema: { body: Bodies.password } }, async (request, reply) => {
    const { csrf, password, confirmation } = request.body;
    const outcome = await services.reset.submitPassword(caller(request, csrf), { password, confirmation });
    // SPEC §7.2: a space at either end is kept, and the done page says so (a warning, not a refusal).
    if (outcome.ok && outcome.value.state === "done" && hasEdgeSpaces(password))
      return reply.redirect("/reset/verify?spaces=1", 303);
    return answerStep(options, request, reply, outcome);
  });
}
