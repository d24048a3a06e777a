/**
 * The group pages (SPEC §10, static groups nested to depth 10): `/admin/groups` lists and creates, `/admin/groups/:name`
 * shows one with its members and subgroups and takes the forms that add or remove them, and its delete confirmation.
 * Every change passes `mayChange`; the domain's services check `groups.manage` (create, rename, delete, nest: never a
 * group-scoped role) or `users.manage` on the member, depth and cycles, and audit. The pages offer only what the
 * admin may do.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { FormError } from "../views/layout.js";
import {
  GROUP_SORTS,
  type GroupSort,
  groupDeletePage,
  groupListPage,
  groupPage,
  groupPath,
  groupsInOrder,
} from "../views/admin/group-pages.js";
import type { TableOrder } from "../views/admin/data-table.js";
import { TABLE_QUERY_FIELDS, tableOrderOf } from "./table-query.js";
import { registerGroupRenameRoutes } from "./group-rename-routes.js";
import { Csrf, mayManageGroups, mayManageMembers, NameParams, refuse, removableMembers } from "./group-route-parts.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  isFreshOrSentToStepUp,
  mayChange,
  sendAdminPage,
} from "./admin-forms.js";
import { needs } from "../route-capability.js";

const Op = Type.Union([Type.Literal("add"), Type.Literal("remove")]);
const CreateBody = Type.Object({
  csrf: Csrf,
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
});
const MemberBody = Type.Object({ csrf: Csrf, op: Op, userId: Type.Optional(Type.String({ maxLength: 1000 })) });
const SubgroupBody = Type.Object({ csrf: Csrf, op: Op, child: Type.Optional(Type.String({ maxLength: 1000 })) });
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 32 })) });
const ListQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 32 })), ...TABLE_QUERY_FIELDS });
const GROUP_ORDER = { sorts: GROUP_SORTS, sort: "name", dir: "asc" } as const;

const DONE = [
  "created",
  "renamed",
  "deleted",
  "member_added",
  "member_removed",
  "subgroup_added",
  "subgroup_removed",
] as const;

function doneWords(request: FastifyRequest, done: string | undefined): string | null {
  const known = DONE.find((value) => value === done);
  return known === undefined ? null : request.t(`admin_manage.groups.done.${known}`);
}

async function sendList(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: {
    typed: { name: string; description: string };
    errors: FormError[];
    done: string | null;
    order: TableOrder<GroupSort>;
  },
) {
  const listed = await context.services.adminActions.listGroups(actorOf(request));
  if (!listed.ok) return refuse(context, request, reply, listed.reason);
  return sendAdminPage(context.services, request, reply, {
    title: request.t("admin_manage.groups.title"),
    body: groupListPage(request.t, {
      ...page,
      groups: groupsInOrder(listed.value, page.order),
      mayManage: mayManageGroups(context, request),
      csrf: adminCsrfToken(context.services, request),
    }),
    status: page.errors.length > 0 ? 400 : 200,
  });
}

async function sendGroup(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { name: string; typed: { userId: string; child: string }; errors: FormError[]; done: string | null },
) {
  const found = await context.services.adminActions.groupDetail(actorOf(request), page.name);
  if (!found.ok) return refuse(context, request, reply, found.reason);
  return sendAdminPage(context.services, request, reply, {
    title: request.t("admin_manage.groups.page_title", { group: found.value.name }),
    body: groupPage(request.t, {
      ...page,
      group: found.value,
      may: {
        groups: mayManageGroups(context, request),
        addMembers: mayManageMembers(context, request),
        removeMembers: removableMembers(context, request, found.value.members),
      },
      csrf: adminCsrfToken(context.services, request),
    }),
    status: page.errors.length > 0 ? 400 : 200,
  });
}

function registerListRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get("/groups", { ...needs("methods.view"), schema: { querystring: ListQuery } }, (request, reply) =>
    sendList(context, request, reply, {
      typed: { name: "", description: "" },
      errors: [],
      done: doneWords(request, request.query.done),
      order: tableOrderOf(request.query, GROUP_ORDER),
    }),
  );
  typed.post("/groups", { ...needs("groups.manage"), schema: { body: CreateBody } }, async (request, reply) => {
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: "/admin/groups" }))) return reply;
    const typedValues = { name: request.body.name ?? "", description: request.body.description ?? "" };
    const created = await context.services.adminActions.createGroup(actorOf(request), typedValues);
    if (created.ok) return reply.redirect(`${groupPath(typedValues.name.trim())}?done=created`, 303);
    if (created.reason === "forbidden" || created.reason === "read_only")
      return refuse(context, request, reply, created.reason);
    const field = created.reason === "invalid_description" ? "description" : "name";
    const errors = [{ field, message: request.t(`admin_manage.groups.error.${created.reason}`) }];
    const order = { sort: GROUP_ORDER.sort, dir: GROUP_ORDER.dir, page: 1 };
    return sendList(context, request, reply, { typed: typedValues, errors, done: null, order });
  });
}

function registerGroupPage(app: FastifyInstance, context: AdminRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    "/groups/:name",
    { ...needs("methods.view"), schema: { params: NameParams, querystring: DoneQuery } },
    (request, reply) =>
      sendGroup(context, request, reply, {
        name: request.params.name,
        typed: { userId: "", child: "" },
        errors: [],
        done: doneWords(request, request.query.done),
      }),
  );
  typed.get(
    "/groups/:name/delete",
    { ...needs("groups.manage"), schema: { params: NameParams } },
    async (request, reply) => {
      const { services } = context;
      const next = `${groupPath(request.params.name)}/delete`;
      const found = await services.adminActions.groupDetail(actorOf(request), request.params.name);
      if (!found.ok) return refuse(context, request, reply, found.reason);
      if (!mayManageGroups(context, request)) return refuse(context, request, reply, "forbidden");
      if (!(await isFreshOrSentToStepUp(services, request, reply, next))) return reply;
      return sendAdminPage(services, request, reply, {
        title: request.t("admin_manage.groups.delete_title", { group: found.value.name }),
        body: groupDeletePage(request.t, { group: found.value, csrf: adminCsrfToken(services, request) }),
      });
    },
  );
  typed.post(
    "/groups/:name/delete",
    { ...needs("groups.manage"), schema: { params: NameParams, body: Type.Object({ csrf: Csrf }) } },
    async (request, reply) => {
      const next = `${groupPath(request.params.name)}/delete`;
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const deleted = await context.services.adminActions.deleteGroup(actorOf(request), request.params.name);
      if (!deleted.ok) return refuse(context, request, reply, deleted.reason);
      return reply.redirect("/admin/groups?done=deleted", 303);
    },
  );
}

function registerMemberRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    "/groups/:name/members",
    { ...needs("users.manage"), schema: { params: NameParams, body: MemberBody } },
    async (request, reply) => {
      const group = request.params.name;
      const next = groupPath(group);
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const userId = (request.body.userId ?? "").trim();
      const admin = context.services.adminActions;
      const outcome =
        request.body.op === "add"
          ? await admin.addMember(actorOf(request), { group, userId })
          : await admin.removeMember(actorOf(request), { group, userId });
      if (outcome.ok)
        return reply.redirect(`${next}?done=member_${request.body.op === "add" ? "added" : "removed"}`, 303);
      if (outcome.reason === "forbidden" || outcome.reason === "read_only")
        return refuse(context, request, reply, outcome.reason);
      const code = outcome.reason === "not_found" ? "no_user" : "no_group";
      const errors = [{ field: "userId", message: request.t(`admin_manage.groups.error.${code}`) }];
      return sendGroup(context, request, reply, { name: group, typed: { userId, child: "" }, errors, done: null });
    },
  );
  typed.post(
    "/groups/:name/subgroups",
    { ...needs("groups.manage"), schema: { params: NameParams, body: SubgroupBody } },
    async (request, reply) => {
      const parent = request.params.name;
      const next = groupPath(parent);
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const child = (request.body.child ?? "").trim();
      const admin = context.services.adminActions;
      const outcome =
        request.body.op === "add"
          ? await admin.addSubgroup(actorOf(request), { parent, child })
          : await admin.removeSubgroup(actorOf(request), { parent, child });
      if (outcome.ok)
        return reply.redirect(`${next}?done=subgroup_${request.body.op === "add" ? "added" : "removed"}`, 303);
      if (outcome.reason === "forbidden" || outcome.reason === "read_only" || outcome.reason === "not_found")
        return refuse(context, request, reply, outcome.reason);
      const errors = [{ field: "child", message: request.t(`admin_manage.groups.error.${outcome.reason}`) }];
      return sendGroup(context, request, reply, { name: parent, typed: { userId: "", child }, errors, done: null });
    },
  );
}

export function registerGroupRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  registerListRoutes(app, context);
  registerGroupPage(app, context);
  registerGroupRenameRoutes(app, context);
  registerMemberRoutes(app, context);
}
