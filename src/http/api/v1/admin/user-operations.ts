/**
 * The admin API's user operations (SPEC §10 "Users and groups"): the list with the portal's filters, one user's page,
 * create, edit, delete, enable, disable, the masked methods and their history. Each is one entry naming its
 * capability, its schemas and the domain service it calls, the same the portal and the CLI call; the services check
 * the role, the target's rank and scope, the directory's capabilities and the refusals (one's own account, the last
 * Global admin).
 */
import Type, { type Static } from "typebox";
import type { AdminActions } from "../../../../domain/admin/admin-actions.js";
import type { AdminActor } from "../../../../domain/admin/admin-actor.js";
import type { FieldProblem } from "../../../../domain/admin/user-fields.js";
import { fail, succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, type OperationResult, operation } from "./admin-operation.js";
import { body, refTo, USER, USER_BODY } from "./admin-response-schemas.js";
import type { MethodEvent } from "../../../../domain/registration/registration-ports.js";
import {
  CreateUserBody,
  EditUserBody,
  ListQuery,
  METHOD_HISTORY,
  USER_DETAIL,
  USER_PAGE,
  UserIdParams,
} from "./user-schemas.js";

export { UserIdParams } from "./user-schemas.js";

const NoBody = Type.Object({}, { additionalProperties: false });

/** A refusal that lists the fields' problems (`invalid`) passes them on as the violations. */
/** A user the token's group scope would not cover is refused as any act outside the scope is: 403. */
function asForbidden<T extends { ok: boolean; reason?: string }>(outcome: T): T | { ok: false; reason: "forbidden" } {
  return !outcome.ok && outcome.reason === "out_of_scope" ? { ok: false, reason: "forbidden" } : outcome;
}

function withProblems(
  outcome: OperationResult | { ok: false; reason: "invalid"; problems: readonly FieldProblem[] },
): OperationResult {
  if (outcome.ok || !("problems" in outcome)) return outcome;
  return { ok: false, reason: outcome.reason, violations: outcome.problems };
}

/**
 * An edit sends only what changes; the domain's edit replaces every field, so the rest is filled with the stored
 * values, as the portal's form arrives filled.
 */
async function editUser(
  actions: AdminActions,
  actor: AdminActor,
  userId: string,
  input: Static<typeof EditUserBody>,
): Promise<OperationResult> {
  const found = await actions.showUser(actor, userId);
  if (!found.ok) return found;
  const { user } = found.value;
  const contact = await actions.userContact(actor, user.ref);
  const edited = await actions.editUser(actor, userId, {
    displayName: input.displayName ?? user.displayName,
    firstName: input.firstName ?? user.firstName,
    lastName: input.lastName ?? user.lastName,
    email: input.email ?? user.email ?? "",
    mobilePhone: input.mobilePhone ?? contact?.mobilePhone ?? "",
    officePhone: input.officePhone ?? contact?.officePhone ?? "",
    language: input.language ?? user.preferredLanguage ?? "",
    ...(input.groups === undefined ? {} : { groups: input.groups }),
  });
  return withProblems(edited);
}

/** Who acted, by kind only: the history's "admin:<ref>" or "token:<id>" names what the caller need not see. */
function actorKindOf(actor: string): "user" | "admin" | "token" | "console" {
  const kind = actor.split(":")[0];
  return kind === "user" || kind === "token" || kind === "console" ? kind : "admin";
}

/** A history entry as the API shows it: named fields only. */
function historyEntry(event: MethodEvent) {
  const { at, method, action, masked, ip, client } = event;
  return { at, method, action, masked, by: actorKindOf(event.actor), ip, client };
}

const READS: readonly AdminOperation[] = [
  operation({
    method: "GET",
    url: "/users",
    capability: "methods.view",
    operationId: "listAdminUsers",
    summary: "Users, 50 a page, filtered and sorted as on the portal (a group-scoped token sees its group only)",
    tag: "admin-users",
    querystring: ListQuery,
    response: USER_PAGE,
    run: ({ actions, actor, query }) =>
      actions.listUserPage(actor, {
        text: query.q ?? "",
        enabled: query.state === undefined ? null : query.state === "enabled",
        registered: query.registered ?? null,
        locked: query.locked ?? null,
        group: query.group ?? null,
        sort: query.sort ?? "user_id",
        descending: query.dir === "desc",
        page: query.page ?? 1,
      }),
  }),
  operation({
    method: "GET",
    url: "/users/:userId",
    capability: "methods.view",
    operationId: "getAdminUser",
    summary: "One user: identity, state, masked methods, SSPR counters, lock, recent flows and audit events",
    tag: "admin-users",
    params: UserIdParams,
    response: USER_DETAIL,
    run: async ({ actions, actor, params }) => {
      const found = await actions.showUser(actor, params.userId);
      if (!found.ok) return found;
      return actions.userDetail(actor, found.value.user.ref);
    },
  }),
  operation({
    method: "GET",
    url: "/users/:userId/methods",
    capability: "methods.view",
    operationId: "listAdminUserMethods",
    summary: "The user's verified methods, masked (SPEC §4.2): never a secret, answer or full number",
    tag: "admin-users",
    params: UserIdParams,
    response: body({ methods: Type.Array(refTo("MaskedMethod")) }),
    run: async ({ actions, actor, params }) => {
      const found = await actions.showUser(actor, params.userId);
      if (!found.ok) return found;
      const detail = await actions.userDetail(actor, found.value.user.ref);
      return detail.ok ? succeed({ methods: detail.value.methods }) : fail(detail.reason);
    },
  }),
  operation({
    method: "GET",
    url: "/users/:userId/methods/history",
    capability: "methods.view",
    operationId: "listAdminUserMethodHistory",
    summary: "The user's method history, newest first: each add, change, removal and use, the value masked",
    tag: "admin-users",
    params: UserIdParams,
    response: METHOD_HISTORY,
    run: async ({ actions, actor, params }) => {
      const found = await actions.showUser(actor, params.userId);
      if (!found.ok) return found;
      const history = await actions.methodHistory(actor, found.value.user.ref);
      return history.ok ? succeed({ events: history.value.map(historyEntry) }) : history;
    },
  }),
];

const CHANGES: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/users",
    capability: "users.manage",
    operationId: "createAdminUser",
    summary: "Create a built-in user; the generated temporary password is in this answer only",
    tag: "admin-users",
    body: CreateUserBody,
    response: body({
      user: USER,
      temporaryPassword: Type.String({ description: "Shown once: never stored, logged or audited." }),
    }),
    run: async ({ actions, actor, body: input }) => withProblems(asForbidden(await actions.createUser(actor, input))),
  }),
  operation({
    method: "PATCH",
    url: "/users/:userId",
    capability: "users.manage",
    operationId: "editAdminUser",
    summary: "Edit identity, contact fields, language or direct groups; fields left out keep their value",
    tag: "admin-users",
    params: UserIdParams,
    body: EditUserBody,
    response: USER_BODY,
    run: ({ actions, actor, params, body: input }) => editUser(actions, actor, params.userId, input),
  }),
  operation({
    method: "DELETE",
    url: "/users/:userId",
    capability: "users.manage",
    operationId: "deleteAdminUser",
    summary: "Delete the user (sessions end first); never one's own account or the last enabled Global admin",
    tag: "admin-users",
    params: UserIdParams,
    response: USER_BODY,
    run: ({ actions, actor, params }) => actions.deleteUser(actor, params.userId),
  }),
  operation({
    method: "POST",
    url: "/users/:userId/enable",
    capability: "users.manage",
    operationId: "enableAdminUser",
    summary: "Allow the user to sign in and use SSPR again",
    tag: "admin-users",
    params: UserIdParams,
    body: NoBody,
    response: body({ user: USER, changed: Type.Boolean() }),
    run: ({ actions, actor, params }) => actions.setUserEnabled(actor, params.userId, true),
  }),
  operation({
    method: "POST",
    url: "/users/:userId/disable",
    capability: "users.manage",
    operationId: "disableAdminUser",
    summary: "Stop sign-in and SSPR for the user; ends every session",
    tag: "admin-users",
    params: UserIdParams,
    body: NoBody,
    response: body({ user: USER, changed: Type.Boolean() }),
    run: ({ actions, actor, params }) => actions.setUserEnabled(actor, params.userId, false),
  }),
];

export const USER_OPERATIONS: readonly AdminOperation[] = [...READS, ...CHANGES];
