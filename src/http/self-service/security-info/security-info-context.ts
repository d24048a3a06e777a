/**
 * What every security-info route shares: the signed-in caller, the session-bound CSRF check, and the freshness
 * gate (SPEC §5.1) that sends a stale session to the step-up page and back.
 */
import type { UserErrorModel } from "../../views/user-error.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { constantTimeEqual } from "../../../lib/crypto/constant-time-equal.js";
import { html } from "../../../lib/html.js";
import { sendPage } from "../page-renderer.js";
import { callerOf, type RouteContext, sessionCsrfToken, signedInOrRedirect } from "../session-context.js";
import { isAdminPath, isLocalPath } from "../../return-path.js";

export const SECURITY_INFO_PATH = "/account/security-info";
export const STEP_UP_PATH = `${SECURITY_INFO_PATH}/verify`;

export type SecurityInfoRouteContext = RouteContext;

/** The signed-in caller, or null once the browser was sent to sign in (or to a temporary password's change). */
export async function securityInfoCaller(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SecurityInfoCaller | null> {
  const live = await signedInOrRedirect(context.services, context.sessionCookie, { request, reply });
  if (live === null) return null;
  return { user: live.user, session: live.session, ...callerOf(request) };
}

/** The CSRF token of this caller's session, for forms. */
export function csrfTokenOf(context: SecurityInfoRouteContext, caller: SecurityInfoCaller): string {
  return sessionCsrfToken(context.services.formKey, caller.session.id);
}

/** True when `typed` is this session's CSRF token. */
export function isCsrfValidFor(context: SecurityInfoRouteContext, caller: SecurityInfoCaller, typed: string): boolean {
  const expected = new TextEncoder().encode(csrfTokenOf(context, caller));
  return constantTimeEqual(new TextEncoder().encode(typed), expected);
}

/** The refusal of a form whose token does not belong to this session (a forged or stale form). */
export function refuseStaleForm(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = html`<p role="alert">${request.t("common.form_expired.message")}</p>
<p><a href="${SECURITY_INFO_PATH}">${request.t("security_info.back")}</a></p>`;
  return sendPage(context.services, request, reply, { title: request.t("security_info.title"), body, status: 403 });
}

/** Where a step-up may return to: My security info, or the admin pages (SPEC §2: a step-up before any change). */
const STEP_UP_RETURNS = [SECURITY_INFO_PATH, "/admin/"] as const;

export { isAdminPath };

/** Only our own paths may be returned to after a step-up (no open redirect). */
export function safeNextPath(next: string | undefined): string {
  if (next === undefined || !isLocalPath(next)) return SECURITY_INFO_PATH;
  return STEP_UP_RETURNS.some((path) => next.startsWith(path)) || isAdminPath(next) ? next : SECURITY_INFO_PATH;
}

/**
 * The caller when the session is fresh enough to change security info; otherwise null after redirecting to the
 * step-up page, which comes back to `next` (this page) once passed.
 */
export async function freshCaller(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  next: string,
): Promise<SecurityInfoCaller | null> {
  const caller = await securityInfoCaller(context, request, reply);
  if (caller === null) return null;
  const freshness = await context.services.securityInfo.service.freshness(caller);
  if (freshness === "fresh") return caller;
  void reply.redirect(`${STEP_UP_PATH}?next=${encodeURIComponent(safeNextPath(next))}`, 303);
  return null;
}

/** Sends a security-info page. */
export function sendSecurityInfoPage(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: {
    title: string;
    body: ReturnType<typeof html>;
    status?: number;
    scripts?: readonly { src: string; module?: boolean }[];
    userError?: UserErrorModel;
  },
): Promise<FastifyReply> {
  return sendPage(context.services, request, reply, page);
}
