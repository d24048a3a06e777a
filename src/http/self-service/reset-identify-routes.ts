/** IDENTIFY: GET /reset shows the form; POST /reset creates the flow (real or inert) and sets the flow cookie. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { summariseClient } from "../../domain/audit-events.js";
import { REASONS } from "../../domain/reasons.js";
import { html } from "../../lib/html.js";
import type { AppServices } from "../app-services.js";
import { secondsUntil } from "../retry-after.js";
import { formatDateTime } from "../views/format-time.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";
import { createFormTokens, type FormTokens } from "../plugins/form-token.js";
import { IDENTIFY_ASSETS, identifyPage } from "../views/reset/identify-page.js";
import type { FormError } from "../views/layout.js";
import { isTerminal } from "../../domain/flows/reset/reset-states.js";
import { resumePage } from "../views/reset/resume-page.js";
import { sendPage } from "./page-renderer.js";
import type { FlowAction } from "../../domain/flows/reset/choose-action-step.js";
import { requestedAction } from "./unlock-routes.js";

const FLOW_COOKIE_SECONDS = 15 * 60;

const IdentifyBody = Type.Object({
  form: Type.Optional(Type.String({ maxLength: 128 })),
  userId: Type.String({ maxLength: 256 }),
  altcha: Type.Optional(Type.String({ maxLength: 4096 })),
  /** `unlock` when the user came from "Unlock my account": the choice page then has unlock checked. */
  action: Type.Optional(Type.String({ maxLength: 16 })),
});
const IdentifyQuery = Type.Object({
  user: Type.Optional(Type.String({ maxLength: 256 })),
  expired: Type.Optional(Type.String({ maxLength: 8 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
  action: Type.Optional(Type.String({ maxLength: 16 })),
});

interface IdentifyRender {
  readonly userId: string;
  readonly errors: readonly FormError[];
  readonly notice: string | null;
  readonly status: number;
}

function renderIdentify(
  services: AppServices,
  tokens: FormTokens,
  request: FastifyRequest,
  reply: FastifyReply,
  model: IdentifyRender,
): Promise<FastifyReply> {
  const action = actionAskedFor(request);
  const page = { ...model, formToken: tokens.issue(request, reply), lang: request.lang };
  const body = identifyPage(request.t, action === undefined ? page : { ...page, action });
  return sendPage(services, request, reply, {
    title: request.t("reset.identify.title"),
    body,
    status: model.status,
    demoBanner: true,
    ...IDENTIFY_ASSETS,
  });
}

/** `?action=unlock` on GET /reset, carried as a hidden field through POST /reset (SPEC §8.3's "Unlock my account"). */
function actionAskedFor(request: FastifyRequest): FlowAction | undefined {
  const query = request.query as { action?: unknown } | undefined;
  const body = request.body as { action?: unknown } | undefined;
  return requestedAction(query?.action ?? body?.action);
}

/** Registers GET and POST /reset, and the CAPTCHA challenge endpoint. */
export async function identifyRoutes(
  instance: FastifyInstance,
  options: { services: AppServices; cookies: CookieSettings; skipCaptcha: boolean },
): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, cookies } = options;
  const tokens = createFormTokens({ key: services.formKey, random: services.random, cookies });
  app.get("/reset", { schema: { querystring: IdentifyQuery } }, async (request, reply) => {
    const notice = request.query.expired ? request.t("reason.flow_expired") : null;
    // A GET changes nothing: a link (from another site, or an old bookmark) must not end a flow open in this
    // browser. An open flow is offered to continue; only "Start over", a POST, ends it.
    const handle = request.cookies[cookies.name("flow")];
    if (handle !== undefined) {
      const open = await services.reset.view(handle);
      if (open.ok && !isTerminal(open.value.state))
        return sendPage(services, request, reply, {
          title: request.t("ui.resume.title"),
          body: resumePage(request.t, open.value.view()),
          supportCode: open.value.view().supportCode,
        });
      reply.clearCookie(cookies.name("flow"), cookieOptions(cookies, { sameSite: "strict" }));
    }
    return renderIdentify(services, tokens, request, reply, {
      userId: request.query.user ?? "",
      errors: [],
      notice,
      status: 200,
    });
  });
  app.get("/altcha/challenge", async (request, reply) => {
    const hard = await services.reset.isCaptchaHardFor(request.ip);
    return reply.header("cache-control", "no-store").send(await services.captcha.createChallenge({ hard }));
  });
  app.post("/reset", { schema: { body: IdentifyBody } }, async (request, reply) => {
    const { userId, altcha, form } = request.body;
    const formCheck = tokens.check(request, form);
    if (formCheck !== "ok") {
      const message = request.t(
        formCheck === "no_cookie" ? "reason.cookies_or_script_missing" : "common.form_expired.message",
      );
      return renderIdentify(services, tokens, request, reply, { userId, errors: [message], notice: null, status: 400 });
    }
    const caller = {
      ip: request.ip,
      client: summariseClient(request.headers["user-agent"]),
      lang: request.lang,
      startedAt: request.startedAt,
    };
    const outcome = await services.reset.start({
      typedUserId: userId,
      captcha: options.skipCaptcha ? "skip" : altcha,
      caller,
    });
    if (outcome.ok) {
      reply.setCookie(
        cookies.name("flow"),
        outcome.value.handle,
        cookieOptions(cookies, { sameSite: "strict", maxAgeSeconds: FLOW_COOKIE_SECONDS }),
      );
      return reply.redirect(
        actionAskedFor(request) === "unlock" ? "/reset/verify?action=unlock" : "/reset/verify",
        303,
      );
    }
    if (outcome.reason === "SND-305") {
      const { blockedUntil } = outcome;
      reply.header("retry-after", String(secondsUntil(blockedUntil, services.clock.now())));
      const time = formatDateTime(blockedUntil, request.lang, request.timeZone);
      return sendPage(services, request, reply, {
        title: request.t("reset.blocked.title"),
        body: html``,
        status: 429,
        userError: { id: outcome.reason, values: { time } },
      });
    }
    // SPEC §13.3: organisation-wide, shown to everyone alike; the layout explains it and links the helpdesk.
    if (outcome.reason === "SND-104" || outcome.reason === "SND-105")
      return sendPage(services, request, reply, {
        title: request.t("reset.unavailable.title"),
        body: html``,
        status: 503,
        userError: { id: outcome.reason },
      });
    const text = request.t(REASONS[outcome.reason].userMessage);
    const message: FormError = outcome.reason === "SND-113" ? { message: text, field: "userId" } : text;
    return renderIdentify(services, tokens, request, reply, { userId, errors: [message], notice: null, status: 400 });
  });
  await Promise.resolve();
}
