/**
 * The admin user pages: `/admin/users?q=` (search by user ID or name, 25 a page) and `/admin/users/:ref` (one user
 * as the helpdesk sees them), then the helpdesk actions on that page (action-routes.ts). Only the domain's admin
 * services are called; they decide what each role may see and do.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { actorMay } from "../../domain/admin/admin-actor.js";
import type { AdminUserDetail } from "../../domain/admin/user-overview.js";
import { html } from "../../lib/html.js";
import { rolesPagePath } from "../views/admin/role-pages.js";
import Type from "typebox";
import { userPage } from "../views/admin/user-page.js";
import { userSearchPage } from "../views/admin/user-search-page.js";
import { isActionName } from "../views/admin/action-pages.js";
import { registerActionRoutes } from "./action-routes.js";
import { needs } from "../route-capability.js";
import { type AdminRouteContext, actorOf, sendAdminPage, sendAdminRefusal } from "./admin-forms.js";

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 256 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const UserParams = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const UserQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 32 })) });

/** A global admin manages the user's roles from here (never their own). */
function rolesLink(request: FastifyRequest, detail: AdminUserDetail) {
  if (detail.isSelf || !actorMay(actorOf(request), "roles.assign")) return html``;
  return html`<p><a href="${rolesPagePath(detail.user.ref)}">${request.t("admin_roles.title", { user: detail.user.userId })}</a></p>`;
}

export async function adminUserRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get("/users", { schema: { querystring: SearchQuery }, ...needs("methods.view") }, async (request, reply) => {
    const query = request.query.q ?? "";
    const result = await services.adminActions.searchUsers(actorOf(request), {
      text: query,
      page: request.query.page ?? 1,
    });
    if (!result.ok)
      return sendAdminRefusal(services, request, reply, { message: request.t("admin_users.forbidden"), status: 403 });
    return sendAdminPage(services, request, reply, {
      title: request.t("admin_users.search.title"),
      body: userSearchPage(request.t, { query, result: result.value }),
    });
  });
  const userPageOptions = { schema: { params: UserParams, querystring: UserQuery }, ...needs("methods.view") };
  typed.get("/users/:ref", userPageOptions, async (request, reply) => {
    const detail = await services.adminActions.userDetail(actorOf(request), request.params.ref);
    if (!detail.ok) {
      const notFound = detail.reason === "not_found";
      const message = request.t(notFound ? "admin_users.not_found" : "admin_users.forbidden");
      return sendAdminRefusal(services, request, reply, { message, status: notFound ? 404 : 403 });
    }
    return sendAdminPage(services, request, reply, {
      title: request.t("admin_users.page.title", { user: detail.value.user.userId }),
      body: html`${userPage(request.t, request, detail.value, isActionName(request.query.done) ? request.query.done : null)}${rolesLink(request, detail.value)}`,
    });
  });
  registerActionRoutes(app, context);
  await Promise.resolve();
}
