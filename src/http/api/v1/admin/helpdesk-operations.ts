/** The admin API's helpdesk actions (SPEC §10), "Diagnose this user" (SPEC §13.1) and the audit log read. */
import Type from "typebox";
import { parseDiagnoseQuery } from "../../../../domain/troubleshoot/diagnose-user.js";
import { fail, succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";
import { UserIdParams } from "./admin-operations.js";

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
  input: Pick<AdminOperation, "url" | "capability" | "operationId" | "summary">,
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

export const HELPDESK_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/users/:userId/reset-password",
    capability: "password.reset",
    operationId: "resetAdminUserPassword",
    summary: "Admin reset: a generated (default) or typed temporary password, shown once in this answer only",
    tag: "admin-helpdesk",
    params: UserIdParams,
    body: ResetBody,
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
    },
    ({ actions, actor }, userId) => actions.unlockUser(actor, userId),
  ),
  userAction(
    {
      url: "/users/:userId/clear-block",
      capability: "sessions.revoke",
      operationId: "clearAdminUserSsprBlock",
      summary: "Clear SSPR block: the account's counters A1–A4 and blocks",
    },
    ({ actions, actor }, userId) => actions.clearSsprBlock(actor, userId),
  ),
  userAction(
    {
      url: "/users/:userId/revoke-sessions",
      capability: "sessions.revoke",
      operationId: "revokeAdminUserSessions",
      summary: "End every Sandi session of the user and cancel open flows",
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
    run: async ({ actions, actor, query }) => {
      const parsed = parseDiagnoseQuery(query.q);
      return parsed === null ? fail("no_query") : actions.diagnoseUser(actor, parsed);
    },
  }),
  operation({
    method: "GET",
    url: "/audit",
    capability: "audit.read",
    operationId: "readAdminAudit",
    summary: "The newest audit events (of one user, as actor or target, when userId is given), oldest first",
    tag: "admin-audit",
    querystring: Type.Object(
      {
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        userId: Type.Optional(Type.String({ maxLength: 256 })),
      },
      { additionalProperties: false },
    ),
    run: async ({ actions, actor, query }) => {
      const read = await actions.readAudit(actor, {
        limit: query.limit ?? 100,
        ...(query.userId === undefined ? {} : { userId: query.userId }),
      });
      return read.ok ? succeed({ events: read.value }) : read;
    },
  }),
];
