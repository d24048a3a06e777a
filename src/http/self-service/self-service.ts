/** The self-service pages: one encapsulated context with its own origin check and error page. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { html } from "../../lib/html.js";
import { overloadOf } from "../../lib/overload.js";
import type { AppOptions, AppServices } from "../app-services.js";
import type { CookieSettings } from "../cookies.js";
import { shedWhenBehind } from "../plugins/overload-shed.js";
import { isSameOrigin } from "../plugins/same-origin.js";
import { resetRoutes } from "./reset-routes.js";
import { registerResetPasswordCheck } from "./password-check-routes.js";
import { sendPage } from "./page-renderer.js";
import { signInRoutes } from "./sign-in-routes.js";
import { notMeRoutes } from "./not-me-routes.js";
import { helpRoutes } from "./help-routes.js";
import { helpdeskRoutes } from "./helpdesk-routes.js";

export interface SelfServiceOptions {
  readonly services: AppServices;
  readonly options: AppOptions;
  readonly cookies: CookieSettings;
}

function statusOf(error: unknown): number {
  const status = (error as Partial<FastifyError>).statusCode;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

/**
 * The page a request gets when Sandi is at capacity (SPEC §8: shed, never fail): 503 with Retry-After, in the user's
 * language, and a link back to the page whose form was sent, so the same step can be tried again.
 */
export function sendOverloadedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterSeconds: number,
): Promise<FastifyReply> {
  reply.header("retry-after", String(retryAfterSeconds));
  const again = request.url.split("?")[0] ?? "/";
  const body = html`<p role="alert">${request.t("common.error.overloaded")}</p>
<p><a href="${again}">${request.t("common.error.overloaded_again")}</a></p>`;
  return sendPage(WITHOUT_DATABASE, request, reply, {
    title: request.t("common.error.overloaded_title"),
    body,
    status: 503,
  });
}

/** The shed page reads nothing from the database, which may be what is full: it shows the neutral site facts. */
const WITHOUT_DATABASE = {
  siteInfo: () => Promise.reject(new Error("the organisation is not read while shedding load")),
};

/** The HTML error page of a page context: a clear message and the request id, never a stack. */
export function registerErrorPage(app: FastifyInstance, services: AppServices): void {
  app.setErrorHandler(async (error, request, reply) => {
    const overload = overloadOf(error);
    if (overload !== null) {
      request.log.warn({ err: overload.message }, "shed: at capacity");
      return sendOverloadedPage(request, reply, overload.retryAfterSeconds);
    }
    const status = statusOf(error);
    const validation = (error as Partial<FastifyError>).validation !== undefined;
    if (status >= 500) request.log.error({ err: error }, "unhandled failure");
    const key = validation
      ? "invalid_input"
      : status === 413
        ? "too_large"
        : status >= 500
          ? "internal"
          : "bad_request";
    const back = html`<p><a href="/reset/verify">${request.t("common.error.back")}</a></p>`;
    // SPEC §13.3: a failure on our side is explained with the helpdesk link and the request ID to quote.
    if (key === "internal")
      return sendPage(services, request, reply, {
        title: request.t("common.error.title"),
        body: back,
        status,
        userError: { id: "internal", requestId: request.id },
      });
    const body = html`<p role="alert">${request.t(`common.error.${key}`)}</p>
<p>${request.t("common.error.request_id")} <span class="code">${request.id}</span></p>
${back}`;
    return sendPage(services, request, reply, {
      title: request.t("common.error.title"),
      body,
      status: validation ? 400 : status,
    });
  });
}

/** Registers the pages: sign-in, My account, the reset journey, "This wasn't me". */
export async function selfService(app: FastifyInstance, context: SelfServiceOptions): Promise<void> {
  const { services, options, cookies } = context;
  const publicOrigin = options.publicUrl.origin;
  registerErrorPage(app, services);
  shedWhenBehind(app, services.databaseBacklog, options.eventLoopLagLimitMilliseconds ?? null);
  // The first CSRF lock: a state-changing form must come from our own pages.
  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "POST" || isSameOrigin(request, publicOrigin)) return;
    const body = html`<p role="alert">${request.t("common.error.cross_site")}</p>`;
    await sendPage(services, request, reply, { title: request.t("common.error.title"), body, status: 403 });
    return reply;
  });
  app.get("/", async (_request, reply) => reply.redirect("/signin", 303));
  await app.register(resetRoutes, { services, cookies, skipCaptcha: options.skipCaptcha });
  registerResetPasswordCheck(app, { services, cookies });
  await app.register(signInRoutes, { services, cookies, publicUrl: options.publicUrl });
  await app.register(notMeRoutes, { services });
  await app.register(helpRoutes, { services, cookies });
  await app.register(helpdeskRoutes, { services, cookies });
}
