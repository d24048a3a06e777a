/** GET /account/security-info (the overview) and the removal of a method, confirmed on its own page. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { kindOfMethod } from "../../../domain/methods.js";
import { maskedValueOf } from "../../../domain/registration/method-display.js";
import { html } from "../../../lib/html.js";
import { overviewPage } from "../../views/security-info/overview-page.js";
import { METHOD_PAGES, pagesOfKind } from "./method-pages.js";
import {
  csrfTokenOf,
  freshCaller,
  isCsrfValidFor,
  refuseStaleForm,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  securityInfoCaller,
  sendSecurityInfoPage,
} from "./security-info-context.js";

const NOTICES = new Set([
  "saved",
  "removed",
  "limit_reached",
  "not_found",
  "duplicate",
  "not_enabled",
  "code_expired",
  "code_void",
  "expired",
  "too_many_sends",
  "confirmed",
  "privileged_floor",
  "stepped_up",
]);
const OverviewQuery = Type.Object({
  notice: Type.Optional(Type.String({ maxLength: 32 })),
  warn: Type.Optional(Type.String({ maxLength: 32 })),
  return: Type.Optional(Type.String({ maxLength: 2048 })),
});

const RETURN_COOKIE = "sandi_return";

/**
 * SPEC §5.2 item 5: other applications send users here with `?return=<url>`; only a URL that starts with one of the
 * policy's approved prefixes is kept (for the session, in a cookie) and offered back. Anything else is ignored.
 */
async function returnUrlOf(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  asked: string | undefined,
): Promise<string | null> {
  const { returnUrlPrefixes } = (await context.services.securityInfo.deps.currentPolicy()).registration;
  const approved = (url: string | undefined): url is string =>
    url !== undefined && URL.canParse(url) && returnUrlPrefixes.some((prefix) => url.startsWith(prefix));
  if (approved(asked)) {
    reply.setCookie(RETURN_COOKIE, asked, {
      path: SECURITY_INFO_PATH,
      httpOnly: true,
      sameSite: "lax",
      secure: request.protocol === "https",
    });
    return asked;
  }
  const kept = request.cookies[RETURN_COOKIE];
  return approved(kept) ? kept : null;
}
const RemoveQuery = Type.Object({ id: Type.String({ maxLength: 64 }) });
const RemoveBody = Type.Object({ csrf: Type.String({ maxLength: 128 }), id: Type.String({ maxLength: 64 }) });

function registerOverview(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(SECURITY_INFO_PATH, { schema: { querystring: OverviewQuery } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    const overview = await context.services.securityInfo.service.overview(caller);
    const { notice, warn } = request.query;
    const returnUrl = await returnUrlOf(context, request, reply, request.query.return);
    const shown = [
      notice !== undefined && NOTICES.has(notice) ? request.t(`security_info.notice.${notice}`) : null,
      warn === "own_domain" ? request.t("security_info.email.own_domain") : null,
    ].filter((line) => line !== null);
    const body = overviewPage(request.t, request, {
      overview,
      csrfToken: csrfTokenOf(context, caller),
      addPaths: new Map(METHOD_PAGES.map((pages) => [pages.kind, pages.addPath])),
      changePath: (kind, id) => {
        const method = overview.rows.find((row) => row.method.id === id)?.method;
        return method === undefined ? null : (pagesOfKind(kind)?.changePath(method) ?? null);
      },
      notice: shown.length === 0 ? null : shown.join(" "),
      returnUrl,
    });
    return sendSecurityInfoPage(context, request, reply, { title: request.t("security_info.title"), body });
  });
}

function registerRemoval(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = `${SECURITY_INFO_PATH}/remove`;
  typed.get(path, { schema: { querystring: RemoveQuery } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, request.url);
    if (caller === null) return reply;
    const check = await context.services.securityInfo.service.checkRemoval(caller, request.query.id);
    if (!check.allowed) return reply.redirect(`${SECURITY_INFO_PATH}?notice=${check.reason}`, 303);
    const name = request.t(`security_info.kind.${kindOfMethod(check.method.method)}`);
    const body = html`<p>${request.t("security_info.remove_confirm", { method: name, value: maskedValueOf(check.method) })}</p>
${check.losesReset ? html`<p class="error-summary" role="alert">${request.t("security_info.remove_loses_reset")}</p>` : ""}
<form method="post" action="${path}">
  <input type="hidden" name="csrf" value="${csrfTokenOf(context, caller)}">
  <input type="hidden" name="id" value="${check.method.id}">
  <button type="submit">${request.t("security_info.remove_submit")}</button>
</form>
<p><a href="${SECURITY_INFO_PATH}">${request.t("common.cancel")}</a></p>`;
    return sendSecurityInfoPage(context, request, reply, { title: request.t("security_info.remove_title"), body });
  });
  typed.post(path, { schema: { body: RemoveBody } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, `${path}?id=${encodeURIComponent(request.body.id)}`);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const removed = await context.services.securityInfo.service.remove(caller, request.body.id);
    return reply.redirect(`${SECURITY_INFO_PATH}?notice=${removed.allowed ? "removed" : removed.reason}`, 303);
  });
}

export function registerSecurityInfoOverview(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  registerOverview(app, context);
  registerRemoval(app, context);
}
