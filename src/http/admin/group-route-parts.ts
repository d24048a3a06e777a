/** What the group pages share: the route schemas for a group's name and form token, who may change what, the refusals. */
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { actorMay, actorMayOn } from "../../domain/admin/admin-actor.js";
import type { AdminUserView } from "../../domain/admin/admin-ports.js";
import { type AdminRouteContext, actorOf, sendAdminRefusal } from "./admin-forms.js";

export const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
export const Csrf = Type.Optional(Type.String({ maxLength: 128 }));

/**
 * The admin may create, rename, delete and nest groups (`groups.manage`, never granted by a group-scoped role) and
 * the directory lets Sandi do it.
 */
export function mayManageGroups(context: AdminRouteContext, request: FastifyRequest): boolean {
  return actorMay(actorOf(request), "groups.manage") && context.services.adminActions.managesDirectory();
}

/** The admin may change some users' memberships (`users.manage`, on their scope's users) and the directory allows it. */
export function mayManageMembers(context: AdminRouteContext, request: FastifyRequest): boolean {
  return actorMay(actorOf(request), "users.manage") && context.services.adminActions.managesDirectory();
}

/** The members the admin may take out of the group: those they may manage (rank and scope), never themselves. */
export function removableMembers(
  context: AdminRouteContext,
  request: FastifyRequest,
  members: readonly AdminUserView[],
): ReadonlySet<string> {
  if (!mayManageMembers(context, request)) return new Set();
  const actor = actorOf(request);
  return new Set(members.filter((member) => actorMayOn(actor, "users.manage", member)).map((member) => member.ref));
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
