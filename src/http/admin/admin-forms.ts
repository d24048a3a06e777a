/**
 * What every admin page and form shares: the admin as an actor of the domain's actions, the session-bound CSRF
 * token the account forms use, and the locks before a change (ADR 0011): the form comes from our own origin, carries
 * this session's token, and the session passed a step-up within 10 minutes (SPEC §2), else the admin is sent to
 * My security info's step-up page and back to `next`.
 */
import { adminAreaNav } from "../views/admin/admin-nav.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type AdminActor, actorMay } from "../../domain/admin/admin-actor.js";
import type { Session } from "../../domain/ports.js";
import type { UserAccount } from "../../domain/users.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { type Html, html } from "../../lib/html.js";
import type { AppServices } from "../app-services.js";
import { isSameOrigin } from "../plugins/same-origin.js";
import { sendPage } from "../self-service/page-renderer.js";
import { STEP_UP_PATH } from "../self-service/security-info/security-info-context.js";
import { callerOf, sessionCsrfToken } from "../self-service/session-context.js";

export interface AdminRouteContext {
  readonly services: AppServices;
  /** The public origin a form post must come from (the first CSRF lock). */
  readonly publicOrigin: string;
}

/** The signed-in admin and their session; the admin context's hook set both before any handler runs. */
export function signedInAdmin(request: FastifyRequest): { user: UserAccount; session: Session } {
  if (request.admin === null || request.adminSession === null) throw new Error("admin route outside the admin hook");
  return { user: request.admin, session: request.adminSession };
}

/** The admin as the domain's actions know them, with where the request came from for the audit. */
export function actorOf(request: FastifyRequest): AdminActor {
  const { user } = signedInAdmin(request);
  const { ip, client } = callerOf(request);
  const assignments = request.adminAssignments ?? [];
  return { type: "admin", ref: user.ref, userId: user.userId, roles: user.roles, assignments, ip, client };
}

/** This session's CSRF token, for the forms of the page. */
export function adminCsrfToken(services: AppServices, request: FastifyRequest): string {
  return sessionCsrfToken(services.formKey, signedInAdmin(request).session.id);
}

function isCsrfValid(services: AppServices, request: FastifyRequest, typed: string | undefined): boolean {
  if (typed === undefined) return false;
  const expected = new TextEncoder().encode(adminCsrfToken(services, request));
  return constantTimeEqual(new TextEncoder().encode(typed), expected);
}

/** Sends an admin page (full width). */
export function sendAdminPage(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; body: Html; status?: number; scripts?: readonly { src: string }[]; refreshSeconds?: number },
): Promise<FastifyReply> {
  const areaNav =
    request.admin === null
      ? undefined
      : adminAreaNav(
          request.t,
          (capability) => actorMay(actorOf(request), capability),
          request.url.split("?")[0] ?? "",
        );
  return sendPage(services, request, reply, { ...page, wide: true, ...(areaNav ? { areaNav } : {}) });
}

/** A refusal page with a way back to the user search. */
export function sendAdminRefusal(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: { message: string; status: number },
): Promise<FastifyReply> {
  const body = html`<p role="alert">${refusal.message}</p>
<p><a href="/admin/users">${request.t("admin_users.back_to_search")}</a></p>`;
  return sendAdminPage(services, request, reply, { title: request.t("admin.title"), body, status: refusal.status });
}

/**
 * True when the session passed a step-up within 10 minutes; otherwise the admin is sent to the step-up page, which
 * returns to `next` once passed.
 */
export async function isFreshOrSentToStepUp(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  next: string,
): Promise<boolean> {
  const caller = { ...signedInAdmin(request), ...callerOf(request) };
  if ((await services.securityInfo.service.freshness(caller)) === "fresh") return true;
  void reply.redirect(`${STEP_UP_PATH}?next=${encodeURIComponent(next)}`, 303);
  return false;
}

/**
 * The locks before any admin change, in order: same origin, this session's CSRF token, a fresh step-up. False once
 * the reply is sent (a 403 page, or the redirect to the step-up).
 */
export async function mayChange(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { csrf: string | undefined; next: string },
): Promise<boolean> {
  if (!(await passesFormLocks(context, request, reply, input.csrf))) return false;
  return isFreshOrSentToStepUp(context.services, request, reply, input.next);
}

/**
 * The first two locks of `mayChange` (same origin, this session's CSRF token); false once the 403 page is sent. The
 * admin context runs them on every form post before its body is validated, so a forged post learns nothing.
 */
export async function passesFormLocks(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  csrf: string | undefined,
): Promise<boolean> {
  const { services } = context;
  if (!isSameOrigin(request, context.publicOrigin)) {
    await sendAdminRefusal(services, request, reply, { message: request.t("common.error.cross_site"), status: 403 });
    return false;
  }
  if (!isCsrfValid(services, request, csrf)) {
    await sendAdminRefusal(services, request, reply, {
      message: request.t("common.form_expired.message"),
      status: 403,
    });
    return false;
  }
  return true;
}
