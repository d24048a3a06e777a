/** What the group pages share: the route schemas for a group's name and form token, who may manage, the refusals. */
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { actorMay } from "../../domain/admin/admin-actor.js";
import { type AdminRouteContext, actorOf, sendAdminRefusal } from "./admin-forms.js";

export const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
export const Csrf = Type.Optional(Type.String({ maxLength: 128 }));

/** The admin may change users and groups (users.manage) and the directory lets Sandi do it. */
export function mayManage(context: AdminRouteContext, request: FastifyRequest): boolean {
  return actorMay(actorOf(request), "users.manage") && context.services.adminActions.managesDirectory();
}

/** The page for a refused group action: 404 for a group that does not exist, else 403 with why. */
export const refuse = (context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply, reason: string) => {
  const notFound = reason === "not_found";
  const key = notFound
    ? "admin_manage.groups.not_found"
    : reason === "read_only"
      ? "admin_manage.read_only"
      : "admin_users.forbidden";
  return sendAdminRefusal(context.services, request, reply, { message: request.t(key), status: notFound ? 404 : 403 });
};
