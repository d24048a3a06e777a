/**
 * `/admin/groups/:name/rename` (issue 12 item 5): the form and its post. The domain renames the group with its
 * members, nesting and group-scoped roles, and refuses while the SSPR policy names it; every change passes `mayChange`.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { groupPath, groupRenamePage } from "../views/admin/group-pages.js";
import type { FormError } from "../views/layout.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  isFreshOrSentToStepUp,
  mayChange,
  sendAdminPage,
} from "./admin-forms.js";
import { Csrf, mayManageGroups, NameParams, refuse } from "./group-route-parts.js";
import { needs } from "../route-capability.js";

const RenameBody = Type.Object({ csrf: Csrf, name: Type.Optional(Type.String({ maxLength: 1000 })) });

async function sendRenameForm(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { name: string; typed: string; errors: FormError[] },
) {
  const found = await context.services.adminActions.groupDetail(actorOf(request), page.name);
  if (!found.ok) return refuse(context, request, reply, found.reason);
  if (!mayManageGroups(context, request)) return refuse(context, request, reply, "forbidden");
  return sendAdminPage(context.services, request, reply, {
    title: request.t("admin_manage.groups.rename_title", { group: found.value.name }),
    body: groupRenamePage(request.t, {
      group: found.value,
      csrf: adminCsrfToken(context.services, request),
      typed: page.typed,
      errors: page.errors,
    }),
    status: page.errors.length > 0 ? 400 : 200,
  });
}

export function registerGroupRenameRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    "/groups/:name/rename",
    { ...needs("groups.manage"), schema: { params: NameParams } },
    async (request, reply) => {
      const { name } = request.params;
      if (!(await isFreshOrSentToStepUp(context.services, request, reply, `${groupPath(name)}/rename`))) return reply;
      return sendRenameForm(context, request, reply, { name, typed: name, errors: [] });
    },
  );
  typed.post(
    "/groups/:name/rename",
    { ...needs("groups.manage"), schema: { params: NameParams, body: RenameBody } },
    async (request, reply) => {
      const from = request.params.name;
      const next = `${groupPath(from)}/rename`;
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const to = request.body.name ?? "";
      const renamed = await context.services.adminActions.renameGroup(actorOf(request), { from, to });
      if (renamed.ok) return reply.redirect(`${groupPath(to.trim())}?done=renamed`, 303);
      if (renamed.reason === "forbidden" || renamed.reason === "read_only" || renamed.reason === "not_found")
        return refuse(context, request, reply, renamed.reason);
      const message = request.t(`admin_manage.groups.error.${renamed.reason}`, {
        fields: (renamed.fields ?? []).join(", "),
      });
      return sendRenameForm(context, request, reply, { name: from, typed: to, errors: [{ field: "name", message }] });
    },
  );
}
