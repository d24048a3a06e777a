/**
 * The admin user pages: `/admin/users` (every user, 50 a page, sorted and filtered, with the search by user ID or
 * name) and `/admin/users/:ref` (one user as the helpdesk sees them), then user management (user-manage-routes.ts)
 * and the helpdesk actions on that page (action-routes.ts). Only the domain's admin services are called; they
 * decide what each role may see and do.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AdminUserDetail } from "../../domain/admin/user-overview.js";
import { html } from "../../lib/html.js";
import { rolesPagePath } from "../views/admin/role-pages.js";
import Type, { type Static } from "typebox";
import { actorMay } from "../../domain/admin/admin-actor.js";
import { userPage } from "../views/admin/user-page.js";
import { isActionName } from "../views/admin/action-pages.js";
import { type UserListForm, userListPage } from "../views/admin/user-list-page.js";
import { manageSection } from "../views/admin/user-manage-section.js";
import { registerActionRoutes } from "./action-routes.js";
import { registerHelpdeskActionRoutes } from "./helpdesk-action-routes.js";
import { registerVerifyCallerRoutes } from "./verify-caller-routes.js";
import { isMoreActionName } from "../views/admin/helpdesk-action-pages.js";
import { type AdminRouteContext, actorOf, sendAdminPage, sendAdminRefusal } from "./admin-forms.js";
import { registerGroupRoutes } from "./group-routes.js";
import { registerImportRoutes } from "./import-routes.js";
import { needs } from "../route-capability.js";
import { pageOf, TABLE_QUERY_FIELDS, tableOrderOf } from "./table-query.js";
import { USER_SORTS } from "../../domain/admin/user-admin-ports.js";
import { registerUserManageRoutes } from "./user-manage-routes.js";
import { auditHref, NO_AUDIT_FILTER } from "../views/admin/audit-page.js";

/** Every field a loose string: a value the list cannot use falls back to its default (no 400 for an edited link). */
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 256 })),
  state: Type.Optional(Type.String({ maxLength: 64 })),
  registered: Type.Optional(Type.String({ maxLength: 64 })),
  capable: Type.Optional(Type.String({ maxLength: 64 })),
  locked: Type.Optional(Type.String({ maxLength: 64 })),
  group: Type.Optional(Type.String({ maxLength: 200 })),
  ...TABLE_QUERY_FIELDS,
  deleted: Type.Optional(Type.String({ maxLength: 256 })),
});
const UserParams = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const UserQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 32 })) });

/** The helpdesk action that just succeeded, for the user page's status line. */
function doneOf(done: string | undefined): string | null {
  return isActionName(done) || isMoreActionName(done) ? done : null;
}

/** What the user page's status line may say after a management change. */
const MANAGE_DONE = ["edited", "disabled", "enabled"] as const;

/** `typed` when it is one of `allowed`, else "" (any). */
function choiceOf<C extends string>(typed: string | undefined, allowed: readonly C[]): C | "" {
  return allowed.find((value) => value === typed) ?? "";
}

const YES_NO = ["yes", "no"] as const;
const USER_ORDER = { sorts: USER_SORTS, sort: "user_id", dir: "asc" } as const;

function formOf(query: Static<typeof ListQuery>): UserListForm {
  const { sort, dir } = tableOrderOf(query, USER_ORDER);
  return {
    q: query.q ?? "",
    state: choiceOf(query.state, ["enabled", "disabled"] as const),
    registered: choiceOf(query.registered, YES_NO),
    capable: choiceOf(query.capable, YES_NO),
    locked: choiceOf(query.locked, YES_NO),
    group: query.group ?? "",
    sort,
    dir,
  };
}

/** A global admin manages the user's roles from here (never their own). */
function rolesLink(request: FastifyRequest, detail: AdminUserDetail) {
  if (detail.isSelf || !actorMay(actorOf(request), "roles.assign")) return html``;
  return html`<p><a href="${rolesPagePath(detail.user.ref)}">${request.t("admin_roles.title", { user: detail.user.userId })}</a></p>`;
}

/** The user page lists 20 events; a reader of the whole log (audit.read) follows this to every event about the user. */
function auditLink(request: FastifyRequest, detail: AdminUserDetail) {
  if (!actorMay(actorOf(request), "audit.read")) return html``;
  const href = auditHref({ ...NO_AUDIT_FILTER, target: detail.user.userId }, 1);
  return html`<p><a href="${href}">${request.t("admin_audit.user_link", { user: detail.user.userId })}</a></p>`;
}

const yesNo = (value: "" | "yes" | "no"): boolean | null => (value === "" ? null : value === "yes");

export async function adminUserRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get("/users", { ...needs("methods.view"), schema: { querystring: ListQuery } }, async (request, reply) => {
    const form = formOf(request.query);
    const actor = actorOf(request);
    const result = await services.adminActions.listUserPage(actor, {
      text: form.q,
      enabled: form.state === "" ? null : form.state === "enabled",
      registered: yesNo(form.registered),
      capable: yesNo(form.capable),
      locked: yesNo(form.locked),
      group: form.group === "" ? null : form.group,
      sort: form.sort,
      descending: form.dir === "desc",
      page: pageOf(request.query.page),
    });
    if (!result.ok)
      return sendAdminRefusal(services, request, reply, { message: request.t("admin_users.forbidden"), status: 403 });
    const groups = await services.adminActions.listGroups(actor);
    const mayManage = actorMay(actor, "users.manage") && services.adminActions.managesDirectory();
    return sendAdminPage(services, request, reply, {
      title: request.t("admin_users.search.title"),
      body: userListPage(request.t, {
        form,
        result: result.value,
        groups: groups.ok ? groups.value : [],
        mayManage,
        deleted: request.query.deleted ?? null,
      }),
    });
  });
  typed.get(
    "/users/:ref",
    { ...needs("methods.view"), schema: { params: UserParams, querystring: UserQuery } },
    async (request, reply) => {
      const actor = actorOf(request);
      const detail = await services.adminActions.userDetail(actor, request.params.ref);
      if (!detail.ok) {
        const notFound = detail.reason === "not_found";
        const message = request.t(notFound ? "admin_users.not_found" : "admin_users.forbidden");
        return sendAdminRefusal(services, request, reply, { message, status: notFound ? 404 : 403 });
      }
      const done = request.query.done;
      const manageDone = MANAGE_DONE.find((value) => value === done) ?? null;
      const [contact, history] = await Promise.all([
        services.adminActions.userContact(actor, detail.value.user.ref),
        services.adminActions.methodHistory(actor, detail.value.user.ref),
      ]);
      const manage = manageSection(request.t, request, {
        detail: detail.value,
        contact,
        history: history.ok ? history.value : [],
        mayManage: actorMay(actor, "users.manage") && services.adminActions.managesDirectory(),
        done: manageDone,
      });
      return sendAdminPage(services, request, reply, {
        title: request.t("admin_users.page.title", { user: detail.value.user.userId }),
        body: html`${userPage(request.t, request, detail.value, doneOf(done), manage)}${auditLink(request, detail.value)}${rolesLink(request, detail.value)}`,
      });
    },
  );
  registerUserManageRoutes(app, context);
  registerImportRoutes(app, context);
  registerGroupRoutes(app, context);
  registerActionRoutes(app, context);
  registerHelpdeskActionRoutes(app, context);
  registerVerifyCallerRoutes(app, context);
  await Promise.resolve();
}
