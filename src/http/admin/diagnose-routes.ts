/**
 * `GET /admin/diagnose?q=…`: "Diagnose this user" (SPEC §13.1) for Global, User, Helpdesk and Password admins; a
 * reports reader gets 403. Registered inside the admin context, so its hook has already found the signed-in admin.
 * The domain service decides who may run it and audits each run; this route only shapes the page.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { may } from "../../domain/admin/admin-permissions.js";
import { type Diagnosis, parseDiagnoseQuery } from "../../domain/troubleshoot/diagnose-user.js";
import type { UserAccount } from "../../domain/users.js";
import { html } from "../../lib/html.js";
import type { AppServices } from "../app-services.js";
import { sendPage } from "../self-service/page-renderer.js";
import { adminDiagnosePage, type FixActionLinks } from "../views/admin-diagnose-page.js";
import { actorOf, sendAdminPage } from "./admin-forms.js";
import { needs } from "../route-capability.js";

/** The longest query worth looking up: a user ID is at most 113 characters, a support code 9. */
const MAX_QUERY_LENGTH = 256;

/** The helpdesk action pages a fix links to (action-routes.ts); a fix with no page yet is named in words. */
const actionPage =
  (action: string) =>
  (ref: string): string =>
    `/admin/users/${encodeURIComponent(ref)}/${action}`;
const FIX_ACTION_LINKS: FixActionLinks = {
  clear_block: actionPage("clear-block"),
  unlock: actionPage("unlock"),
  release_hold: actionPage("release-hold"),
};

function typedQuery(request: FastifyRequest): string | null {
  const q = (request.query as Record<string, unknown> | undefined)?.["q"];
  return typeof q === "string" ? q.slice(0, MAX_QUERY_LENGTH) : null;
}

/** Registers the diagnose page (inside the admin context, under `/admin`). */
export async function diagnoseRoutes(app: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const { services } = options;
  app.get("/diagnose", needs("troubleshoot.run"), async (request, reply) => {
    const admin = request.admin as UserAccount;
    const title = request.t("diagnose.title");
    if (!may(admin.roles, "troubleshoot.run")) {
      const body = html`<p role="alert">${request.t("diagnose.forbidden")}</p>
<p><a href="/admin">${request.t("diagnose.back")}</a></p>`;
      return sendPage(services, request, reply, { title, body, status: 403 });
    }
    const typed = typedQuery(request);
    const query = typed === null ? null : parseDiagnoseQuery(typed);
    let diagnosis: Diagnosis | null = null;
    if (query !== null) {
      const diagnosed = await services.troubleshoot.diagnoseUser(actorOf(request), query);
      if (!diagnosed.ok) return reply.code(403).send();
      diagnosis = diagnosed.value;
    }
    const model = {
      query: typed?.trim() ?? "",
      diagnosis,
      missingQuery: typed !== null && query === null,
      fixLinks: FIX_ACTION_LINKS,
    };
    const body = adminDiagnosePage(request.t, request.lang, model);
    return sendAdminPage(services, request, reply, { title, body });
  });
  await Promise.resolve();
}
