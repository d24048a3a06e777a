/**
 * The admin portal's entry (SPEC §2, ADR 0011): the admin context's hook asks this on every request, after the
 * session and the role. A holder of an admin role with fewer than 2 non-question methods is sent to the forced
 * registration; a session without a second factor (a passkey sign-in, or a registered non-question method passed in
 * this session) is sent to the second-factor page, which comes back here once passed.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { adminEntryOf } from "../../domain/admin/admin-entry.js";
import type { SessionUser } from "../../domain/flows/sign-in/sign-in-service.js";
import { html } from "../../lib/html.js";
import type { AppServices } from "../app-services.js";
import { pageOf } from "../return-path.js";
import { sendPage } from "../self-service/page-renderer.js";
import { INTERRUPT_PATH } from "../self-service/security-info/interrupt-routes.js";
import { STEP_UP_PATH } from "../self-service/security-info/security-info-context.js";
import { callerOf } from "../self-service/session-context.js";

/**
 * Where the admin lands after the second factor: the page asked for; for a form post, its page when it has one
 * (a GET route on the same path), else the overview, so nothing is re-posted and no 404 awaits.
 */
export function returnPathOf(request: FastifyRequest): string {
  return pageOf(request) ?? "/admin";
}

/** True when the admin may go on; otherwise the reply is sent (a redirect, or the page saying why not). */
export async function passesAdminEntry(
  services: AppServices,
  live: SessionUser,
  page: { request: FastifyRequest; reply: FastifyReply },
): Promise<boolean> {
  const { request, reply } = page;
  const caller = { user: live.user, session: live.session, ...callerOf(request) };
  const readiness = await services.securityInfo.service.readiness(caller);
  const entry = adminEntryOf({ session: live.session, readiness });
  if (entry === "open") return true;
  if (entry === "register") void reply.redirect(`${INTERRUPT_PATH}?for=admin`, 303);
  else if (entry === "second_factor")
    void reply.redirect(`${STEP_UP_PATH}?next=${encodeURIComponent(returnPathOf(request))}`, 303);
  else {
    const body = html`<p role="alert">${request.t("admin.entry.cannot_register")}</p>
<p><a href="/account">${request.t("admin.back")}</a></p>`;
    await sendPage(services, request, reply, { title: request.t("admin.title"), body, status: 403 });
  }
  return false;
}
