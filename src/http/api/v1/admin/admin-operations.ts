/**
 * The admin API's operations on the policy, users, groups and methods (helpdesk-operations.ts has the helpdesk
 * actions, diagnose and the audit). Each is one entry: its capability, its schemas, and the one domain service it
 * calls, the same the portal and the CLI call.
 */
import Type from "typebox";
import { fail, succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";

export const UserIdParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 256 }) });
const SettingBody = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100, description: "A SPEC §3 setting, e.g. methodsToReset." }),
    value: Type.String({ maxLength: 20_000, description: "The value as `sandi policy set` takes it." }),
  },
  { additionalProperties: false },
);
const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 256, description: "Part of a user ID or name; empty: everyone." })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
const NoBody = Type.Object({}, { additionalProperties: false });

export const POLICY_AND_USER_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "GET",
    url: "/policy",
    capability: "policy.read",
    operationId: "getAdminPolicy",
    summary: "The SSPR policy in force (null before one was saved: the defaults apply)",
    tag: "admin-policy",
    run: ({ actions, actor }) => actions.currentPolicy(actor),
  }),
  operation({
    method: "POST",
    url: "/policy/validate",
    capability: "policy.edit",
    operationId: "validateAdminPolicySetting",
    summary: "What setting one value would change, or every rule it breaks; saves nothing",
    tag: "admin-policy",
    body: SettingBody,
    run: ({ actions, actor, body }) => actions.validatePolicySetting(actor, body),
  }),
  operation({
    method: "PUT",
    url: "/policy/settings",
    capability: "policy.edit",
    operationId: "setAdminPolicySetting",
    summary: "Set one policy setting and save a new version (422 with the violations when it breaks a rule)",
    tag: "admin-policy",
    body: SettingBody,
    run: ({ actions, actor, body }) => actions.setPolicySetting(actor, body),
  }),
  operation({
    method: "GET",
    url: "/users",
    capability: "methods.view",
    operationId: "searchAdminUsers",
    summary: "Users whose ID or name contains q, 25 a page (a group-scoped token sees its group's members only)",
    tag: "admin-users",
    querystring: SearchQuery,
    run: ({ actions, actor, query }) => actions.searchUsers(actor, { text: query.q ?? "", page: query.page ?? 1 }),
  }),
  operation({
    method: "GET",
    url: "/users/:userId",
    capability: "methods.view",
    operationId: "getAdminUser",
    summary: "One user: identity, state, masked methods, SSPR counters, lock, recent flows and audit events",
    tag: "admin-users",
    params: UserIdParams,
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
    run: async ({ actions, actor, params }) => {
      const found = await actions.showUser(actor, params.userId);
      if (!found.ok) return found;
      const detail = await actions.userDetail(actor, found.value.user.ref);
      return detail.ok ? succeed({ methods: detail.value.methods }) : fail(detail.reason);
    },
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
    run: ({ actions, actor, params }) => actions.setUserEnabled(actor, params.userId, false),
  }),
  operation({
    method: "GET",
    url: "/groups",
    capability: "methods.view",
    operationId: "listAdminGroups",
    summary: "The built-in directory's groups",
    tag: "admin-users",
    run: async ({ actions, actor }) => {
      const groups = await actions.listGroups(actor);
      return groups.ok ? succeed({ groups: groups.value }) : groups;
    },
  }),
];
