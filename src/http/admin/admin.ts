/**
 * The admin context (`/admin`): its own encapsulated plugin, so nothing it adds can leak onto a self-service page.
 * Every route needs a live session of a user holding an admin role, registered and past a second factor in this
 * session (admin-entry-gate.ts); each page then shows only what SPEC §2 lets those roles see (the domain's
 * AdminConsole decides). Without a session: to /signin; without a role: 403.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorMay, type RoleAssignment } from "../../domain/admin/admin-actor.js";
import type { Session } from "../../domain/ports.js";
import type { UserAccount } from "../../domain/users.js";
import { html } from "../../lib/html.js";
import type { AppServices } from "../app-services.js";
import type { CookieSettings } from "../cookies.js";
import { sendPage } from "../self-service/page-renderer.js";
import { registerErrorPage } from "../self-service/self-service.js";
import { signedInOrRedirect } from "../self-service/session-context.js";
import { adminOverviewPage } from "../views/admin-overview-page.js";
import { actorOf, isFreshOrSentToStepUp, passesFormLocks, sendAdminPage, sendAdminRefusal } from "./admin-forms.js";
import { passesAdminEntry, returnPathOf } from "./admin-entry-gate.js";
import { diagnoseRoutes } from "./diagnose-routes.js";
import { policyRoutes } from "./policy-routes.js";
import { needs } from "../route-capability.js";
import { tokenRoutes } from "./token-routes.js";
import { roleRoutes } from "./role-routes.js";
import { adminUserRoutes } from "./user-routes.js";
import { simulationRoutes } from "./simulation-routes.js";
import { evaluationRoutes } from "./evaluation-routes.js";
import { auditRoutes } from "./audit-routes.js";

export interface AdminContextOptions {
  readonly services: AppServices;
  readonly cookies: CookieSettings;
  /** Where the admin forms must be posted from (the same-origin lock). */
  readonly publicUrl: URL;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in admin; set by the admin context's hook before any of its handlers runs. */
    admin: UserAccount | null;
    /** The signed-in admin's session (its step-up time and CSRF token); set with `admin`. */
    adminSession: Session | null;
    /** The signed-in admin's roles with their group scopes; set with `admin`. */
    adminAssignments: readonly RoleAssignment[] | null;
  }
}

async function refuseNonAdmin(services: AppServices, request: FastifyRequest, reply: FastifyReply) {
  const body = html`<p role="alert">${request.t("admin.not_admin")}</p>
<p><a href="/account">${request.t("admin.back")}</a></p>`;
  return sendPage(services, request, reply, { title: request.t("admin.title"), body, status: 403 });
}

/** Registers the admin pages (mounted with `prefix: "/admin"`). */
export async function adminContext(app: FastifyInstance, context: AdminContextOptions): Promise<void> {
  const { services, cookies } = context;
  const sessionCookie = cookies.name("session");
  registerErrorPage(app, services);
  app.decorateRequest("admin", null);
  app.decorateRequest("adminSession", null);
  app.decorateRequest("adminAssignments", null);
  // Before the body or the parameters are validated: a role without the route's capability learns nothing, not even
  // which inputs the form would take (the generated role matrix checks every route for exactly this 403).
  app.addHook("preValidation", async (request, reply) => {
    // A temporary password is replaced first, for admins as for everyone (SPEC §9.5).
    const live = await signedInOrRedirect(services, sessionCookie, { request, reply });
    if (live === null) return reply;
    if (live.user.roles.length === 0) return refuseNonAdmin(services, request, reply);
    // SPEC §2: registered with 2 non-question methods, then a second factor in this session, before any admin page.
    if (!(await passesAdminEntry(services, live, { request, reply }))) return reply;
    request.admin = live.user;
    request.adminSession = live.session;
    request.adminAssignments = await services.adminActions.ownAssignments(live.user.ref);
    const capability = request.routeOptions.config.capability;
    if (capability !== undefined && !actorMay(actorOf(request), capability))
      return sendAdminRefusal(services, request, reply, { message: request.t("admin_users.forbidden"), status: 403 });
    if (request.method !== "POST") return;
    const csrf = (request.body as { csrf?: unknown } | undefined)?.csrf;
    const locks = { services, publicOrigin: context.publicUrl.origin };
    if (!(await passesFormLocks(locks, request, reply, typeof csrf === "string" ? csrf : undefined))) return reply;
    // SPEC §2's fresh step-up within 10 minutes before any change, for every form post, whether or not its handler
    // asks again (each does, through `mayChange`, with its own page to come back to).
    if (!(await isFreshOrSentToStepUp(services, request, reply, returnPathOf(request)))) return reply;
  });
  await app.register(adminUserRoutes, { services, publicOrigin: context.publicUrl.origin });
  app.get("/", needs("admin.home"), async (request, reply) => {
    const admin = request.admin as UserAccount;
    const overview = await services.admin.overview(admin);
    return sendAdminPage(services, request, reply, {
      title: request.t("admin.title"),
      body: adminOverviewPage(request.t, request, admin.displayName, overview),
    });
  });
  await app.register(diagnoseRoutes, { services });
  await app.register(simulationRoutes, { services, publicOrigin: context.publicUrl.origin });
  await app.register(evaluationRoutes, { services, publicOrigin: context.publicUrl.origin });
  await app.register(policyRoutes, { services, publicOrigin: context.publicUrl.origin });
  await app.register(tokenRoutes, { services, publicOrigin: context.publicUrl.origin });
  await app.register(roleRoutes, { services, publicOrigin: context.publicUrl.origin });
  await app.register(auditRoutes, { services, publicOrigin: context.publicUrl.origin });
}
