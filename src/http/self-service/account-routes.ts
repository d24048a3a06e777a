/**
 * My account (GET /account), its sessions (SPEC §5.1: end one other session, or all but this one) and sign-out.
 * Every POST carries the session-bound CSRF token on top of the context's same-origin check.
 */
import { EDGE_SPACES_WARNING_KEY } from "../../domain/policies/edge-spaces.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { SessionUser } from "../../domain/flows/sign-in/sign-in-service.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { html } from "../../lib/html.js";
import { accountPage } from "../views/account-page.js";
import { registerChangePassword } from "./change-password-routes.js";
import { registerAccountPasswordCheck } from "./password-check-routes.js";
import { sendPage } from "./page-renderer.js";
import { registerSecurityInfo } from "./security-info/security-info-routes.js";
import { INTERRUPT_PATH, interruptWithoutSkip } from "./security-info/interrupt-routes.js";
import { callerOf, type RouteContext, sessionCsrfToken, signedInOrRedirect } from "./session-context.js";

const CsrfBody = Type.Object({ csrf: Type.String({ maxLength: 128 }) });
const EndSessionBody = Type.Object({ csrf: Type.String({ maxLength: 128 }), session: Type.String({ maxLength: 128 }) });
const AccountQuery = Type.Object({
  ended: Type.Optional(Type.Union([Type.Literal("1"), Type.Literal("0")])),
  changed: Type.Optional(Type.Literal("1")),
  spaces: Type.Optional(Type.Literal("1")),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
});

/** "Password changed", and the warning of SPEC §7.2 when the new one begins or ends with a space. */
function changedNotice(request: FastifyRequest, edgeSpaces: boolean): string {
  const changed = request.t("account.password_changed");
  return edgeSpaces ? `${changed} ${request.t(EDGE_SPACES_WARNING_KEY)}` : changed;
}

function isCsrfValid(context: RouteContext, live: SessionUser, typed: string): boolean {
  const expected = new TextEncoder().encode(sessionCsrfToken(context.services.formKey, live.session.id));
  return constantTimeEqual(new TextEncoder().encode(typed), expected);
}

/** The refusal of a form whose token does not belong to this session (a forged or stale form). */
function refuseForm(context: RouteContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = html`<p role="alert">${request.t("common.form_expired.message")}</p>
<p><a href="/account">${request.t("account.back")}</a></p>`;
  return sendPage(context.services, request, reply, { title: request.t("account.title"), body, status: 403 });
}

function sessionsNotice(request: FastifyRequest, ended: "0" | "1" | undefined): string | null {
  if (ended === undefined) return null;
  return request.t(ended === "1" ? "account.sessions.ended" : "account.sessions.none_ended");
}

/** GET /account (without a live session: to /signin). */
function registerAccountPage(instance: FastifyInstance, context: RouteContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, sessionCookie } = context;
  app.get("/account", { schema: { querystring: AccountQuery } }, async (request, reply) => {
    const live = await signedInOrRedirect(services, sessionCookie, { request, reply });
    if (live === null) return reply;
    const { user, session } = live;
    if (await interruptWithoutSkip(context, { user, session, ...callerOf(request) }))
      return reply.redirect(INTERRUPT_PATH, 303);
    const model = {
      displayName: user.displayName,
      userId: user.userId,
      email: user.email,
      csrfToken: sessionCsrfToken(services.formKey, session.id),
      isAdmin: user.roles.length > 0,
      sessions: await services.signIn.listOwnSessions(live),
      sessionsNotice: sessionsNotice(request, request.query.ended),
      notice: request.query.changed === "1" ? changedNotice(request, request.query.spaces === "1") : null,
      passwordExpiresAt: await services.account.passwordExpiresAt(live),
    };
    return sendPage(services, request, reply, {
      title: request.t("account.title"),
      body: accountPage(request.t, request, model),
    });
  });
}

/** POST /account/sessions/end (one other session) and /account/sessions/end-others (all but this one). */
function registerSessionEnding(instance: FastifyInstance, context: RouteContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, sessionCookie } = context;
  const endSessions = async (request: FastifyRequest, reply: FastifyReply, csrf: string, only: string | null) => {
    const live = await signedInOrRedirect(services, sessionCookie, { request, reply });
    if (live === null) return reply;
    if (!isCsrfValid(context, live, csrf)) return refuseForm(context, request, reply);
    const ended = await services.signIn.endOwnSessions(live, { only, caller: callerOf(request) });
    return reply.redirect(`/account?ended=${ended > 0 ? "1" : "0"}`, 303);
  };
  app.post("/account/sessions/end", { schema: { body: EndSessionBody } }, async (request, reply) =>
    endSessions(request, reply, request.body.csrf, request.body.session),
  );
  app.post("/account/sessions/end-others", { schema: { body: CsrfBody } }, async (request, reply) =>
    endSessions(request, reply, request.body.csrf, null),
  );
}

/** POST /signout: ends this session on the server and clears what the browser keeps. */
function registerSignOut(instance: FastifyInstance, context: RouteContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, sessionCookie, sessionCookieOptions } = context;
  app.post("/signout", { schema: { body: CsrfBody } }, async (request, reply) => {
    const token = request.cookies[sessionCookie];
    const live = await services.signIn.sessionUser(token);
    if (live === null) return reply.clearCookie(sessionCookie, sessionCookieOptions).redirect("/signin", 303);
    // The second CSRF lock: a sign-out form from another site cannot know this session's token.
    if (!isCsrfValid(context, live, request.body.csrf)) return refuseForm(context, request, reply);
    await services.signIn.signOut(token, callerOf(request));
    // The session cookie is expired by name; Clear-Site-Data's "cookies" would also drop the language the user chose
    // (and every cookie of the registrable domain, other applications' too), and a Set-Cookie in the same response
    // cannot be relied on to survive it. Cached pages and storage still go.
    reply.clearCookie(sessionCookie, sessionCookieOptions);
    reply.header("clear-site-data", '"cache", "storage"');
    return reply.redirect("/signin", 303);
  });
}

/** Registers My account, its session actions, change password and sign-out. */
export function registerAccount(instance: FastifyInstance, context: RouteContext): void {
  registerAccountPage(instance, context);
  registerChangePassword(instance, context, { isCsrfValid, refuseForm });
  registerAccountPasswordCheck(instance, context);
  registerSessionEnding(instance, context);
  registerSignOut(instance, context);
  registerSecurityInfo(instance, context);
}
