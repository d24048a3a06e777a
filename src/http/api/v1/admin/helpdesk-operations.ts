/**
 * The admin API's helpdesk actions (SPEC §10, §18) and "Diagnose this user" (SPEC §13.1). A
 * temporary password or access pass is in the one answer that made it (no-store), never in any later one.
 */
import Type from "typebox";
import { ACCESS_PASS_MINUTES } from "../../../../domain/access-pass/access-pass-code.js";
import { parseDiagnoseQuery } from "../../../../domain/troubleshoot/diagnose-user.js";
import { fail } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";
import { UserIdParams } from "./user-operations.js";
import { body, Time, USER, USER_BODY } from "./admin-response-schemas.js";
import { DIAGNOSIS } from "./diagnosis-schema.js";

const NoBody = Type.Object({}, { additionalProperties: false });
const ResetBody = Type.Object(
  {
    choice: Type.Optional(Type.Union([Type.Literal("generate"), Type.Literal("type")], { default: "generate" })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    confirmation: Type.Optional(Type.String({ maxLength: 1024 })),
    mustChange: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
const HoldBody = Type.Object(
  { note: Type.String({ maxLength: 2000, description: "Why the hold may go (at most 500 characters)." }) },
  { additionalProperties: false },
);

/** A helpdesk action on one user with no input besides the user. */
function userAction(
  input: Pick<AdminOperation, "url" | "capability" | "operationId" | "summary" | "response">,
  act: (context: Parameters<AdminOperation["run"]>[0], userId: string) => ReturnType<AdminOperation["run"]>,
): AdminOperation {
  return operation({
    ...input,
    method: "POST",
    tag: "admin-helpdesk",
    params: UserIdParams,
    body: NoBody,
    run: (context) => act(context, context.params.userId),
  });
}

/** The helpdesk actions of SPEC §10 and §18 beyond the first five: access pass, methods, re-registration, reminder. */
const MORE_ACTIONS: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/users/:userId/access-pass",
    capability: "access_pass.issue",
    operationId: "issueAdminAccessPass",
    summary: "Temporary access pass: a one-time code (10 min–8 h) shown in this answer only; replaces an open one",
    tag: "admin-helpdesk",
    params: UserIdParams,
    body: Type.Object(
      {
        minutes: Type.Optional(
          Type.Integer({
            minimum: ACCESS_PASS_MINUTES.min,
            maximum: ACCESS_PASS_MINUTES.max,
            default: ACCESS_PASS_MINUTES.default,
          }),
        ),
      },
      { additionalProperties: false },
    ),
    response: body({
      user: USER,
      code: Type.String({ description: "Shown once: stored only as a hash, never logged, audited or emailed." }),
      expiresAt: Time,
      replaced: Type.Boolean({ description: "An open pass was replaced by this one." }),
    }),
    run: ({ actions, actor, params, body: input }) =>
      actions.issueAccessPass(actor, params.userId, input.minutes === undefined ? {} : { minutes: input.minutes }),
  }),
  operation({
    method: "DELETE",
    url: "/users/:userId/methods/:methodId",
    capability: "sessions.revoke",
    operationId: "removeAdminUserMethod",
    summary: "Remove one verified method of the user (its id from the methods list); the user is told",
    tag: "admin-helpdesk",
    params: Type.Object({ userId: UserIdParams.properties.userId, methodId: Type.String({ maxLength: 64 }) }),
    response: body({ user: USER, method: Type.String({ description: "The kind of method removed." }) }),
    run: ({ actions, actor, params }) => actions.removeUserMethod(actor, params.userId, params.methodId),
  }),
  userAction(
    {
      url: "/users/:userId/require-reregistration",
      capability: "sessions.revoke",
      operationId: "requireAdminUserReregistration",
      summary: "Require re-registration: every method goes and the user must register at the next sign-in",
      response: body({ user: USER, methodsRemoved: Type.Integer() }),
    },
    ({ actions, actor }, userId) => actions.requireReregistration(actor, userId),
  ),
  userAction(
    {
      url: "/users/:userId/registration-reminder",
      capability: "sessions.revoke",
      operationId: "remindAdminUserToRegister",
      summary: "Email the user a reminder to set up their security info (409 `no_address` without an address)",
      response: body({ user: USER, recipients: Type.Integer() }),
    },
    ({ actions, actor }, userId) => actions.sendRegistrationReminder(actor, userId),
  ),
];

export const HELPDESK_OPERATIONS: readonly AdminOperation[] = [
  ...MORE_ACTIONS,
  operation({
    method: "POST",
    url: "/users/:userId/reset-password",
    capability: "password.reset",
    operationId: "resetAdminUserPassword",
    summary: "Admin reset: a generated (default) or typed temporary password, shown once in this answer only",
    tag: "admin-helpdesk",
    params: UserIdParams,
    body: ResetBody,
    response: body({
      user: USER,
      temporaryPassword: Type.String({ description: "Shown once: never stored, emailed, logged or audited." }),
    }),
    run: ({ actions, actor, params, body }) =>
      actions.setTemporaryPassword(actor, params.userId, {
        choice:
          body.choice === "type"
            ? { kind: "type", password: body.password ?? "", confirmation: body.confirmation ?? "" }
            : { kind: "generate" },
        mustChange: body.mustChange ?? true,
      }),
  }),
  userAction(
    {
      url: "/users/:userId/unlock",
      capability: "password.reset",
      operationId: "unlockAdminUser",
      summary: "Unlock: the admin lock and sign-in lockout go",
      response: body({ user: USER, wasAdminLocked: Type.Boolean() }),
    },
    ({ actions, actor }, userId) => actions.unlockUser(actor, userId),
  ),
  userAction(
    {
      url: "/users/:userId/clear-block",
      capability: "sessions.revoke",
      operationId: "clearAdminUserSsprBlock",
      summary: "Clear SSPR block: the account's counters A1–A4 and blocks",
      response: USER_BODY,
    },
    ({ actions, actor }, userId) => actions.clearSsprBlock(actor, userId),
  ),
  userAction(
    {
      url: "/users/:userId/revoke-sessions",
      capability: "sessions.revoke",
      operationId: "revokeAdminUserSessions",
      summary: "End every Sandi session of the user and cancel open flows",
      response: body({ user: USER, sessionsEnded: Type.Integer() }),
    },
    ({ actions, actor }, userId) => actions.revokeSessions(actor, userId),
  ),
  operation({
    method: "POST",
    url: "/users/:userId/release-hold",
    capability: "hold.release",
    operationId: "releaseAdminUserHold",
    summary: "Release the security hold, with a note saying why",
    tag: "admin-helpdesk",
    params: UserIdParams,
    body: HoldBody,
    response: USER_BODY,
    run: ({ actions, actor, params, body }) => actions.releaseSecurityHold(actor, params.userId, body.note),
  }),
  operation({
    method: "GET",
    url: "/diagnose",
    capability: "troubleshoot.run",
    operationId: "diagnoseAdminUser",
    summary: "Diagnose this user: the SPEC §13.1 checks for a user ID or a support code",
    tag: "admin-helpdesk",
    querystring: Type.Object({ q: Type.String({ maxLength: 256 }) }, { additionalProperties: false }),
    response: DIAGNOSIS,
    run: async ({ actions, actor, query }) => {
      const parsed = parseDiagnoseQuery(query.q);
      return parsed === null ? fail("no_query") : actions.diagnoseUser(actor, parsed);
    },
  }),
];
