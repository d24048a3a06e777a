/**
 * The admin API's group operations (SPEC §10, static groups nested to depth 10): list, one group with its members
 * and nesting, create, delete, add and remove members and subgroups. The domain's group services, the same the
 * portal's group pages call, check the capability, the member's rank and scope, depth and cycles, and audit. Creating,
 * deleting and nesting need `groups.manage`, which no group-scoped token has (it would widen its own scope); a
 * scoped token changes only the memberships of users inside its group (`users.manage` on the member).
 */
import Type from "typebox";
import { succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";
import { body, refTo, USER } from "./admin-response-schemas.js";

const closed = { additionalProperties: false } as const;
const GroupName = Type.String({ minLength: 1, maxLength: 200 });
const NameParams = Type.Object({ name: GroupName });
const MemberParams = Type.Object({ name: GroupName, userId: Type.String({ minLength: 1, maxLength: 256 }) });
const SubgroupParams = Type.Object({ name: GroupName, child: GroupName });
const NoBody = Type.Object({}, closed);

const GROUP_DETAIL = body({
  name: Type.String(),
  description: Type.String(),
  directMembers: Type.Integer(),
  subgroups: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
  members: Type.Array(refTo("AdminUser"), { description: "Direct members by user ID, at most 200." }),
  subgroupNames: Type.Array(Type.String()),
  parentNames: Type.Array(Type.String(), { description: "The groups this one sits inside directly." }),
});

const READS: readonly AdminOperation[] = [
  operation({
    method: "GET",
    url: "/groups",
    capability: "methods.view",
    operationId: "listAdminGroups",
    summary: "The built-in directory's groups",
    tag: "admin-groups",
    response: body({ groups: Type.Array(refTo("GroupSummary")) }),
    run: async ({ actions, actor }) => {
      const groups = await actions.listGroups(actor);
      return groups.ok ? succeed({ groups: groups.value }) : groups;
    },
  }),
  operation({
    method: "GET",
    url: "/groups/:name",
    capability: "methods.view",
    operationId: "getAdminGroup",
    summary: "One group with its direct members, subgroups and parents",
    tag: "admin-groups",
    params: NameParams,
    response: GROUP_DETAIL,
    run: ({ actions, actor, params }) => actions.groupDetail(actor, params.name),
  }),
];

const CHANGES: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/groups",
    capability: "groups.manage",
    operationId: "createAdminGroup",
    summary: "Create a group (409 `exists` when the name is taken)",
    tag: "admin-groups",
    body: Type.Object(
      {
        name: Type.String({ maxLength: 1000 }),
        description: Type.Optional(Type.String({ maxLength: 2000, description: "At most 500 characters." })),
      },
      closed,
    ),
    response: GROUP_DETAIL,
    run: async ({ actions, actor, body: input }) => {
      const created = await actions.createGroup(actor, { name: input.name, description: input.description ?? "" });
      if (!created.ok) return created;
      return actions.groupDetail(actor, input.name.trim());
    },
  }),
  operation({
    method: "DELETE",
    url: "/groups/:name",
    capability: "groups.manage",
    operationId: "deleteAdminGroup",
    summary: "Delete the group: memberships, nesting and roles scoped to it go; the users stay",
    tag: "admin-groups",
    params: NameParams,
    response: body({ deleted: Type.String() }),
    run: async ({ actions, actor, params }) => {
      const deleted = await actions.deleteGroup(actor, params.name);
      return deleted.ok ? succeed({ deleted: params.name }) : deleted;
    },
  }),
  operation({
    method: "PUT",
    url: "/groups/:name/members/:userId",
    capability: "users.manage",
    operationId: "addAdminGroupMember",
    summary: "Add the user to the group (`added` false when they were in it already)",
    tag: "admin-groups",
    params: MemberParams,
    body: NoBody,
    response: body({ user: USER, added: Type.Boolean() }),
    run: ({ actions, actor, params }) => actions.addMember(actor, { group: params.name, userId: params.userId }),
  }),
  operation({
    method: "DELETE",
    url: "/groups/:name/members/:userId",
    capability: "users.manage",
    operationId: "removeAdminGroupMember",
    summary: "Take the user out of the group (`removed` false when they were not a direct member)",
    tag: "admin-groups",
    params: MemberParams,
    response: body({ user: USER, removed: Type.Boolean() }),
    run: ({ actions, actor, params }) => actions.removeMember(actor, { group: params.name, userId: params.userId }),
  }),
  operation({
    method: "PUT",
    url: "/groups/:name/subgroups/:child",
    capability: "groups.manage",
    operationId: "addAdminSubgroup",
    summary: "Put group `child` inside this group (409 `cycle` or `too_deep` past depth 10)",
    tag: "admin-groups",
    params: SubgroupParams,
    body: NoBody,
    response: body({ added: Type.Boolean() }),
    run: ({ actions, actor, params }) => actions.addSubgroup(actor, { parent: params.name, child: params.child }),
  }),
  operation({
    method: "DELETE",
    url: "/groups/:name/subgroups/:child",
    capability: "groups.manage",
    operationId: "removeAdminSubgroup",
    summary: "Take group `child` out of this group",
    tag: "admin-groups",
    params: SubgroupParams,
    response: body({ removed: Type.Boolean() }),
    run: ({ actions, actor, params }) => actions.removeSubgroup(actor, { parent: params.name, child: params.child }),
  }),
];

export const GROUP_OPERATIONS: readonly AdminOperation[] = [...READS, ...CHANGES];
