/**
 * `/admin/users/:ref/roles` (global admins, `roles.assign`): a user's admin roles with their group scopes, grant one
 * (optionally limited to a group) and remove one. The domain's role actions check the capability, refuse the admin's
 * own account and audit; changes pass `mayChange` (same origin, CSRF, fresh step-up).
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { needs } from "../route-capability.js";
import { rolesPage, rolesPagePath } from "../views/admin/role-pages.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  mayChange,
  sendAdminPage,
  sendAdminRefusal,
} from "./admin-forms.js";

const Params = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const Body = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  role: Type.Optional(Type.String({ maxLength: 64 })),
  group: Type.Optional(Type.String({ maxLength: 1000 })),
});
const Query = Type.Object({ done: Type.Optional(Type.String({ maxLength: 16 })) });
const NOTICES = ["granted", "revoked", "unchanged"] as const;

interface PageInput {
  readonly ref: string;
  readonly errors: readonly string[];
  readonly notice: string | null;
  readonly form: { role: string; group: string };
}

function refuse(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply, notFound = false) {
  const message = request.t(notFound ? "admin_users.not_found" : "admin_roles.forbidden");
  return sendAdminRefusal(context.services, request, reply, { message, status: notFound ? 404 : 403 });
}

async function sendRoles(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply, input: PageInput) {
  const actions = context.services.adminActions;
  const actor = actorOf(request);
  const detail = await actions.userDetail(actor, input.ref);
  if (!detail.ok) return refuse(context, request, reply, detail.reason === "not_found");
  const [assignments, groups] = await Promise.all([
    actions.roleAssignments(actor, input.ref),
    actions.listGroups(actor),
  ]);
  if (!assignments.ok || !groups.ok || detail.value.isSelf) return refuse(context, request, reply);
  const csrf = adminCsrfToken(context.services, request);
  const user = detail.value.user;
  return sendAdminPage(context.services, request, reply, {
    title: request.t("admin_roles.title", { user: user.userId }),
    body: rolesPage(request.t, { ...input, user, assignments: assignments.value, groups: groups.value, csrf }),
    status: input.errors.length > 0 ? 400 : 200,
  });
}

type Change = { userId: string; role: AdminRole; group?: string };

/** The change the form asks for, or the page again with what is wrong. */
async function changeOf(
  context: AdminRouteContext,
  request: FastifyRequest,
  ref: string,
  body: { role?: string; group?: string },
) {
  const role = ADMIN_ROLES.find((known) => known === body.role);
  const detail = await context.services.adminActions.userDetail(actorOf(request), ref);
  if (!detail.ok) return { ok: false as const, notFound: detail.reason === "not_found", error: null };
  if (role === undefined) return { ok: false as const, notFound: false, error: request.t("admin_roles.choose_role") };
  const group = body.group?.trim() ?? "";
  const change: Change = { userId: detail.value.user.userId, role, ...(group === "" ? {} : { group }) };
  return { ok: true as const, change };
}

export async function roleRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const assign = needs("roles.assign");
  typed.get("/users/:ref/roles", { schema: { params: Params, querystring: Query }, ...assign }, (request, reply) => {
    const done = NOTICES.find((notice) => notice === request.query.done);
    const notice = done === undefined ? null : request.t(`admin_roles.${done}`);
    return sendRoles(context, request, reply, {
      ref: request.params.ref,
      errors: [],
      notice,
      form: { role: "", group: "" },
    });
  });
  typed.post("/users/:ref/roles", { schema: { params: Params, body: Body }, ...assign }, async (request, reply) => {
    const { ref } = request.params;
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: rolesPagePath(ref) })))
      return reply;
    const form = { role: request.body.role ?? "", group: request.body.group ?? "" };
    const asked = await changeOf(context, request, ref, request.body);
    if (!asked.ok && asked.error === null) return refuse(context, request, reply, asked.notFound);
    if (!asked.ok) return sendRoles(context, request, reply, { ref, errors: [asked.error], notice: null, form });
    const granted = await context.services.adminActions.grantRole(actorOf(request), asked.change);
    if (granted.ok)
      return reply.redirect(`${rolesPagePath(ref)}?done=${granted.value.granted ? "granted" : "unchanged"}`, 303);
    if (granted.reason === "forbidden" || granted.reason === "not_found")
      return refuse(context, request, reply, granted.reason === "not_found");
    const error = request.t(
      granted.reason === "no_group" ? "admin_roles.no_group_error" : "admin_roles.scope_not_allowed",
    );
    return sendRoles(context, request, reply, { ref, errors: [error], notice: null, form });
  });
  typed.post(
    "/users/:ref/roles/revoke",
    { schema: { params: Params, body: Body }, ...assign },
    async (request, reply) => {
      const { ref } = request.params;
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: rolesPagePath(ref) })))
        return reply;
      const asked = await changeOf(context, request, ref, request.body);
      if (!asked.ok && asked.error === null) return refuse(context, request, reply, asked.notFound);
      if (!asked.ok)
        return sendRoles(context, request, reply, {
          ref,
          errors: [asked.error],
          notice: null,
          form: { role: "", group: "" },
        });
      const revoked = await context.services.adminActions.revokeRole(actorOf(request), asked.change);
      if (!revoked.ok && revoked.reason === "last_global_admin")
        return sendRoles(context, request, reply, {
          ref,
          errors: [request.t("admin_manage.delete.last_global_admin")],
          notice: null,
          form: { role: "", group: "" },
        });
      if (!revoked.ok) return refuse(context, request, reply, revoked.reason === "not_found");
      return reply.redirect(`${rolesPagePath(ref)}?done=${revoked.value.revoked ? "revoked" : "unchanged"}`, 303);
    },
  );
  await Promise.resolve();
}
